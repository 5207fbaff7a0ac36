"""The index pages: every list with its filters, films and people A to Z, tags, and author pages."""

import pytest
from django.contrib.auth import get_user_model

from recommendations.models import Article, AuthorProfile, Availability, Service

from .factories import make_article, make_film, make_person
from .page_parts import page_parts, visible_text


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return visible_text(response.content.decode())


@pytest.fixture
def shelf(db):
    """Three lists: a 1990s heist tagged crime on Netflix in GB, a 1970s one, and a 1990s one on nothing."""
    netflix = Service.objects.create(name="Netflix", slug="netflix")
    heist = make_article(entries=2, title="Movies Like Heat", subject=make_film("Heat", 1995))
    heist.tags.add("crime")
    theme = heist.entries.first().themes.get()
    Availability.objects.create(
        film=heist.entries.first().film, service=netflix, region="GB", url="https://netflix.example/h"
    )
    seventies = make_article(entries=1, title="Movies Like Jaws", subject=make_film("Jaws", 1975))
    seventies.tags.add("crime")
    make_article(entries=1, title="Movies Like Fargo", subject=make_film("Fargo", 1996))
    return {"theme": theme, "heist": heist}


def test_every_live_list_newest_first(client, shelf):
    make_article(status=Article.Status.DRAFT, title="Movies Like Draft", published_at=None)

    page = page_text(client, "/lists/")

    assert "3 lists" in page
    assert page.index("Movies Like Fargo") < page.index("Movies Like Jaws") < page.index("Movies Like Heat")
    assert "Movies Like Draft" not in page


@pytest.mark.parametrize(
    ("query", "shown", "title"),
    [
        ("tag=crime", ["Movies Like Jaws", "Movies Like Heat"], "Lists tagged crime"),
        ("decade=1990s", ["Movies Like Fargo", "Movies Like Heat"], "Lists about films of the 1990s"),
        ("service=netflix&region=GB", ["Movies Like Heat"], "Lists on Netflix in United Kingdom"),
        ("tag=crime&decade=1970s", ["Movies Like Jaws"], "Lists tagged crime, about films of the 1970s"),
    ],
)
def test_filters_combine_and_each_view_has_its_own_canonical(client, shelf, query, shown, title):
    parts = page_parts(client, f"/lists/?{query}&utm_source=x")
    page = page_text(client, f"/lists/?{query}")

    for name in ["Movies Like Heat", "Movies Like Jaws", "Movies Like Fargo"]:
        assert (name in page.split("list", 1)[1]) == (name in shown), name
    assert parts.title == f"{title} · Film Magazine"
    assert parts.canonicals == [f"http://testserver/lists/?{query}"]


def test_theme_filter_and_filters_are_plain_links(client, shelf):
    theme = shelf["theme"]
    html = client.get("/lists/").content.decode()

    assert f'href="?theme={theme.slug}"' in html
    assert f"Lists about {theme.name}" in page_text(client, f"/lists/?theme={theme.slug}")
    chosen = client.get("/lists/?tag=crime").content.decode()
    assert 'href="?"' in chosen or 'href="?decade' in chosen  # a chosen tag links to the view without it


def test_the_service_filter_outside_its_region_finds_nothing(client, shelf):
    assert "No list matches every filter" in page_text(client, "/lists/?service=netflix")


@pytest.mark.parametrize(
    "query", ["theme=nope", "tag=nope", "decade=1995", "decade=abcd", "service=nope", "region=GBR", "page=9"]
)
def test_unknown_filters_are_404(client, shelf, query):
    assert client.get(f"/lists/?{query}").status_code == 404


def test_pages_keep_their_filters(client, db):
    for number in range(22):
        make_article(entries=1, title=f"Movies Like Crime {number}").tags.add("crime")

    html = client.get("/lists/?tag=crime").content.decode()
    second = page_parts(client, "/lists/?tag=crime&page=2")

    assert 'href="?tag=crime&amp;page=2"' in html
    assert second.canonicals == ["http://testserver/lists/?tag=crime&page=2"]


