"""The publications library: a category tree, publications, their documents and download counts.

A publication is visible to the public only when it is published and its
``published_at`` has come (so scheduling needs no cron job). Download counts
are kept twice: a running total on each document and publication, updated with
one atomic ``UPDATE`` per download, and one row per document per day for the
trend (see ``publications.downloads``).

Changes to a published publication by someone who may not publish wait in a
PublicationRevision (see ``publications.revisions``) until a publisher
publishes them; the public pages never read those tables.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from djangocms_text.fields import HTMLField

from .html import render_body
from .uploads import describe_document, validate_image_size

# Addresses under /publications/ that a publication's slug must not take.
RESERVED_SLUGS = {"categories", "feed", "search", "documents", "page"}

SEARCH_CONFIG = "english"


def search_vector():
    """Title weighs more than summary, summary more than body.

    PostgreSQL's text parser reads HTML tags and entities as their own token
    types, which the english configuration drops, so the stored HTML can be
    indexed as it is.
    """
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("document_titles", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body_html", weight="C", config=SEARCH_CONFIG)
    )


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is used by the site itself; choose another slug.", params={"value": value}
        )


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def ancestors_of(self, category):
        """The category's ancestors and itself, root first, in one query."""
        parts = category.path.split("/")
        paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return self.filter(path__in=paths).order_by("depth")

    def descendants_of(self, category, *, include_self=True):
        descendants = self.filter(path__startswith=category.path + "/")
        if include_self:
            descendants = descendants | self.filter(pk=category.pk)
        return descendants

    def in_tree_order(self) -> list["Category"]:
        """Every category, each followed by its subcategories, in one query.

        Sorting by ``path`` alone would put "guidance-x" between "guidance" and
        "guidance/adults", since "-" sorts before "/".
        """
        children = {}
        for category in self.order_by("ordering", "name", "pk"):
            children.setdefault(category.parent_id, []).append(category)
        ordered, stack = [], list(reversed(children.get(None, [])))
        while stack:
            category = stack.pop()
            ordered.append(category)
            stack.extend(reversed(children.get(category.pk, [])))
        return ordered


