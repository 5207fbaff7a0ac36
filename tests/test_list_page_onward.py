"""A list's page: its subject, its jump list, where to watch by region and service, lists like it, sharing."""

import datetime

import pytest
from django.utils import timezone

from recommendations.models import Article, Availability, Entry, Film, Service

from .factories import make_article
from .page_parts import visible_text

BACKTRACE = "/lists/movies-like-backtrace/"


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_list_opens_with_its_subject(client, backtrace):
    html = html_of(client, BACKTRACE)
    card = html[html.index('class="subject-card"') : html.index('class="intro prose"')]

    assert "The film this list starts from Backtrace (2022) Directed by Brian A. Miller" in visible_text(card)
    assert 'href="/films/backtrace-2022/"' in card
    assert "Poster of Backtrace (2022)" in card


def test_the_jump_list_counts_down_to_the_top_pick(client, backtrace):
    html = html_of(client, BACKTRACE)
    jump = visible_text(html[html.index('<nav class="jump-list"') : html.index("</nav>", html.index("jump-list"))])

    assert jump == (
        "In this list 6. Escape Plan 5. Dragged Across Concrete 4. American Heist 3. Out of Death 2. 211 1. Memento"
    )
    assert '<a href="#memento-2000">1. Memento</a>' in html
    # The benchmark's markers are untouched: one <li value> per entry, in the countdown only.
    assert html.count("<li value=") == 6
    assert html.count('<article class="entry"') == 6


@pytest.fixture
def gb(backtrace):
    """Memento and Escape Plan on a British service, one of them checked today."""
    channel = Service.objects.create(name="Channel 4", slug="channel-4")
    for slug in ["memento-2000", "escape-plan-2013"]:
        Availability.objects.create(
            film=Film.objects.get(slug=slug),
            service=channel,
            region="GB",
            url=f"https://channel4.example/{slug}",
            last_checked=datetime.date.today(),
        )
    return channel


def test_a_region_shows_where_to_watch_there(client, gb):
    us = visible_text(html_of(client, BACKTRACE))
    uk = visible_text(html_of(client, f"{BACKTRACE}?region=gb"))

    assert "Channel 4" not in us.split("Region", 1)[1].split("Share", 1)[0].replace("Channel 4 (", "")
    assert "Watch on Channel 4 Stream" in uk
    assert "Netflix Stream" not in uk
    assert "United Kingdom (GB)" in uk


def test_a_service_dims_and_counts_the_entries_not_on_it(client, gb):
    html = html_of(client, f"{BACKTRACE}?region=GB&service=channel-4")
    page = visible_text(html)

    assert "2 of 6 on Channel 4 in United Kingdom; the others are dimmed." in page
    assert html.count('class="entry-body elsewhere"') == 4
    assert page.count("Not on Channel 4 in United Kingdom") == 4
    assert '<a href="?region=GB&amp;service=channel-4&amp;order=top">Read top pick first</a>' in html


@pytest.mark.parametrize("query", ["region=ZZ", "region=%00", "service=nope", "region=GB&service=netflix"])
def test_unknown_regions_and_services_fall_back_rather_than_fail(client, gb, query):
    page = visible_text(html_of(client, f"{BACKTRACE}?{query}"))

    assert "dimmed" not in page
    assert "6. Escape Plan (2013)" in page


def test_old_checks_say_they_may_have_changed(client, backtrace, settings):
    page = visible_text(html_of(client, BACKTRACE))
    assert "Checked 24 June 2022: this may have changed since." in page

    Availability.objects.update(last_checked=timezone.localdate())
    assert "may have changed" not in visible_text(html_of(client, BACKTRACE))
    settings.AVAILABILITY_STALE_AFTER_DAYS = 0
    Availability.objects.update(last_checked=timezone.localdate() - datetime.timedelta(days=1))
    assert "may have changed" in visible_text(html_of(client, BACKTRACE))


