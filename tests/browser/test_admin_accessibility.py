"""axe-core finds nothing to fix on the editors' main pages, on a phone and a desktop, and none scrolls sideways."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.models import Article, Film

from .helpers import DESKTOP, PHONE, describe, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]

axe = Axe()


def list_form(page, backtrace):
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)  # with its suggestions too
    return f"/admin/recommendations/article/{backtrace.pk}/change/"


def open_one_entry(page):
    page.get_by_role("button", name="#3 · Out of Death (2021)").click()
    expect(page.get_by_role("button", name="#3 · Out of Death (2021)")).to_have_attribute("aria-expanded", "true")


PAGES = [
    pytest.param(list_form, None, id="list-form-folded"),
    pytest.param(list_form, open_one_entry, id="list-form-one-open"),
    pytest.param(lambda page, backtrace: "/admin/", None, id="start-page"),
    pytest.param(
        lambda page, backtrace: f"/admin/recommendations/film/{Film.objects.get(slug='escape-plan-2013').pk}/change/",
        None,
        id="film-form",
    ),
]


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize(("path_of", "then"), PAGES)
def test_axe_finds_no_violations_on_the_editors_pages(page, live_server, editor, backtrace, path_of, then, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, editor, path_of(page, backtrace))
    page.wait_for_load_state("networkidle")
    if then:
        then(page)

    violations = axe.run(page).response["violations"]

    assert len(violations) == 0, describe(violations)
    if viewport is DESKTOP:
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"