def test_films_and_people_a_to_z(client, db):
    make_film("Zodiac", 2007)
    make_film("Amélie", 2001)
    make_film("12 Angry Men", 1957)
    make_person("Zhang Yimou")
    make_person("Agnès Varda")

    films = page_text(client, "/films/")
    assert films.index("12 Angry Men") < films.index("Amélie") < films.index("Zodiac")
    under_a = page_text(client, "/films/?letter=a")
    assert "Amélie" in under_a and "Zodiac" not in under_a
    assert "12 Angry Men" in page_text(client, "/films/?letter=%23")
    people = page_text(client, "/people/?letter=z")
    assert "Zhang Yimou" in people and "Agnès Varda" not in people
    assert page_parts(client, "/people/?letter=z").canonicals == ["http://testserver/people/?letter=z"]


def test_tags_index_lists_tags_in_use_with_their_lists(client, shelf):
    make_film("Tagged Film").tags.add("noir")
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    draft.tags.add("secret-tag")

    page = page_text(client, "/tags/")

    assert "crime 2 lists" in page
    assert "noir" in page
    assert "secret-tag" not in page


def test_bylines_show_display_names_and_link_the_author_page(client, db, django_user_model):
    user = django_user_model.objects.create_user("jdoe", first_name="Jane", last_name="Doe")
    article = make_article(author=user, title="Movies Like Alien")
    profile = AuthorProfile.objects.get(user=user)

    html = client.get(article.get_absolute_url()).content.decode()
    assert f'By <a href="{profile.get_absolute_url()}" rel="author">Jane Doe</a>' in html

    AuthorProfile.objects.filter(pk=profile.pk).update(pen_name="J. D. Critic", bio="Writes about *monsters*.")
    author_page = client.get(profile.get_absolute_url()).content.decode()
    page = visible_text(author_page)
    assert "<h1>J. D. Critic</h1>" in author_page
    assert '<div class="prose"><p>Writes about <em>monsters</em>.</p>' in author_page
    assert "Lists by J. D. Critic (1) Movies Like Alien" in page
    assert "<author><name>J. D. Critic</name>" in client.get("/feed/atom/").content.decode()
    data = page_parts(client, article.get_absolute_url()).structured_data
    article_data = next(node for node in data["@graph"] if node["@type"] == "Article")
    assert article_data["author"] == {
        "@type": "Person",
        "name": "J. D. Critic",
        "url": f"http://testserver{profile.get_absolute_url()}",
    }


def test_an_author_without_live_lists_has_no_page(client, db):
    user = get_user_model().objects.create_user("quiet")
    make_article(author=user, status=Article.Status.DRAFT, published_at=None)

    assert client.get(AuthorProfile.objects.get(user=user).get_absolute_url()).status_code == 404


def build_lists(size):
    for number in range(size):
        make_article(entries=2, title=f"Movies Like Many {number}").tags.add(f"tag-{number}")
    return "/lists/"


def build_filtered(size):
    build_lists(size)
    return "/lists/?decade=2000s"


def build_films(size):
    for _ in range(size):
        make_film()
    return "/films/?letter=f"


def build_people(size):
    for _ in range(size):
        make_person()
    return "/people/"


def build_tags(size):
    for number in range(size):
        make_article(entries=1).tags.add(f"tag-{number}")
        make_film().tags.add(f"film-tag-{number}")
    return "/tags/"


def build_author(size):
    user = get_user_model().objects.create_user("prolific", first_name="Pro", last_name="Lific")
    for _ in range(size):
        make_article(entries=3, author=user)
    return AuthorProfile.objects.get(user=user).get_absolute_url()


@pytest.mark.parametrize(
    ("build", "most"),
    [
        # Count, lists, their poster strips; the filters' themes, tags, decades, services and regions.
        (build_lists, 8),
        (build_filtered, 8),
        (build_films, 2),
        (build_people, 2),
        (build_tags, 2),
        (build_author, 4),
    ],
)
@pytest.mark.parametrize("size", [3, 30])
def test_index_page_queries_stay_constant(client, db, django_assert_max_num_queries, build, most, size):
    path = build(size)
    client.get(path)

    with django_assert_max_num_queries(most):
        assert client.get(path).status_code == 200
