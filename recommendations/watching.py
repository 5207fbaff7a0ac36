"""
Where to watch, by region and service: what a reader chose (?region=GB&service=netflix), and what
each film on the page offers there.

Regions and services come from the where-to-watch rows the site keeps (editors add rows for any
region in the film's admin page): a page offers the regions its films have rows in, and the
services those films are on in the chosen region. The default region is settings.DEFAULT_REGION.
A row checked longer ago than settings.AVAILABILITY_STALE_AFTER_DAYS says it may have changed.

Pages fetch every row of their films once (all regions, with the service: one query) and this
module sorts them out in Python, so choosing a region or a service costs no query.
"""

from dataclasses import dataclass, field

import pycountry
from django.conf import settings
from django.db.models import Prefetch

from .models import Availability

# Attribute the pages' prefetches put every where-to-watch row of a film in, all regions.
ALL_ROWS = "all_watch_options"


def all_rows_prefetch(lookup="availabilities"):
    return Prefetch(lookup, queryset=Availability.objects.select_related("service"), to_attr=ALL_ROWS)


def region_name(code):
    """“United Kingdom” for GB; the code itself for one ISO 3166 does not know."""
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass
class WatchChoice:
    """The region and service a reader chose on one page, and the choices that page offers."""

    region: str
    service: object = None  # a Service, or None for any service
    regions: list = field(default_factory=list)
    services: list = field(default_factory=list)

    @property
    def region_label(self):
        return region_name(self.region)

    @property
    def is_default(self):
        return self.region == settings.DEFAULT_REGION and self.service is None

    def query(self):
        """The query parameters that keep this choice on links within the page."""
        params = {}
        if self.region != settings.DEFAULT_REGION:
            params["region"] = self.region
        if self.service is not None:
            params["service"] = self.service.slug
        return params


def choose(request, films):
    """The reader's choice for a page showing `films` (fetched with all_rows_prefetch), and each film's rows
    in the chosen region as `film.watch_options`; with a service chosen, `film.on_service` says whether it is there.

    A region or service the page's films are nowhere on is not offered, and is ignored if asked for.
    """
    rows = [row for film in films for row in getattr(film, ALL_ROWS, [])]
    regions = sorted({row.region for row in rows} | {settings.DEFAULT_REGION}, key=region_name)
    asked_region = request.GET.get("region", "").strip().upper()
    region = asked_region if asked_region in regions else settings.DEFAULT_REGION
    services = {row.service.slug: row.service for row in rows if row.region == region}
    service = services.get(request.GET.get("service", "").strip().lower())
    for film in films:
        film.watch_options = [row for row in getattr(film, ALL_ROWS, []) if row.region == region]
        film.on_service = service is not None and any(row.service_id == service.pk for row in film.watch_options)
    return WatchChoice(
        region=region,
        service=service,
        regions=[Option(code, f"{region_name(code)} ({code})") for code in regions],
        services=[Option(slug, found.name) for slug, found in sorted(services.items(), key=lambda s: s[1].name)],
    )
