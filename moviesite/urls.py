from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Film magazine editors"
admin.site.site_title = "Film magazine admin"
admin.site.index_title = "Lists, films, people and themes"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("recommendations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
