"""The admin app, served by the editors' own site (recommendations/admin_site.py).

A module of its own: INSTALLED_APPS loads it before any model exists, and recommendations/apps.py
must keep a single app config for Django to pick.
"""

from django.contrib.admin.apps import AdminConfig


class EditorialAdminConfig(AdminConfig):
    default = False
    default_site = "recommendations.admin_site.EditorialAdminSite"
