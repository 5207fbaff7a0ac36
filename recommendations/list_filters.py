"""
The lists index's filters (/lists/?theme=heist&decade=1990s&service=netflix&region=GB): what each
query parameter means, the choices offered, and the address of every filtered view.

- theme: lists with an entry that carries the theme (as the theme's page and feed count them);
- tag: lists with the tag;
- decade: lists about a film of that decade ("1990s");
- service, with region (default settings.DEFAULT_REGION): lists with at least one film to watch
  on that service in that region.

Filters combine. They are plain links and query parameters, so the page works without script,
and each filtered view has its own address and canonical link, its parameters in one order. An
unknown theme, tag, decade, service or region is a 404, like any address that names nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode
from taggit.models import Tag

from .models import FIRST_FILM_YEAR, LAST_FILM_YEAR, Availability, Service, Theme
from .models.derived import ListFacet
from .watching import region_name

# In the order of every filtered view's address.
PARAMETERS = ("theme", "tag", "decade", "service", "region")


@dataclass(frozen=True)
class Choice:
    label: str
    url: str
    chosen: bool


@dataclass
class ListFilters:
    theme: Theme | None = None
    tag: Tag | None = None
    decade: int | None = None
    service: Service | None = None
    region: str = ""
    choices: dict = field(default_factory=dict)

    @property
    def any(self):
        return any((self.theme, self.tag, self.decade, self.service))

    def values(self):
        """{parameter: value} for what is chosen, in PARAMETERS order; region only beside a service."""
        values = {
            "theme": self.theme.slug if self.theme else None,
            "tag": self.tag.slug if self.tag else None,
            "decade": f"{self.decade}s" if self.decade is not None else None,
            "service": self.service.slug if self.service else None,
            "region": self.region if self.service and self.region != settings.DEFAULT_REGION else None,
        }
        return {name: value for name, value in values.items() if value}

    def query(self, **changes):
        """This view's query string with `changes` (None removes a parameter); never a page number."""
        values = {**self.values(), **changes}
        return urlencode({name: values[name] for name in PARAMETERS if values.get(name)})

    def facets(self):
        """What each chosen filter asks of a list, as ListFacet lookups; the narrowest kinds first."""
        facets = []
        if self.theme:
            facets.append({"kind": ListFacet.Kind.THEME, "value": self.theme.pk, "region": ""})
        if self.tag:
            facets.append({"kind": ListFacet.Kind.TAG, "value": self.tag.pk, "region": ""})
        if self.service:
            facets.append({"kind": ListFacet.Kind.SERVICE, "value": self.service.pk, "region": self.region})
        if self.decade is not None:
            facets.append({"kind": ListFacet.Kind.DECADE, "value": self.decade, "region": ""})
        return facets

    def apply(self, lists):
        """`lists` (live ones) with every chosen filter, newest first.

        Read from the first filter's facets in their index's order (newest first), each other
        filter checked per list: the cost follows the page, not how many lists match.
        """
        facets = self.facets()
        if not facets:
            return lists.order_by("-published_at", "-pk")
        now = timezone.now()
        first, *others = facets
        first_lookups = {f"facets__{name}": value for name, value in first.items()}
        lists = lists.filter(**first_lookups, facets__published_at__lte=now)
        for facet in others:
            lists = lists.filter(Exists(ListFacet.objects.filter(article=OuterRef("pk"), **facet)))
        return lists.order_by("-facets__published_at", "-facets__article")

    def count(self):
        """How many live lists pass every chosen filter, counted from the facets' index; None without a filter."""
        facets = self.facets()
        if not facets:
            return None
        first, *others = facets
        rows = ListFacet.objects.filter(**first, published_at__lte=timezone.now())
        for facet in others:
            rows = rows.filter(Exists(ListFacet.objects.filter(article=OuterRef("article"), **facet)))
        return rows.count()

    def describe(self):
        """“about heist, tagged thriller, about films of the 1990s, on Netflix in the United Kingdom”."""
        parts = []
        if self.theme:
            parts.append(f"about {self.theme.name}")
        if self.tag:
            parts.append(f"tagged {self.tag.name}")
        if self.decade is not None:
            parts.append(f"about films of the {self.decade}s")
        if self.service:
            parts.append(f"on {self.service.name} in {region_name(self.region)}")
        return ", ".join(parts)


