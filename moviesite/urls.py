import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from recommendations.sitemaps import SITEMAPS

# A database that is down or locked gets the branded 503 page, not a 500 (recommendations/outages.py).
handler500 = "recommendations.outages.server_error"
# A form over the request limits gets a page that keeps the editor's text (recommendations/request_limits.py).
handler400 = "recommendations.request_limits.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots_txt"),
    path("", include("recommendations.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Local only: Django's file view is slow and not hardened. Production media is in object
    # storage or behind a web server (README, Deploying). static() adds nothing without DEBUG,
    # hence the route written out for `make serve`.
    from recommendations.views import local_media

    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", local_media)]
