"""`manage.py import_list`: text, HTML and WordPress exports, the dry run in words and in JSON, and its refusals."""

import datetime
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import Article, Film

from . import todays_shapes

DATA = Path(__file__).parent / "data" / "import"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_list", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fixture_countdown(article):
    return [(entry.rank, entry.film_id, entry.blurb) for entry in article.entries.order_by("-rank")]


def test_dry_run_json_keeps_todays_fields_and_adds_what_explains_them(db, tmp_path):
    Film.objects.create(title="Ronin", year=1998, slug="ronin-1998")
    article = tmp_path / "heat.txt"
    article.write_text(todays_shapes.HASH_AND_DASH + "\nRead more: Movies like Thief\n", encoding="utf-8")

    parsed = json.loads(run(article, "--dry-run", "--format", "json")[0])

    assert {"title", "subject", "intro", "entries"} <= set(parsed)
    assert {key: parsed["subject"][key] for key in ("title", "year")} == {"title": "Heat", "year": None}
    for item in parsed["entries"]:
        assert isinstance(item["rank"], int) and isinstance(item["title"], str) and isinstance(item["blurb"], str)
        assert item["year"] is None or isinstance(item["year"], int)
    assert [(item["title"], item["line"], item["film"]) for item in parsed["entries"]] == [
        ("Ronin", 4, Film.objects.get().pk),
        ("Den of Thieves", 8, None),
        ("Inside Man", 12, None),
    ]
    assert parsed["skipped"] == [
        {"line": 16, "text": "Read more: Movies like Thief", "reason": "link to another article"}
    ]
    assert parsed["problems"] == []
    assert not Article.objects.exists() and Film.objects.count() == 1


def test_dry_run_in_words_explains_each_line_and_what_the_import_would_make(db, tmp_path):
    article = tmp_path / "heat.txt"
    article.write_text(todays_shapes.HASH_AND_DASH, encoding="utf-8")

    out, _ = run(article, "--dry-run")

    assert "Subject: Heat: the intro says “If you liked Heat” (medium confidence, not in the catalogue)" in out
    assert "  line 4: 3. Ronin (1998): new" in out
    assert "If imported: Created films: Heat, Ronin (1998), Den of Thieves (2018), Inside Man (2006)." in out
    assert not Film.objects.exists()


def test_a_dry_run_names_the_lines_that_would_stop_the_import(db, tmp_path):
    article = tmp_path / "typo.txt"
    article.write_text("Movies like Heat\n\n2. Thief (9999)\n\nMann.\n\n1. Ronin (1998)\n\nParis.\n", encoding="utf-8")

    err, out = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 1 could not be imported; nothing was saved"):
        call_command("import_list", str(article), "--dry-run", "--format", "json", stdout=out, stderr=err)

    assert json.loads(out.getvalue())["problems"] == [
        {"line": 3, "message": "“Thief”: Year: Ensure this value is less than or equal to 2100."}
    ]
    assert "typo.txt: Line 3: “Thief”: Year: Ensure this value is less than or equal to 2100." in err.getvalue()


def test_a_folder_of_text_markdown_and_html_imports_with_a_summary(db, tmp_path):
    for name, text in {"a.txt": todays_shapes.HASH_AND_DASH, "b.md": todays_shapes.UNNUMBERED}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(DATA / "seed.html", tmp_path / "c.html")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")

    out, _ = run(tmp_path)

    assert "Imported 3 of 3 articles as drafts." in out
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Movies Like Backtrace",
        "Movies Like Heat",
        "Movies like Alien",
    ]
    assert Article.objects.get(title="Movies Like Backtrace").import_record.source_name == "c.html"


def test_failures_are_reported_and_the_command_exits_non_zero(db, tmp_path):
    (tmp_path / "good.txt").write_text(todays_shapes.UNNUMBERED, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("No list here at all.", encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 2 could not be imported"):
        run(tmp_path)
    assert Article.objects.count() == 1


def test_the_seed_as_html_imports_as_one_draft_equal_to_the_fixture(backtrace):
    out, _ = run(DATA / "seed.html", "--again")

    draft = Article.objects.exclude(pk=backtrace.pk).get()
    assert out.startswith("Draft “Movies Like Backtrace” with 6 entries.")
    assert (draft.title, draft.subject, draft.intro) == ("Movies Like Backtrace", backtrace.subject, backtrace.intro)
    assert fixture_countdown(draft) == fixture_countdown(backtrace)


def test_the_seed_export_imports_its_list_as_one_draft_and_skips_the_other_post(backtrace):
    out, _ = run(DATA / "seed-export.xml", "--again")

    draft = Article.objects.exclude(pk=backtrace.pk).get()
    assert draft.is_draft and draft.title == "Movies Like Backtrace"
    assert fixture_countdown(draft) == fixture_countdown(backtrace)
    assert draft.published_at == datetime.datetime(2022, 6, 24, 9, 30, tzinfo=datetime.UTC)
    assert draft.author.username == "filmdesk"  # the post's author, "Film Desk", is a user here
    assert sorted(draft.tags.names()) == ["Movies Like", "prison escape", "thriller"]
    assert draft.import_record.image_urls[0] == (
        "https://cinemaholic.example/wp-content/uploads/2022/06/backtrace-poster.jpg"
    )
    assert len(draft.import_record.image_urls) == 7
    assert "Imported 1 of 2 posts as drafts." in out
    assert "Imported: “Movies Like Backtrace” (6 entries, about Backtrace, byline Film Desk, 7 images recorded" in out
    assert (
        "Skipped: “We Have Moved to a New Home”: no countdown of films found (No entries found. Each film needs a "
        "heading line of its own" in out
    )


def test_an_export_post_whose_author_is_no_user_gets_the_importers_byline_and_says_so(db, editor):
    out, _ = run(Path(__file__).parent / "data" / "wxr" / "magazine.xml", "--author", editor.username)

    draft = Article.objects.get(title="Movies Like Heat")
    assert draft.author == editor
    assert (
        "  No user is called “Jane Doe”, the post's author: the byline is editor-in-chief’s until you change it."
        in out.splitlines()
    )


def test_an_export_dry_run_in_json_lists_every_post_and_saves_nothing(db):
    out, _ = run(DATA / "seed-export.xml", "--dry-run", "--format", "json")

    posts = json.loads(out)["posts"]
    assert [(post["title"], post["imported"]) for post in posts] == [
        ("Movies Like Backtrace", True),
        ("We Have Moved to a New Home", False),
    ]
    assert posts[1]["skipped"].startswith("no countdown of films found")
    assert posts[0]["article"]["entries"][0]["title"] == "Escape Plan"
    assert not Article.objects.exists() and not Film.objects.exists()


def test_a_file_of_another_kind_is_refused_by_name(db, tmp_path):
    poster = tmp_path / "poster.jpg"
    poster.write_bytes(b"\xff\xd8")

    with pytest.raises(CommandError, match="1 of 1 could not be imported"):
        run(poster)
