"""
Sign-in limits (django-axes): what a locked-out editor sees, and which address counts as theirs.

After settings.AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
pair is refused for settings.AXES_COOLOFF_TIME, right password or not. The same user from
another address, and other users from this one, sign in as usual.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.shortcuts import render


def cooloff_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message():
    return (
        f"Too many failed sign-in attempts for this username from your address. Signing in is blocked for "
        f"{cooloff_minutes()} minutes, even with the right password. Wait, then try again, or ask another "
        "editor to reset your password if you have forgotten it."
    )


def locked_out(request, original_response=None, credentials=None):
    """The admin's own sign-in page, with the form's text kept and the reason in its error box."""
    form = AdminAuthenticationForm(request, data=None, initial={"username": (credentials or {}).get("username", "")})
    # An unbound form shows no errors: the message goes where the admin shows a wrong password.
    form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([lockout_message()], error_class="nonfield")})
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "form": form,
        "username": (credentials or {}).get("username", ""),
    }
    # Rendered now: django-axes answers from a middleware, after the template response phase.
    return render(request, "admin/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the one they saw.

    Each proxy appends the address it got the request from to X-Forwarded-For, so with N
    trusted proxies the Nth entry from the right is the last one nobody could forge.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
