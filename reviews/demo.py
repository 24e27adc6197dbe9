"""Demo review request for `manage.py load_demo_data`: one change waiting, so a publisher sees the queue."""

from django.contrib.auth import get_user_model

from publications.models import Publication
from publications.revisions import start_revision

from . import services
from .models import ReviewRequest

DEMO_NOTE = "Shorter summary, as agreed with the policy team."


def load(stdout) -> None:
    """Idempotent: does nothing once any review request exists, or without the demo editor or library."""
    editor = get_user_model().objects.filter(username="editor").first()
    publication = Publication.objects.published().order_by("title", "pk").first()
    if ReviewRequest.objects.exists() or editor is None or publication is None:
        return
    revision = start_revision(publication, editor)
    revision.summary = publication.summary.split(". ")[0].rstrip(".") + "."
    revision.save(update_fields=["summary"])
    services.submit(revision, editor, DEMO_NOTE)
    stdout.write(f"Review request waiting: changes to “{publication}”")