def parse_decade(text):
    """1990 for "1990s" (or "1990"); Http404 for anything else."""
    number = text.removesuffix("s")
    if not (number.isdigit() and len(number) == 4 and int(number) % 10 == 0):
        raise Http404("No such decade.")
    decade = int(number)
    if not FIRST_FILM_YEAR - 8 <= decade <= LAST_FILM_YEAR:
        raise Http404("No such decade.")
    return decade


def chosen_filters(request):
    """The filters a request asks for; Http404 for any that names nothing the site has."""
    get = request.GET
    filters = ListFilters(region=settings.DEFAULT_REGION)
    if get.get("theme"):
        filters.theme = Theme.objects.public().filter(slug=get["theme"]).first() or not_found("theme")
    if get.get("tag"):
        filters.tag = Tag.objects.filter(slug=get["tag"]).first() or not_found("tag")
    if get.get("decade"):
        filters.decade = parse_decade(get["decade"])
    if get.get("service"):
        filters.service = Service.objects.filter(slug=get["service"]).first() or not_found("service")
    if get.get("region"):
        region = get["region"].strip().upper()
        if not (len(region) == 2 and region.isascii() and region.isalpha()):
            not_found("region")
        filters.region = region
    return filters


def not_found(what):
    raise Http404(f"No such {what}.")


def offer_choices(filters):
    """The choices beside the lists, each a link to the view with it set (or, if chosen, without it).

    Themes, tags and decades are those some live list has (one index step each); services, those
    any film is on; regions, those any where-to-watch row names.
    """
    now = timezone.now()

    def on_live_lists(kind):
        return Exists(ListFacet.objects.filter(kind=kind, value=OuterRef("pk"), region="", published_at__lte=now))

    themes = Theme.objects.public().filter(on_live_lists(ListFacet.Kind.THEME)).order_by("name")
    tags = Tag.objects.filter(on_live_lists(ListFacet.Kind.TAG)).order_by("name")
    decades = sorted(live_decades(now), reverse=True)
    services = Service.objects.filter(Exists(Availability.objects.filter(service=OuterRef("pk")))).order_by("name")
    regions = sorted(set(regions_named()) | {settings.DEFAULT_REGION}, key=region_name)

    def choice(name, value, label, chosen):
        return Choice(label, "?" + filters.query(**{name: None if chosen else value}), chosen)

    filters.choices = {
        "Theme": [choice("theme", theme.slug, theme.name, theme == filters.theme) for theme in themes],
        "Tag": [choice("tag", tag.slug, tag.name, tag == filters.tag) for tag in tags],
        "Decade": [choice("decade", f"{decade}s", f"{decade}s", decade == filters.decade) for decade in decades],
        "Service": [choice("service", service.slug, service.name, service == filters.service) for service in services],
        "Region": [
            Choice(
                f"{region_name(code)} ({code})",
                "?" + filters.query(region=None if code == settings.DEFAULT_REGION else code),
                code == filters.region,
            )
            for code in regions
        ],
    }
    return filters


def distinct_by_index(table, column, condition="1 = 1", params=()):
    """The distinct values of `column` in `table` where `condition` holds, one index step per value.

    A loose index scan, written as a recursive query: each step asks the index for the least
    value above the last one, so reading ten regions out of 150,000 rows takes ten steps, where
    SELECT DISTINCT reads every row. Needs an index that starts with `column`.
    """
    sql = f"""
        WITH RECURSIVE found(value) AS (
            SELECT MIN({column}) FROM {table} WHERE {condition}
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value AND {condition})
            FROM found WHERE found.value IS NOT NULL
        )
        SELECT value FROM found WHERE value IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params])
        return [value for (value,) in cursor.fetchall()]


def regions_named():
    """Every region a where-to-watch row names (index availability_by_region)."""
    return distinct_by_index(Availability._meta.db_table, "region")


def live_decades(now):
    """The decades of the films live lists are about (index list_facet_live)."""
    condition = "kind = %s AND region = '' AND published_at <= %s"
    # Raw SQL: the time as the backend stores it (SQLite compares text).
    params = [ListFacet.Kind.DECADE.value, connection.ops.adapt_datetimefield_value(now)]
    return distinct_by_index(ListFacet._meta.db_table, "value", condition, params)
