"""
The index pages: every live list (/lists/, with filters), films and people A to Z (/films/,
/people/), every tag (/tags/), and an author's page (/authors/<slug>/).

Each reads only `page` (a page past the end, or not a number, is a 404 as on the home page) and
its own filters from the query string: list_filters.PARAMETERS on /lists/, `letter` on the A-to-Z
pages. A filter value the site has nothing for is a 404.
"""

import string

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import ListView
from taggit.models import Tag, TaggedItem

from . import page_meta
from .derived import tally
from .list_filters import chosen_filters, offer_choices
from .models import Article, AuthorProfile, Film, Person
from .models.derived import ListFacet
from .page_meta import PageMetaMixin
from .pagination import counted

LISTS_PER_PAGE = 20
NAMES_PER_PAGE = 60
TAGS_PER_PAGE = 100
# "#" files names that start with a digit or a letter outside a to z.
LETTERS = [*string.ascii_lowercase, "#"]


class ArticleListView(PageMetaMixin, ListView):
    template_name = "recommendations/article_list.html"
    context_object_name = "articles"
    paginate_by = LISTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.filters = offer_choices(chosen_filters(request))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filters.apply(Article.objects.live().for_listing())

    def get_paginator(self, *args, **kwargs):
        return counted(self.paginator_class, self.filters.count())(*args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters=self.filters, **kwargs)

    def get_page_meta(self, context):
        return page_meta.list_index_page(self.request, self.filters, context["page_obj"])


class AlphabeticalView(PageMetaMixin, ListView):
    """Films or people A to Z: all of them, or those filed under one letter (?letter=m)."""

    paginate_by = NAMES_PER_PAGE
    model = None

    def get(self, request, *args, **kwargs):
        self.letter = request.GET.get("letter", "")
        if self.letter and self.letter not in LETTERS:
            raise Http404("No such letter.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        names = self.model.objects.public()
        if self.letter:
            names = names.filter(initial=self.letter)
        return names.order_by("search_text", "pk")

    def get_paginator(self, *args, **kwargs):
        # One letter is counted from the A-to-Z index; all of them would be the whole table, so that is a tally.
        count = None if self.letter else tally(self.tally_name)
        return counted(self.paginator_class, count)(*args, **kwargs)

    def get_context_data(self, **kwargs):
        letter_query = urlencode({"letter": self.letter}) if self.letter else ""
        return super().get_context_data(letter=self.letter, letters=LETTERS, letter_query=letter_query, **kwargs)


class FilmListView(AlphabeticalView):
    model = Film
    tally_name = "films"
    template_name = "recommendations/film_list.html"
    context_object_name = "films"

    def get_page_meta(self, context):
        return page_meta.name_index_page(self.request, "Films", "film_list", self.letter, context["page_obj"])


class PersonListView(AlphabeticalView):
    model = Person
    tally_name = "people"
    template_name = "recommendations/person_list.html"
    context_object_name = "people"

    def get_page_meta(self, context):
        return page_meta.name_index_page(self.request, "People", "person_list", self.letter, context["page_obj"])


def tags_in_use():
    """Tags on a live list or a public film, A to Z, each with its number of live lists.

    Each tag costs a few index steps: its first film, and its lists' facets counted from their index.
    """
    film_type = ContentType.objects.get_for_model(Film)
    live_facets = ListFacet.objects.filter(
        kind=ListFacet.Kind.TAG, value=OuterRef("pk"), region="", published_at__lte=timezone.now()
    )
    on_films = TaggedItem.objects.filter(tag=OuterRef("pk"), content_type=film_type).filter(
        Exists(Film.objects.public().filter(pk=OuterRef("object_id")))
    )
    list_count = live_facets.order_by().values("value").annotate(count=Count("pk")).values("count")
    return (
        Tag.objects.filter(Q(Exists(live_facets)) | Q(Exists(on_films)))
        .annotate(list_count=Coalesce(Subquery(list_count), 0))
        .order_by("name")
    )


class TagListView(PageMetaMixin, ListView):
    template_name = "recommendations/tag_list.html"
    context_object_name = "tags"
    paginate_by = TAGS_PER_PAGE

    def get_queryset(self):
        return tags_in_use()

    def get_page_meta(self, context):
        return page_meta.tag_index_page(self.request, context["page_obj"])


class AuthorDetailView(PageMetaMixin, ListView):
    """An author's bio and photo, and their live lists, newest first."""

    template_name = "recommendations/author_detail.html"
    context_object_name = "articles"
    paginate_by = LISTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.author = get_object_or_404(AuthorProfile.objects.select_related("user"), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.live().filter(author=self.author.user).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        if not context["page_obj"].paginator.count:
            # Someone with no list out yet has no public page.
            raise Http404("This author has no published lists.")
        return context

    def get_page_meta(self, context):
        return page_meta.author_page(self.request, self.author, context["page_obj"])
