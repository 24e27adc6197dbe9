"""The published CMS pages as the search reads them: title, description and the words of their text.

A site has tens or hundreds of pages, and they change only when someone
publishes, so the whole index is built once per django CMS version, kept (in
Redis and each worker), and searched in memory: a search costs no query for them.
"""

import html
import re
from dataclasses import dataclass

from cms.models import CMSPlugin, PageContent, Placeholder
from cms.utils.plugins import downcast_plugins
from django.contrib.contenttypes.models import ContentType
from django.db import models

from inspectorate_site import generations

from .words import WORD, stem

INDEX_SECONDS = 3600
TAG = re.compile(r"<[^>]+>")
TITLE_WEIGHT, DESCRIPTION_WEIGHT, TEXT_WEIGHT = 4, 2, 1


@dataclass(frozen=True)
class IndexedPage:
    title: str
    description: str
    url: str
    title_stems: frozenset
    description_stems: frozenset
    text_stems: frozenset

    def score(self, terms_stems) -> int:
        """0 unless every term (any of its phrases, every word of that) is on the page; more in the title.

        A stem also matches the start of a longer one: "complain" finds "complaint".
        """
        total = 0
        for phrases in terms_stems:
            best = max((self._phrase_weight(phrase) for phrase in phrases), default=0)
            if not best:
                return 0
            total += best
        return total

    def _phrase_weight(self, phrase) -> int:
        weight = 0
        for word_stem in phrase:
            found = max(
                (
                    field_weight
                    for field_weight, stems in (
                        (TITLE_WEIGHT, self.title_stems),
                        (DESCRIPTION_WEIGHT, self.description_stems),
                        (TEXT_WEIGHT, self.text_stems),
                    )
                    if _has(stems, word_stem)
                ),
                default=0,
            )
            if not found:
                return 0
            weight += found
        return weight


def _has(stems: frozenset, word_stem: str) -> bool:
    return word_stem in stems or (len(word_stem) >= 4 and any(s.startswith(word_stem) for s in stems))


def stems_of(text: str) -> frozenset:
    return frozenset(stem(word) for word in WORD.findall(html.unescape(TAG.sub(" ", text or "")).lower()))


def _plugin_text(plugin) -> str:
    """Every piece of text a plugin holds (its text, heading, summary...), whatever its type; not
    its settings."""
    return " ".join(
        str(getattr(plugin, field.attname) or "")
        for field in plugin._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.name not in ("plugin_type", "language")
        # A setting ("popular", "h2") or an address is not what the page says.
        and not field.choices
        and not isinstance(field, models.URLField | models.SlugField)
    )


def _build(site_id: int) -> list[IndexedPage]:
    """``PageContent.objects`` is django CMS versioning's published-only manager; pages that need a
    sign-in are left out, as anonymous visitors cannot see them."""
    contents = list(
        PageContent.objects.filter(language="en", page__site_id=site_id, page__login_required=False)
        .select_related("page")
        .prefetch_related("page__urls")
    )
    placeholders = Placeholder.objects.filter(
        content_type=ContentType.objects.get_for_model(PageContent),
        object_id__in=[content.pk for content in contents],
    )
    owner_of = dict(placeholders.values_list("pk", "object_id"))
    text_of = {}
    plugins = CMSPlugin.objects.filter(placeholder_id__in=owner_of, language="en")
    for plugin in downcast_plugins(plugins):
        owner = owner_of.get(plugin.placeholder_id)
        text_of.setdefault(owner, []).append(_plugin_text(plugin))
    index = []
    for content in contents:
        url = content.get_absolute_url()
        if not url:
            continue
        description = content.meta_description or ""
        index.append(
            IndexedPage(
                title=content.title,
                description=description,
                url=url,
                title_stems=stems_of(content.title),
                description_stems=stems_of(description),
                text_stems=stems_of(" ".join(text_of.get(content.pk, []))),
            )
        )
    return index


def current(site) -> list[IndexedPage]:
    return generations.kept(
        f"site-search:pages:{site.pk}",
        lambda: _build(site.pk),
        counter=generations.CMS,
        seconds=INDEX_SECONDS,
    )
