"""The "Registered by" badge's size in its frame, worked out from what it says.

A frame cannot grow to fit its content, so the iframe embed code must give the badge's height, and
that depends on how many lines its name and grades take. The lines are laid out here as
widget_badge.css lays them out: in Arial (whose widths Helvetica, Liberation Sans and Arimo share),
breaking at spaces, each line 1.35 times its font size, in a text column 222 pixels wide.

Widths are a little generous (WIDTH_ALLOWANCE), for visitors whose browser has no Arial and uses a
wider sans-serif: then a line may wrap a word earlier. Over-counting costs a little space inside the
badge's border (it stretches to fill the frame); under-counting would cut its last line off.
"""

from __future__ import annotations

import math
import unicodedata

BADGE_WIDTH = 300  # as widget_badge.css and badge.svg draw it
_TEXT_COLUMN = BADGE_WIDTH - 2 * 2 - 2 * 12 - 40 - 10  # borders, padding, logo, gap: 222
_CHROME = 2 * 2 + 2 * 10  # the top and bottom border and padding
_LINE_HEIGHT = 1.35
_SMALL, _NAME = 13, 16  # font sizes in pixels
WIDTH_ALLOWANCE = 1.05

# Advance widths of the printable ASCII characters (space to tilde), in thousandths of the font size.
_FIRST = 32
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
    722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
    278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip
# Other characters: an accented letter as its letter (é as e), curly quotes and dashes as characters at
# least as wide, anything else as wide as the widest letters, to be safe.
_LIKE = str.maketrans({"‘": ",", "’": ",", "“": '"', "”": '"', "–": "n", "—": "m"})
_OTHER = 1000


def _advance(character: str, widths: tuple[int, ...]) -> int:
    base = unicodedata.normalize("NFKD", character.translate(_LIKE))[:1]
    index = ord(base) - _FIRST if base else -1
    return widths[index] if 0 <= index < len(widths) else _OTHER


def _width(text: str, size: int, *, bold: bool) -> float:
    widths = _BOLD if bold else _REGULAR
    return sum(_advance(character, widths) for character in text) * size / 1000 * WIDTH_ALLOWANCE


def line_count(text: str, size: int, *, bold: bool = False) -> int:
    """How many lines `text` takes in the badge's text column, broken at spaces as a browser does
    (a word too long for a line of its own is broken within it: overflow-wrap: anywhere)."""
    space = _width(" ", size, bold=bold)
    lines, filled = 0, None  # filled: the width used on the line being filled, None before a word
    for word in text.split():
        width = _width(word, size, bold=bold)
        if filled is not None and filled + space + width <= _TEXT_COLUMN:
            filled += space + width
            continue
        if filled is not None:
            lines += 1
        whole_lines, filled = divmod(width, _TEXT_COLUMN)
        lines += int(whole_lines)
    return max(1, lines + (filled is not None))


def _height(lines: int, size: int) -> float:
    return lines * size * _LINE_HEIGHT


def badge_frame_size(context: dict) -> tuple[int, int]:
    """(width, height) in CSS pixels of the badge for widget._badge_context's `context`."""
    height = _CHROME
    heading = (
        "Registered by the Care Inspectorate"
        if context["registered"]
        else "Not registered with the Care Inspectorate"
    )
    height += _height(line_count(heading, _SMALL, bold=True), _SMALL)
    height += _height(line_count(context["name"], _NAME, bold=True), _NAME) + 2 + 4  # margins
    if context["registered"] and context["grades"]:
        height += _height(line_count(context["grades_title"], _SMALL), _SMALL) + 2  # the grades' top margin
        for grade in context["grades"]:
            height += _height(line_count(f"{grade.label}: {grade.value} {grade.word}", _SMALL), _SMALL)
    elif context["registered"]:
        height += _height(line_count("Not graded yet.", _SMALL), _SMALL)
    else:
        note = context["not_registered_note"]
        height += _height(line_count(note, _SMALL), _SMALL)
    height += 6 + _height(line_count("View the service's details", _SMALL), _SMALL)  # after a 6px margin
    return BADGE_WIDTH, math.ceil(height)
