"""What browser tests share: window sizes, where artifacts go, signing in, picking a film, reading axe's findings."""

from pathlib import Path

from playwright.sync_api import expect

SMALL_PHONE = {"width": 360, "height": 740}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def save_artifact(name, data):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)
    return ARTIFACTS / name


def sign_in(page, live_server, editor, next_path):
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + next_path)


def choose_film(page, row, title):
    row.locator(".field-film .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(title.split(" (")[0])
    page.get_by_role("option", name=title).click()


def describe(violations):
    """One paragraph per broken rule: what it is, how bad, where to read more, and every element that breaks it."""
    lines = [f"axe found {len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines += ["", f"{violation['id']} ({violation['impact']}): {violation['help']}", f"  {violation['helpUrl']}"]
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {' '.join(node['html'].split())[:200]}")
            lines += [f"    {line}" for line in node.get("failureSummary", "").splitlines()]
    return "\n".join(lines)


def wait_for_autosave(page):
    """Until the list's form has been autosaved (autosave.js, a few seconds after typing stops). A test that types
    without saving waits for it, so that no autosave reaches the live server while the test's database is emptied."""
    expect(page.locator(".autosave-status")).to_contain_text("Your changes were autosaved at", timeout=10_000)


def opened_entry(page, film):
    """The entry holding `film` in a list's form, opened if the form folded it."""
    chosen = page.locator(f"select[name$='-film'] option[value='{film.pk}'][selected]")
    row = page.locator(".inline-related", has=chosen)
    # Every saved entry gets its fold button once static/recommendations/admin/entry_fold.js has run.
    toggle = row.locator(".entry-toggle")
    expect(toggle).to_have_count(1)
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    return row


def entry_blurb(page, film):
    """The blurb box of the entry holding `film` in a list's form, its entry opened if the form folded it."""
    return opened_entry(page, film).locator("textarea[name$='-blurb']")
