"""Categories as a tree, publishing and scheduling, totals, slug history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from publications.factories import CategoryFactory, ChangeNoteFactory, PublicationFactory
from publications.models import Category, Publication, SlugHistory

pytestmark = pytest.mark.django_db


def test_a_category_path_follows_its_parents(category):
    child = CategoryFactory(name="Adults", slug="adults", parent=category)
    grandchild = CategoryFactory(name="Dementia", slug="dementia", parent=child)

    assert grandchild.path == "guidance/adults/dementia"
    assert grandchild.get_absolute_url() == "/publications/categories/guidance/adults/dementia/"
    assert [c.name for c in Category.objects.ancestors_of(grandchild)] == [
        "Guidance and resources",
        "Adults",
        "Dementia",
    ]


def test_moving_a_category_moves_its_subcategories(category):
    child = CategoryFactory(name="Adults", slug="adults", parent=category)
    grandchild = CategoryFactory(name="Dementia", slug="dementia", parent=child)

    child.slug = "adult-services"
    child.save()

    grandchild.refresh_from_db()
    assert grandchild.path == "guidance/adult-services/dementia"


def test_drafts_and_scheduled_publications_are_not_published():
    visible = PublicationFactory(title="Visible")
    PublicationFactory(title="Draft", status=Publication.Status.DRAFT)
    PublicationFactory(title="Scheduled", published_at=timezone.now() + timedelta(hours=1))

    assert list(Publication.objects.published()) == [visible]


def test_a_scheduled_publication_appears_when_its_time_comes(client):
    scheduled = PublicationFactory(title="Scheduled", published_at=timezone.now() + timedelta(seconds=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    Publication.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_querysets_sort_by_downloads_date_and_title():
    a = PublicationFactory(
        title="Apples", imported_downloads=5, published_at=timezone.now() - timedelta(days=3)
    )
    b = PublicationFactory(
        title="Bananas", imported_downloads=50, published_at=timezone.now() - timedelta(days=9)
    )
    c = PublicationFactory(
        title="Cherries", imported_downloads=10, published_at=timezone.now() - timedelta(days=1)
    )

    assert list(Publication.objects.published().popular()) == [b, c, a]
    assert list(Publication.objects.published().newest()) == [c, a, b]
    assert list(Publication.objects.published().alphabetical()) == [a, b, c]


def test_the_total_includes_the_imported_figure_and_follows_corrections():
    publication = PublicationFactory(imported_downloads=34341)
    assert publication.download_count == 34341

    Publication.objects.filter(pk=publication.pk).update(download_count=34341 + 7)  # seven counted since
    publication.refresh_from_db()
    publication.imported_downloads = 34340
    publication.save()

    publication.refresh_from_db()
    assert publication.download_count == 34340 + 7


def test_a_changed_slug_redirects_permanently_from_the_old_address(client):
    publication = PublicationFactory(title="Near Me", slug="near-me")
    publication.slug = "near-me-video-calls"
    publication.save()

    response = client.get("/publications/near-me/")

    assert response.status_code == 301
    assert response.headers["Location"] == "/publications/near-me-video-calls/"
    assert client.get(response.headers["Location"]).status_code == 200


def test_changing_a_slug_back_does_not_loop(client):
    publication = PublicationFactory(slug="first")
    publication.slug = "second"
    publication.save()
    publication.slug = "first"
    publication.save()

    assert not SlugHistory.objects.filter(old_slug="first").exists()
    assert client.get("/publications/first/").status_code == 200
    assert client.get("/publications/second/").status_code == 301


def test_an_old_slug_of_a_draft_does_not_redirect(client):
    publication = PublicationFactory(slug="old")
    publication.slug = "new"
    publication.status = Publication.Status.DRAFT
    publication.save()

    assert client.get("/publications/old/").status_code == 404


def test_slugs_the_site_uses_are_refused():
    publication = PublicationFactory.build(slug="feed", title="Feed")

    with pytest.raises(ValidationError, match="used by the site"):
        publication.full_clean(exclude=["categories"])


def test_an_image_needs_alternative_text():
    publication = PublicationFactory.build(image_alt=" ")
    publication.image.name = "publications/images/photo.png"

    with pytest.raises(ValidationError) as error:
        publication.clean()
    assert "image_alt" in error.value.message_dict


def test_change_notes_read_like_the_seed():
    note = ChangeNoteFactory(text="Guidance on using Near Me", kind="added", date=date(2020, 5, 11))

    assert str(note) == "Guidance on using Near Me (Added 11 May 2020)"