class Category(models.Model):
    """A node of the library's category tree.

    ``path`` is the chain of slugs from the root ("guidance/adults"); it is the
    category's address and lets one query find ancestors or descendants.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100, help_text="Part of the address; lower case letters, numbers and hyphens."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    description = models.TextField(blank=True)
    ordering = models.PositiveIntegerField(default=0, help_text="Lower numbers come first among siblings.")
    path = models.CharField(max_length=500, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = "publication category"
        verbose_name_plural = "publication categories"
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="unique_category_slug_per_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(parent__isnull=True), name="unique_top_level_category_slug"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = None
        if self.pk:
            old_path = type(self).objects.filter(pk=self.pk).values_list("path", flat=True).first()
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse("publications:category", kwargs={"path": self.path})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A category cannot sit inside itself."})
            ancestor = ancestor.parent


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Published and due: a future ``published_at`` stays hidden until then."""
        return self.filter(status=Publication.Status.PUBLISHED, published_at__lte=timezone.now())

    def on_record(self):
        """What has a public page: the published, and the withdrawn (a page that says so, never a 404)."""
        return self.filter(
            status__in=[Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN],
            published_at__lte=timezone.now(),
        )

    def scheduled(self):
        """Published with a date still to come: each goes live by itself at its ``published_at``."""
        return self.filter(status=Publication.Status.PUBLISHED, published_at__gt=timezone.now())

    def popular(self):
        return self.order_by("-download_count", "title", "pk")

    def newest(self):
        return self.order_by("-published_at", "title", "pk")

    def alphabetical(self):
        return self.order_by("title", "pk")

    def in_category(self, category):
        """In the category or any of its subcategories."""
        through = Publication.categories.through
        return self.filter(
            models.Exists(
                through.objects.filter(
                    publication_id=models.OuterRef("pk"),
                    category__in=Category.objects.descendants_of(category),
                )
            )
        )

    def published_in_year(self, year):
        return self.filter(published_at__year=year)

    def for_listing(self):
        """Only what a list entry shows."""
        return self.only("pk", "title", "slug", "summary", "published_at", "download_count")

    def search(self, query):
        """Ranked matches: PostgreSQL full-text search, or a plain ranking elsewhere."""
        if connection.vendor == "postgresql":
            search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
            return (
                self.filter(search_vector=search_query)
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "-download_count", "pk")
            )
        return (
            self.filter(
                Q(title__icontains=query) | Q(summary__icontains=query) | Q(body_html__icontains=query)
            )
            .annotate(
                rank=models.Case(
                    models.When(title__icontains=query, then=3),
                    models.When(summary__icontains=query, then=2),
                    default=1,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("-rank", "-download_count", "pk")
        )


class PublicationManager(models.Manager.from_queryset(PublicationQuerySet)):
    def get_queryset(self):
        # The search vector is for the database to match against, never to read.
        return super().get_queryset().defer("search_vector")


class Publication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="The address, after /publications/. Changing it keeps the old address working.",
    )
    summary = models.TextField(help_text="One or two plain sentences, shown in lists and search results.")
    body = HTMLField(blank=True)
    body_html = models.TextField(blank=True, editable=False)
    image = models.ImageField(
        upload_to="publications/images/%Y/",
        blank=True,
        validators=[validate_image_size],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image alternative text",
        max_length=255,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Required with an image.",
    )
    categories = models.ManyToManyField(Category, related_name="publications")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "publication date",
        null=True,
        blank=True,
        help_text="When it appears on the site. Leave empty to publish now; a future date schedules it.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(
        "reason for withdrawal",
        blank=True,
        default="",
        db_default="",
        editable=False,
        help_text="Shown on the publication's page, under “This publication was withdrawn”.",
    )
    imported_downloads = models.PositiveIntegerField(
        default=0,
        blank=True,
        help_text="Only for publications moved from the old website: its download total. Otherwise leave it empty.",
    )
    download_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Total downloads, including those imported."
    )
    # The titles of its documents, one a line: searched with the summary (kept by refresh_document_titles).
    document_titles = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationManager()

    class Meta:
        ordering = ["-download_count", "title"]
        permissions = [("publish_publication", "Can publish, schedule and unpublish publications")]
        indexes = [
            models.Index(fields=["status", "-download_count"], name="pub_popular_idx"),
            models.Index(fields=["status", "-published_at"], name="pub_newest_idx"),
            models.Index(fields=["status", "title"], name="pub_title_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:120]
        if self.imported_downloads is None:
            self.imported_downloads = 0
        if self.status != self.Status.WITHDRAWN:
            self.withdrawn_at, self.withdrawn_reason = None, ""
        self.body_html = render_body(self.body or "")
        previous = None
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values("slug", "imported_downloads").first()
        if previous is None:
            self.download_count = self.imported_downloads + self.download_count
        super().save(*args, **kwargs)
        if previous is not None:
            delta = self.imported_downloads - previous["imported_downloads"]
            if delta:
                # A corrected import figure moves the total by the difference, atomically.
                type(self).objects.filter(pk=self.pk).update(download_count=F("download_count") + delta)
                self.refresh_from_db(fields=["download_count"])
            if previous["slug"] != self.slug:
                SlugHistory.objects.update_or_create(
                    old_slug=previous["slug"], defaults={"publication": self}
                )
                SlugHistory.objects.filter(old_slug=self.slug).delete()
        if connection.vendor == "postgresql":
            type(self).objects.filter(pk=self.pk).update(search_vector=search_vector())

    def get_absolute_url(self):
        return reverse("publications:publication", kwargs={"slug": self.slug})

    @classmethod
    def refresh_document_titles(cls, publication_id) -> None:
        """After a document is added, renamed or removed: its title is searched with the publication."""
        titles = "\n".join(
            Document.objects.filter(publication_id=publication_id).values_list("title", flat=True)
        )
        publication = cls.objects.filter(pk=publication_id)
        publication.update(document_titles=titles)
        if connection.vendor == "postgresql":  # separately: an UPDATE's expressions read the row as it was
            publication.update(search_vector=search_vector())

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    def withdraw(self, reason: str, *, by) -> "PublicationEvent":
        """Take it out of lists, search, feeds and downloads; its page stays and says why."""
        self.status = self.Status.WITHDRAWN
        self.withdrawn_at = timezone.now()
        self.withdrawn_reason = reason
        self.save()
        return self.events.create(
            kind=PublicationEvent.Kind.WITHDRAWN, by=by, at=self.withdrawn_at, note=reason
        )

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Describe the image for people who cannot see it."
        if self.status == self.Status.PUBLISHED and not self.published_at:
            errors["published_at"] = "A published publication needs a publication date."
        if self.status == self.Status.WITHDRAWN and not self.withdrawn_reason.strip():
            errors["status"] = "To withdraw a publication, use “Withdraw” on its page and give the reason."
        if errors:
            raise ValidationError(errors)


class SlugHistory(models.Model):
    """A slug a publication used to have: its old address redirects permanently."""

    old_slug = models.SlugField(max_length=120, unique=True)
    publication = models.ForeignKey(Publication, related_name="old_slugs", on_delete=models.CASCADE)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self):
        return f"{self.old_slug} → {self.publication.slug}"


def document_upload_to(instance, filename):
    return f"publications/documents/{timezone.now():%Y/%m}/{filename}"


class DocumentFields(models.Model):
    """What a document is, whether live (Document) or proposed in waiting changes (ProposedDocument)."""

    number = models.CharField(
        max_length=20, blank=True, help_text="Optional document number, as in The Guide: 001, 001a, 005b."
    )
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    file_format = models.CharField(max_length=20, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_accessible = models.BooleanField(
        "accessible",
        default=True,
        help_text="Untick if the file does not meet accessibility standards; the page then offers another format.",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "number", "title", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def save(self, *args, **kwargs):
        file = self.file
        if file and not getattr(file, "_committed", True):
            facts = describe_document(file)
            self.file_format, self.content_type = facts.file_format, facts.content_type
            self.file_size, self.page_count = facts.size, facts.page_count
        super().save(*args, **kwargs)


class Document(DocumentFields):
    """A file attached to a publication. Downloads go through the site, which counts them."""

    publication = models.ForeignKey(Publication, related_name="documents", on_delete=models.CASCADE)
    download_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta(DocumentFields.Meta):
        pass

    def get_download_url(self):
        return reverse(
            "publications:download", kwargs={"slug": self.publication.slug, "document_id": self.pk}
        )


class DailyDownloads(models.Model):
    """Downloads of one document on one day (the site's local date)."""

    document = models.ForeignKey(Document, related_name="daily_downloads", on_delete=models.CASCADE)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily downloads"
        constraints = [
            models.UniqueConstraint(fields=["document", "day"], name="one_row_per_document_per_day")
        ]

    def __str__(self):
        return f"{self.document} on {self.day}: {self.count}"


class ChangeNoteFields(models.Model):
    """A dated line of a publication's history: "Guidance on using Near Me (Added 11 May 2020)"."""

    class Kind(models.TextChoices):
        ADDED = "added", "Added"
        UPDATED = "updated", "Updated"

    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UPDATED)
    text = models.CharField(max_length=500)
    # Read by the email alerts, which announce only major changes once the publication is live.
    major = models.BooleanField(
        "major change: email subscribers",
        default=False,
        help_text="Tick only for a change that people following this publication need to know about: "
        "they are emailed this note once the publication is live. Leave it unticked for corrections "
        "and small changes.",
    )

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.text} ({self.get_kind_display()} {self.date.day} {self.date:%B %Y})"


class ChangeNote(ChangeNoteFields):
    publication = models.ForeignKey(Publication, related_name="change_notes", on_delete=models.CASCADE)

    class Meta(ChangeNoteFields.Meta):
        pass


def proposed_upload_to(instance, filename):
    """Files in waiting changes get an unguessable folder: a bucket serves whatever it holds by name."""
    folder = "images" if isinstance(instance, PublicationRevision) else "documents"
    return f"publications/{folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(9)}/{filename}"


class RevisionQuerySet(models.QuerySet):
    def open(self):
        """Not yet published or discarded: at most one per publication."""
        return self.filter(status__in=PublicationRevision.OPEN_STATUSES)

    def waiting(self):
        return self.filter(status=PublicationRevision.Status.WAITING)


class PublicationRevision(models.Model):
    """Changes to a published publication, kept aside until a publisher publishes them.

    It holds the whole proposed publication: the fields, categories, documents
    and change notes. Proposed documents and notes point at the live row they
    change, so publishing keeps document addresses and download counts.
    """

    class Status(models.TextChoices):
        STARTED = "started", "Started, not yet saved"
        WAITING = "waiting", "Waiting for a publisher"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"

    OPEN_STATUSES = (Status.STARTED, Status.WAITING)

    publication = models.ForeignKey(Publication, related_name="revisions", on_delete=models.CASCADE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.STARTED, db_index=True)
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=120,
        validators=[validate_slug_not_reserved],
        help_text="The address, after /publications/. The old address keeps working once published.",
    )
    summary = models.TextField(help_text="One or two plain sentences, shown in lists and search results.")
    body = HTMLField(blank=True)
    image = models.ImageField(
        upload_to=proposed_upload_to,
        blank=True,
        validators=[validate_image_size],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image alternative text",
        max_length=255,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Required with an image.",
    )
    categories = models.ManyToManyField(Category, related_name="+")
    imported_downloads = models.PositiveIntegerField(
        default=0, help_text="Downloads counted before this site, carried over from the old one."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "change to a live publication"
        verbose_name_plural = "changes to live publications"
        constraints = [
            models.UniqueConstraint(
                fields=["publication"],
                condition=Q(status__in=["started", "waiting"]),
                name="one_open_revision_per_publication",
            )
        ]

    def __str__(self):
        return f"Changes to {self.publication}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Describe the image for people who cannot see it."
        if self.slug and Publication.objects.filter(slug=self.slug).exclude(pk=self.publication_id).exists():
            errors["slug"] = "Another publication has this address; choose another slug."
        if errors:
            raise ValidationError(errors)


class ProposedDocument(DocumentFields):
    """A document as the waiting changes would have it: changed, added, or (if absent) removed."""

    revision = models.ForeignKey(PublicationRevision, related_name="documents", on_delete=models.CASCADE)
    live_document = models.ForeignKey(
        Document, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    file = models.FileField(upload_to=proposed_upload_to, max_length=255)

    class Meta(DocumentFields.Meta):
        verbose_name = "document"


class ProposedChangeNote(ChangeNoteFields):
    revision = models.ForeignKey(PublicationRevision, related_name="change_notes", on_delete=models.CASCADE)
    live_note = models.ForeignKey(
        ChangeNote, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta(ChangeNoteFields.Meta):
        verbose_name = "change note"


class PublicationEvent(models.Model):
    """One line of the publishing record: who did what to a publication, and when."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Changes sent to a publisher"
        CHANGED = "changed", "Waiting changes edited"
        PUBLISHED = "published", "Changes published"
        DISCARDED = "discarded", "Changes discarded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    publication = models.ForeignKey(Publication, related_name="events", on_delete=models.CASCADE)
    revision = models.ForeignKey(
        PublicationRevision, null=True, blank=True, related_name="events", on_delete=models.SET_NULL
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "publishing record entry"
        verbose_name_plural = "publishing record"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.publication}"
