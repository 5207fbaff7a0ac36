"""What an editor's browser sends from, and reads off, a list's admin page."""

from django.urls import reverse

from recommendations.models import Article

ADD_URL = reverse("admin:recommendations_article_add")


def change_url(article):
    return reverse("admin:recommendations_article_change", args=[article.pk])


def list_form_data(article=None, entries=(), **fields):
    """The POST an editor's browser sends from the list's admin page.

    `entries` are dicts with rank, film, blurb and optionally id, themes, people, DELETE.
    """
    data = {
        "title": article.title if article else "Movies Like Heat",
        "slug": article.slug if article else "movies-like-heat",
        "subject": article.subject_id if article else "",
        "intro": article.intro if article else "Michael Mann's *Heat* set the bar.",
        "tags": "",
        "status": article.status if article else Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "author": "",
        # The version the editor's page was built from: a save without it is refused as stale.
        "loaded_version": article.edit_version if article else "",
        "entries-TOTAL_FORMS": str(len(entries)),
        "entries-INITIAL_FORMS": str(sum(1 for entry in entries if entry.get("id"))),
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
    }
    if article and article.published_at:
        data["published_at_0"] = article.published_at.strftime("%Y-%m-%d")
        data["published_at_1"] = article.published_at.strftime("%H:%M:%S")
    for index, entry in enumerate(entries):
        prefix = f"entries-{index}-"
        data[prefix + "id"] = entry.get("id", "")
        data[prefix + "article"] = article.pk if article else ""
        data[prefix + "rank"] = entry["rank"]
        data[prefix + "film"] = entry["film"]
        data[prefix + "blurb"] = entry.get("blurb", "")
        data[prefix + "themes"] = entry.get("themes", [])
        data[prefix + "people"] = entry.get("people", [])
        if entry.get("DELETE"):
            data[prefix + "DELETE"] = "on"
    data.update(fields)
    return data


def existing_entries(article):
    return [
        {
            "id": entry.pk,
            "rank": entry.rank,
            "film": entry.film_id,
            "blurb": entry.blurb,
            "themes": [theme.pk for theme in entry.themes.all()],
            "people": [person.pk for person in entry.people.all()],
        }
        for entry in article.entries.order_by("-rank")
    ]


def ranks_by_title(article):
    return {entry.film.title: entry.rank for entry in article.entries.select_related("film")}


def field_errors(response, prefix, field):
    """Errors shown next to one field of an inline entry form."""
    formset = response.context["inline_admin_formsets"][0].formset
    return formset.forms[int(prefix)].errors.get(field, [])
