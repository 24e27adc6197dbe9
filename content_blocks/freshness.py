"""Blocks that list publications or documents show a change to the library at once.

django CMS keeps a placeholder's HTML, and whole pages for anonymous visitors,
for its content duration. A publication published, withdrawn or deleted must
not linger in those copies, so any change to the library clears the cache of
each placeholder holding such a block, and the page cache. Scheduled
publications change with the clock, not a save: the blocks ask to be kept no
longer than the library's own pages are (``LIBRARY_BLOCK_SECONDS``).
"""

from cms.cache import invalidate_cms_page_cache
from cms.cache.placeholder import clear_placeholder_cache
from cms.models import CMSPlugin
from django.conf import settings

from publications.cache import PUBLIC_PAGE_SECONDS

LIBRARY_BLOCK_SECONDS = PUBLIC_PAGE_SECONDS
LIBRARY_BLOCKS = ["PublicationListPlugin", "DocumentListPlugin"]


class _Placeholder:
    """What the placeholder cache needs of a placeholder: its primary key."""

    def __init__(self, pk):
        self.pk = pk


def refresh_library_blocks(**kwargs) -> None:
    """Signal receiver: every cached copy of a block listing the library is stale now."""
    shown_in = (
        CMSPlugin.objects.filter(plugin_type__in=LIBRARY_BLOCKS)
        .values_list("placeholder_id", "language")
        .distinct()
    )
    for placeholder_id, language in shown_in:
        clear_placeholder_cache(_Placeholder(placeholder_id), language, settings.SITE_ID)
    invalidate_cms_page_cache()
