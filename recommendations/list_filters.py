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
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.http import urlencode
from taggit.models import Tag, TaggedItem

from .models import FIRST_FILM_YEAR, LAST_FILM_YEAR, Article, Availability, Entry, Service, Theme
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

    def apply(self, lists):
        if self.theme:
            lists = lists.filter(pk__in=Entry.objects.filter(themes=self.theme).values("article"))
        if self.tag:
            lists = lists.filter(tags=self.tag)
        if self.decade is not None:
            lists = lists.filter(subject__year__gte=self.decade, subject__year__lt=self.decade + 10)
        if self.service:
            on_service = Availability.objects.filter(service=self.service, region=self.region).values("film")
            lists = lists.filter(pk__in=Entry.objects.filter(film__in=on_service).values("article"))
        return lists

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
    """The choices beside the lists, each a link to the view with it set (or, if chosen, without it)."""
    live = Article.objects.live()
    article_type = ContentType.objects.get_for_model(Article)
    themes = Theme.objects.public().filter(Exists(Entry.objects.live().filter(themes=OuterRef("pk")))).order_by("name")
    on_live_lists = TaggedItem.objects.filter(
        tag=OuterRef("pk"), content_type=article_type, object_id__in=live.values("pk")
    )
    tags = Tag.objects.filter(Exists(on_live_lists)).order_by("name")
    years = live.filter(subject__year__isnull=False).values_list("subject__year", flat=True).distinct()
    decades = sorted({year // 10 * 10 for year in years}, reverse=True)
    services = Service.objects.filter(Exists(Availability.objects.filter(service=OuterRef("pk")))).order_by("name")
    regions = sorted(
        set(Availability.objects.order_by().values_list("region", flat=True).distinct()) | {settings.DEFAULT_REGION},
        key=region_name,
    )

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
