from django.conf import settings


def site(request):
    """What every page says about the site itself."""
    return {"SITE_NAME": settings.SITE_NAME}
