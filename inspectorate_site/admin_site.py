"""The staff site: the admin under the site's own name, in staff words, with a dashboard per job.

Third-party apps (django CMS, its aliases and versioning, filer) name their
models in developers' words. Their labels are changed here, where the admin
lists them (index and sidebar), rather than by patching their models.
"""

from django.conf import settings
from django.contrib import admin

from . import dashboard

# app label → (staff name, {model object name → staff name}); a model named None is not listed.
STAFF_NAMES = {
    "cms": ("Website pages", {"PageContent": "Pages"}),
    "djangocms_alias": (
        "Shared blocks",
        {"Alias": "Shared blocks (header, footer…)", "Category": "Shared block categories"},
    ),
    "djangocms_versioning": (
        "Version history",
        {"PageContentVersion": "Page versions", "AliasContentVersion": "Shared block versions"},
    ),
    "filer": ("Media library", {"Folder": "Media library folders", "ThumbnailOption": "Image sizes"}),
    "auth": ("Staff accounts", {"User": "Staff members", "Group": "Staff groups"}),
    "axes": ("Sign-in security", {}),
}


class StaffAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} staff site"
    site_title = f"{settings.SITE_NAME} staff site"
    index_title = "Your work"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            app_name, model_names = STAFF_NAMES.get(app["app_label"], (app["name"], {}))
            app["name"] = app_name
            app["models"] = [
                {**model, "name": model_names.get(model["object_name"], model["name"])}
                for model in app["models"]
                if model_names.get(model["object_name"], "") is not None
            ]
            app["models"].sort(key=lambda model: model["name"].lower())
        # Alphabetical by the names staff read, as Django orders its own.
        return sorted(app_list, key=lambda app: app["name"].lower())

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_panels": dashboard.panels_for(request.user)}
        return super().index(request, extra_context)
