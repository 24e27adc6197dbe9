"""Side by side: what the public sees now and what the draft would publish.

Each row is one thing a publisher checks (title, summary, body, documents...),
as plain text; ``marked_up`` marks what changed word by word with <del> and
<ins>, each opened with visually hidden words so the change is heard, and is
not shown by colour alone.
"""

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

from cms.models import PageContent
from cms.utils.placeholder import get_placeholders
from cms.utils.plugins import downcast_plugins
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from djangocms_versioning.constants import PUBLISHED

from publications.models import Publication, PublicationRevision

TOKENS = re.compile(r"\S+|\s+")
MARKS = {"del": "removed: ", "ins": "added: "}


@dataclass(frozen=True)
class Row:
    label: str
    live: str
    draft: str

    @property
    def changed(self) -> bool:
        return self.live != self.draft

    @cached_property
    def marked_up(self) -> tuple[str, str]:
        return marked_up(self.live, self.draft)


def _mark(tag, tokens):
    return format_html(
        '<{}><span class="visually-hidden">{}</span>{}</{}>', tag, MARKS[tag], "".join(tokens), tag
    )


def marked_up(live: str, draft: str) -> tuple[str, str]:
    """Both texts as HTML, with words only in the live text in <del> and words only in the draft in <ins>."""
    old, new = TOKENS.findall(live), TOKENS.findall(draft)
    live_html, draft_html = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            live_html.append(escape("".join(old[old_start:old_end])))
            draft_html.append(escape("".join(new[new_start:new_end])))
            continue
        if old_end > old_start:
            live_html.append(_mark("del", old[old_start:old_end]))
        if new_end > new_start:
            draft_html.append(_mark("ins", new[new_start:new_end]))
    return mark_safe("".join(live_html)), mark_safe("".join(draft_html))  # noqa: S308 (parts escaped above)


def plain(html: str) -> str:
    """Editor HTML as readable text: one line per block, no tags."""
    text = re.sub(r"</(p|li|h[1-6]|div|tr|blockquote)>|<br\s*/?>", "\n", html or "", flags=re.IGNORECASE)
    lines = (" ".join(strip_tags(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def compare(item) -> list[Row]:
    if isinstance(item, PageContent):
        return compare_page(item)
    if isinstance(item, PublicationRevision):
        return compare_publication(item.publication, item)
    if isinstance(item, Publication):
        return compare_publication(None, item)
    raise TypeError(f"Nothing to compare for {type(item).__name__}")


def live_page_content(draft: PageContent) -> PageContent | None:
    return (
        PageContent.admin_manager.filter(
            page_id=draft.page_id, language=draft.language, versions__state=PUBLISHED
        )
        .exclude(pk=draft.pk)
        .first()
    )


def page_text(content: PageContent | None) -> dict[str, str]:
    """The text of each placeholder's plugins, placeholders and plugins in reading order."""
    if content is None:
        return {}
    slots = [placeholder.slot for placeholder in get_placeholders(content.get_template())]
    text = {}
    for placeholder in content.get_placeholders():
        plugins = downcast_plugins(placeholder.get_plugins(content.language).order_by("position"))
        text[placeholder.slot] = "\n".join(filter(None, (_plugin_text(plugin) for plugin in plugins)))
    return {slot: text[slot] for slot in sorted(text, key=lambda s: slots.index(s) if s in slots else 99)}


def _plugin_text(plugin) -> str:
    if hasattr(plugin, "body"):
        return plain(plugin.body)
    return f"[{plugin.get_plugin_name()}: {plugin}]"


def compare_page(draft: PageContent) -> list[Row]:
    live = live_page_content(draft)
    rows = [
        Row("Title", live.title if live else "", draft.title),
        Row(
            "Summary (meta description)",
            (live.meta_description or "") if live else "",
            draft.meta_description or "",
        ),
    ]
    live_text, draft_text = page_text(live), page_text(draft)
    for slot in dict.fromkeys([*draft_text, *live_text]):
        rows.append(Row(f"Text: {slot.replace('_', ' ')}", live_text.get(slot, ""), draft_text.get(slot, "")))
    return rows


def _documents(publication_or_revision, live_files=None) -> str:
    lines = []
    for document in publication_or_revision.documents.all():
        line = str(document)
        if (
            live_files is not None
            and live_files.get(getattr(document, "live_document_id", None)) != document.file.name
        ):
            line += " (new file)"
        lines.append(line)
    return "\n".join(lines)


def compare_publication(live: Publication | None, draft) -> list[Row]:
    def categories(source):
        return "\n".join(sorted(str(category) for category in source.categories.all())) if source else ""

    live_files = {document.pk: document.file.name for document in live.documents.all()} if live else None
    return [
        Row("Title", live.title if live else "", draft.title),
        Row("Address (slug)", live.slug if live else "", draft.slug),
        Row("Summary", live.summary if live else "", draft.summary),
        Row("Body", plain(live.body) if live else "", plain(draft.body)),
        Row("Documents", _documents(live) if live else "", _documents(draft, live_files)),
        Row("Categories", categories(live), categories(draft)),
    ]
