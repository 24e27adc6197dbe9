"""Factories shared by the test suite (and usable from a shell)."""

import factory
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from djangocms_versioning.models import Version

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class StaffFactory(UserFactory):
    is_staff = True


class SuperuserFactory(StaffFactory):
    is_superuser = True


def draft_page(title, *, user, template="cms/content_page.html", body="", **kwargs):
    """A CMS page whose only version is a draft; returns its PageContent."""
    page = create_page(title, template, "en", created_by=user, **kwargs)
    content = PageContent.admin_manager.get(page=page, language="en")
    if body:
        placeholder = content.rescan_placeholders()["content"]
        add_plugin(placeholder, "TextPlugin", "en", body=body)
    return content


def published_page(title, *, user, **kwargs):
    content = draft_page(title, user=user, **kwargs)
    Version.objects.get_for_content(content).publish(user)
    return content
