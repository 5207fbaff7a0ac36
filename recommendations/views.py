from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve as static_serve
from taggit.models import Tag

from . import page_meta, previews, watching
from .countdown import countdown_context, shared_preview
from .derived import theme_film_counts
from .models import MENTIONS_SHOWN, Article, Entry, Film, FormerSlug, Person, Theme
from .models.counted_themes import films_for_theme_page, theme_page_films, themes_with_sources
from .page_cache import PageOfItsObject
from .page_meta import PageMetaMixin
from .search import search, suggested_themes
from .similarity import similar_films

FILMS_PER_PAGE = 48
HOME_THEMES = 12


class HomeView(PageMetaMixin, ListView):
    template_name = "recommendations/home.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        return Article.objects.live().for_listing()

    def get_context_data(self, **kwargs):
        # Alphabetical, not by film count: counting every film per theme grows with the catalogue.
        themes = Theme.objects.public().order_by("name")[:HOME_THEMES]
        return super().get_context_data(themes=themes, **kwargs)

    def get_page_meta(self, context):
        return page_meta.home_page(self.request, context["page_obj"])


class CountdownMixin:
    """A list's page: its entries counted down, or top pick first with ?order=top."""

    context_object_name = "article"
    template_name = "recommendations/article_detail.html"

    def preview(self):
        return None

    def get_context_data(self, **kwargs):
        countdown = countdown_context(self.request, self.object, self.preview())
        return super().get_context_data(**countdown, **kwargs)


class ArticleDetailView(PageOfItsObject, PageMetaMixin, CountdownMixin, DetailView):
    def get_queryset(self):
        return Article.objects.live().for_countdown()

    def get_page_meta(self, context):
        return page_meta.list_page(self.request, self.object, context["entries"])

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A list that changed address answers at its old one with a permanent redirect.
            former = get_object_or_404(
                FormerSlug.objects.filter(article__in=Article.objects.live()), slug=kwargs["slug"]
            )
            return redirect(former.article, permanent=True)


class ArticlePreviewView(CountdownMixin, DetailView):
    """A list as last saved, drafts too, for whoever holds a share link (see previews.py)."""

    def get_queryset(self):
        return Article.objects.for_countdown()

    def get_object(self, queryset=None):
        return previews.shared_article(self.kwargs["token"], self.get_queryset())

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except previews.UnusableLink as problem:
            context = {"problem": problem, "link_days": settings.PREVIEW_LINK_MAX_AGE.days}
            response = render(request, "recommendations/preview_unavailable.html", context, status=410)
        return previews.keep_private(response)

    def preview(self):
        return shared_preview(self.object)


class FilmDetailView(PageOfItsObject, PageMetaMixin, DetailView):
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.public().for_film_page()

    def get_context_data(self, **kwargs):
        film = self.object
        themes = themes_with_sources(film)
        film.counted_themes = [theme for theme, _lists in themes]
        return super().get_context_data(
            themes=themes,
            watch=watching.choose(self.request, [film]),
            similar_films=similar_films(film),
            **kwargs,
        )

    def get_page_meta(self, context):
        return page_meta.film_page(self.request, self.object)


class PersonDetailView(PageOfItsObject, PageMetaMixin, DetailView):
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.public().for_person_page()

    def get_context_data(self, **kwargs):
        mentions = Entry.objects.live().featuring(self.object).for_mentions()[:MENTIONS_SHOWN]
        return super().get_context_data(mentions=mentions, **kwargs)

    def get_page_meta(self, context):
        return page_meta.person_page(self.request, self.object)


class ThemeListView(PageMetaMixin, ListView):
    template_name = "recommendations/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return Theme.objects.public().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = theme_film_counts(context["themes"])
        for theme in context["themes"]:
            theme.film_count = counts[theme.pk]
        return context

    def get_page_meta(self, context):
        return page_meta.theme_index_page(self.request)


class ThemeDetailView(PageOfItsObject, PageMetaMixin, DetailView):
    context_object_name = "theme"

    def get_queryset(self):
        return Theme.objects.public()

    def get_context_data(self, **kwargs):
        theme = self.object
        theme.live_entries = list(Entry.objects.carrying(theme)[:MENTIONS_SHOWN])
        # A page of the theme's counted-theme rows (index order, counted from an index), then its films.
        films = paginate(self.request, films_for_theme_page(theme))
        films.object_list = theme_page_films(films.object_list)
        return super().get_context_data(films=films, **kwargs)

    def get_page_meta(self, context):
        return page_meta.theme_page(self.request, self.object, context["films"])


class TagDetailView(PageMetaMixin, TemplateView):
    """Lists and films that carry one django-taggit tag."""

    template_name = "recommendations/tag_detail.html"

    def get_context_data(self, **kwargs):
        tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        lists = Article.objects.live().filter(tags=tag).for_listing()
        films = paginate(self.request, Film.objects.public().filter(tags=tag).order_by("-year", "title"))
        if not films.paginator.count and not lists:
            # A tag only drafts or scheduled lists carry is theirs to reveal, when they go live.
            raise Http404("No list or film carries this tag.")
        return super().get_context_data(tag=tag, lists=lists, films=films, **kwargs)

    def get_page_meta(self, context):
        return page_meta.tag_page(self.request, context["tag"], context["films"])


def paginate(request, queryset):
    return Paginator(queryset, FILMS_PER_PAGE).get_page(request.GET.get("page"))


class SearchView(PageMetaMixin, TemplateView):
    template_name = "recommendations/search.html"

    def get_context_data(self, **kwargs):
        results = search(self.request.GET.get("q", ""))
        themes = [] if results.total else suggested_themes()
        return super().get_context_data(results=results, suggested_themes=themes, **kwargs)

    def get_page_meta(self, context):
        return page_meta.search_page(self.request, context["results"])


def local_media(request, path):
    """Uploads served by Django itself, for `make run` and `make serve` on 127.0.0.1 only."""
    try:
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # e.g. a name longer than the file system allows: no such file either way
        raise Http404("No such file.") from error
