"""A new site notice shows at once on every page.

Publishing a version of a shared block (a djangocms-alias, such as the site
notice) changes no page, so django CMS keeps serving the pages and chrome it
rendered with the old block. Each publish or unpublish of one moves the CMS
page-cache version on, which every kept page and piece of chrome is keyed by.
"""

from cms.cache import invalidate_cms_page_cache
from djangocms_alias.models import AliasContent
from djangocms_versioning import constants
from djangocms_versioning.signals import post_version_operation

SHOWN_TO_THE_PUBLIC = {constants.OPERATION_PUBLISH, constants.OPERATION_UNPUBLISH}


def shared_block_changed(sender, operation, **kwargs):
    if operation in SHOWN_TO_THE_PUBLIC:
        invalidate_cms_page_cache()


def connect():
    post_version_operation.connect(
        shared_block_changed, sender=AliasContent, dispatch_uid="inspectorate-shared-block-changed"
    )