def test_film_page_region_choice(client, gb):
    page = visible_text(html_of(client, "/films/memento-2000/?region=GB"))

    assert "Where to watch Region" in page
    assert "Channel 4 Stream" in page
    assert "United Kingdom: last checked" in page


def test_more_lists_like_this_say_why(client, backtrace):
    heist = backtrace.entries.get(rank=2).themes.get(slug="heist")
    other = make_article(entries=1, title="Movies Like Memento", subject=Film.objects.get(slug="memento-2000"))
    other.entries.get().themes.add(heist)
    other.tags.add("thriller")
    same_subject = make_article(entries=1, title="More Like Backtrace", subject=backtrace.subject)
    make_article(entries=1, title="Movies Like Nothing Shared")
    make_article(entries=1, title="Draft Like Backtrace", subject=backtrace.subject, status=Article.Status.DRAFT)

    html = html_of(client, BACKTRACE)
    related = visible_text(html[html.index('id="related-heading"') :])

    assert related.index("More Like Backtrace") < related.index("Movies Like Memento")
    assert "Also about Backtrace (2022)" in related
    assert "Also recommends Memento (2000) · Shares theme: heist · Tagged thriller" in related
    assert "Nothing Shared" not in related and "Draft Like" not in related
    assert same_subject.get_absolute_url() in html


def test_share_links_are_plain_links_to_the_networks(client, backtrace):
    html = html_of(client, BACKTRACE)
    share = html[html.index('class="share"') :]

    assert 'href="http://testserver/lists/movies-like-backtrace/" data-copy-link' in share
    assert "mailto:?subject=Movies%20Like%20Backtrace&amp;body=http%3A%2F%2Ftestserver" in share
    assert 'href="https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Flists' in share
    assert "https://bsky.app/intent/compose?text=" in share
    assert "<img" not in share and "<script" not in share


def test_seen_it_marks_need_the_script_and_send_nothing(client, backtrace):
    html = html_of(client, BACKTRACE)

    assert html.count('<button class="seen-toggle" type="button" data-seen-film=') == 6
    assert html.count('aria-pressed="false" hidden>Seen it</button>') == 6
    assert '<p class="seen-progress" data-seen-progress hidden aria-live="polite"></p>' in html
    assert '<script src="/static/js/seen-it.js" defer></script>' in html
    assert "<form" not in html[html.index('class="countdown"') :]


def test_feeds_are_linked_where_readers_look(client, backtrace):
    assert 'href="/feed/" type="application/rss+xml">RSS</a>' in html_of(client, "/")
    assert "Follow this theme (RSS)" in visible_text(html_of(client, "/themes/heist/"))
    assert 'href="/themes/heist/feed/"' in html_of(client, "/themes/heist/")
    assert 'href="/people/guy-pearce/feed/"' in html_of(client, "/people/guy-pearce/")
    assert "Follow new lists (RSS)" in visible_text(html_of(client, "/lists/"))


def test_the_person_page_lists_each_entry_once(client, backtrace):
    page = visible_text(html_of(client, "/people/sylvester-stallone/"))

    assert page.count("#6 in Movies Like Backtrace") == 1
    assert "#6 in Movies Like Backtrace — Escape Plan (2013) (named in the entry)" in page


@pytest.mark.parametrize("entries", [3, 30])
def test_list_page_queries_stay_constant_with_related_lists(
    client, django_user_model, django_assert_max_num_queries, entries
):
    author = django_user_model.objects.create_user("byline", first_name="By", last_name="Line")
    article = make_article(entries=entries, author=author)
    article.tags.add("shared")
    for entry in article.entries.all()[:2]:
        other = make_article(entries=1, author=author)
        Entry.objects.filter(article=other).update(film=entry.film)
        other.tags.add("shared")

    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(9):
        html = html_of(client, f"{article.get_absolute_url()}?region=GB")

    assert html.count('<article class="entry"') == entries
    assert "More lists like this" in html
    assert html.count('by <a href="/authors/by-line/">By Line</a>') == 2
