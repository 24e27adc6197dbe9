"""Factories for the library, used by the tests and by the demo data."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from .models import Category, ChangeNote, Document, Publication
from .pdf import make_pdf


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class PublicationFactory(factory.django.DjangoModelFactory):
    """A published publication, visible now. Pass status="draft" or a future published_at to hide it."""

    class Meta:
        model = Publication
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.LazyAttribute(lambda publication: slugify(publication.title))
    summary = factory.LazyAttribute(lambda publication: f"What {publication.title} is about, in a sentence.")
    body = "<p>The body of the publication.</p>"
    status = Publication.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.add(*extracted)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    publication = factory.SubFactory(PublicationFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(make_pdf(document.title), name=f"{slugify(document.title)}.pdf")
    )


class ChangeNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNote

    publication = factory.SubFactory(PublicationFactory)
    date = factory.LazyFunction(timezone.localdate)
    kind = ChangeNote.Kind.UPDATED
    text = factory.Sequence(lambda n: f"Change {n}")
