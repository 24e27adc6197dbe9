"""A printable A4 poster for a registered service's premises: its registration, latest grades and a QR code.

The poster is a PDF drawn with ReportLab, so every word on it is real text that can be searched, copied
and read aloud; it names its title and its language (en-GB). The QR code, made with segno, is a PNG
drawn large with its quiet zone, and opens the service's page on our website, whose address the poster
prints too: a printed poster grows old on the wall, the page never does. Only a registered service has a
poster (views.service_poster answers 410 for any other), and no street address is printed: the poster
hangs at the address, and some services' addresses are never published.
"""

from __future__ import annotations

import datetime
from io import BytesIO

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .models import CareService
from .widget import service_page_url

LANGUAGE = "en-GB"
# The design system's blue, used sparingly (the band and the site's name); text is the badge's dark grey.
BLUE = HexColor("#0065bd")
TEXT = HexColor("#333e48")
# Bitstream Vera ships with ReportLab: embedded (subset) so any printer shows the same letters, with a
# Unicode map so the text can be extracted; Helvetica would not be embedded.
FONT = "PosterSans"
BOLD = "PosterSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
NAME_SIZES = (32, 28)  # the name's size, smaller only if it needs more than three lines at the first
NAME_MAX_LINES = 4
BODY_SIZES = (16, 15, 14, 13, 12)  # the details' and grades' size: the first at which they fit
QR_SIZE = 6 * cm  # quiet zone included: the code itself is nearly 5 cm across
QR_BORDER = 4  # modules of quiet zone, as the standard asks
QR_SCALE = 12  # pixels a module: enough that scaling to QR_SIZE leaves every edge sharp
URL_SIZES = (14, 13, 12, 11, 10)  # the address's size: the first at which it fits on one line
# The foot of the page: the QR code, and under it the address; the rule above it ends the service's part.
BOTTOM_MARGIN = 1.5 * cm
QR_BOTTOM = BOTTOM_MARGIN + 1.1 * cm
FOOTER_TOP = QR_BOTTOM + QR_SIZE + 0.5 * cm
GRADE_SCALE = "We grade each key question from 1 (unsatisfactory) to 6 (excellent)."


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def poster_filename(service: CareService) -> str:
    return f"{service.service_number}-poster.pdf"


def poster_title(service: CareService) -> str:
    return f"{service.name} ({service.service_number}): registered with the {settings.SITE_NAME}"


def qr_code_png(url: str) -> bytes:
    """The QR code for an address, black on white with its quiet zone, as a PNG."""
    buffer = BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="png", scale=QR_SCALE, border=QR_BORDER, dark="#000000", light="#ffffff"
    )
    return buffer.getvalue()


def _long_date(day: datetime.date | None, missing: str = "") -> str:
    return format_date(day, "j F Y") if day else missing


class _Page:
    """A cursor down the page: each call draws its lines below the last, in reading order.

    A page made with draw=False only measures, so the body's size can be chosen to fit.
    """

    def __init__(self, canvas: Canvas, y: float, *, draw: bool = True):
        self.canvas = canvas
        self.y = y
        self.draw = draw

    def lines(self, lines, *, font=FONT, size=14, colour=TEXT, x=MARGIN, leading=1.25, after=0):
        if self.draw:
            self.canvas.setFillColor(colour)
            self.canvas.setFont(font, size)
        for line in lines:
            self.y -= size * leading
            if self.draw:
                self.canvas.drawString(x, self.y, line)
        self.y -= after

    def text(self, text, *, font=FONT, size=14, width=TEXT_WIDTH, max_lines=None, **options):
        self.lines(_wrap(text, font, size, width, max_lines), font=font, size=size, **options)

    def side_by_side(self, left, right, *, size, right_x, left_font=FONT, after=4):
        """Two columns of lines starting level; the cursor goes below the longer."""
        top = self.y
        self.lines(left, font=left_font, size=size)
        bottom = self.y
        self.y = top
        self.lines(right, font=BOLD, size=size, x=right_x)
        self.y = min(bottom, self.y) - after


def _wrap(text: str, font: str, size: float, width: float, max_lines: int | None = None) -> list[str]:
    lines = simpleSplit(text, font, size, width) or [""]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


def _name_lines(name: str) -> tuple[list[str], int]:
    for size in NAME_SIZES:
        lines = simpleSplit(name, BOLD, size, TEXT_WIDTH)
        if len(lines) <= 3:
            return lines, size
    return _wrap(name, BOLD, size, TEXT_WIDTH, NAME_MAX_LINES), size


def _draw_header(canvas: Canvas) -> float:
    """The band with our name; returns where the page's text starts."""
    band = 1.2 * cm
    canvas.setFillColor(BLUE)
    canvas.rect(0, PAGE_HEIGHT - band, PAGE_WIDTH, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(BOLD, 16)
    canvas.drawString(MARGIN, PAGE_HEIGHT - band + 0.4 * cm, settings.SITE_NAME)
    return PAGE_HEIGHT - band - 0.6 * cm


def _draw_body(page: _Page, service: CareService, size: int) -> None:
    """Registered with us, the service, its details and its grades, the details and grades at `size`."""
    page.text(f"Registered with the {settings.SITE_NAME}", font=BOLD, size=22, colour=BLUE, after=10)
    name, name_size = _name_lines(service.name)
    page.lines(name, font=BOLD, size=name_size, leading=1.15, after=14)

    details = [
        ("Service number", service.service_number),
        ("Type of service", service.service_type + (f": {service.subtype}" if service.subtype else "")),
        ("Provider", service.provider.name if service.provider else "Not recorded"),
        ("Registered since", _long_date(service.registered_on, "Not recorded")),
    ]
    label_width = max(pdfmetrics.stringWidth(label, FONT, size) for label, _ in details) + 0.4 * cm
    for label, value in details:
        value_lines = _wrap(value, BOLD, size, TEXT_WIDTH - label_width, max_lines=3)
        page.side_by_side([label], value_lines, size=size, right_x=MARGIN + label_width)
    page.y -= size

    grades = service.grades()
    if not grades:
        page.text("Grades", font=BOLD, size=size + 2, after=4)
        page.text("This service has not been graded yet.", size=size)
        return
    published = _long_date(service.grades_published_on, "on a date not recorded")
    page.text(f"Latest grades, published {published}", font=BOLD, size=size + 2, after=2)
    page.text(GRADE_SCALE, size=max(size - 3, 11), after=6)
    # The grades in a column at the right, as wide as the longest ("1 Unsatisfactory" is the widest).
    grade_width = max(pdfmetrics.stringWidth(str(grade), BOLD, size) for grade in grades)
    for grade in grades:
        question = _wrap(grade.question, FONT, size, TEXT_WIDTH - grade_width - 0.5 * cm)
        page.side_by_side(question, [str(grade)], size=size, right_x=PAGE_WIDTH - MARGIN - grade_width)


def _draw_check_live_page(canvas: Canvas, url: str, today: datetime.date) -> None:
    """At the foot of the page: the QR code, when the poster was made, and the page's address on one line."""
    canvas.setStrokeColor(BLUE)
    canvas.setLineWidth(2)
    canvas.line(MARGIN, FOOTER_TOP, PAGE_WIDTH - MARGIN, FOOTER_TOP)
    canvas.drawImage(ImageReader(BytesIO(qr_code_png(url))), MARGIN, QR_BOTTOM, width=QR_SIZE, height=QR_SIZE)
    x = MARGIN + QR_SIZE + 0.6 * cm
    width = PAGE_WIDTH - MARGIN - x
    page = _Page(canvas, QR_BOTTOM + QR_SIZE - 0.3 * cm)
    page.text(f"Correct on {_long_date(today)}: check the live page", font=BOLD, size=16, x=x, width=width)
    page.text(
        "Grades and registration can change. Scan the code, or go to the address below.", x=x, width=width
    )
    # One line, so the address is found and copied whole; smaller type before a break.
    size = next((size for size in URL_SIZES if pdfmetrics.stringWidth(url, BOLD, size) <= TEXT_WIDTH), None)
    lines = [url] if size else _wrap(url, BOLD, URL_SIZES[-1], TEXT_WIDTH)
    page = _Page(canvas, QR_BOTTOM - 0.1 * cm)
    page.lines(lines, font=BOLD, size=size or URL_SIZES[-1], colour=BLUE)
    # On screen, the code and the address open the page too.
    canvas.linkURL(url, (MARGIN, page.y - 0.2 * cm, PAGE_WIDTH - MARGIN, QR_BOTTOM), thickness=0)
    canvas.linkURL(url, (MARGIN, QR_BOTTOM, MARGIN + QR_SIZE, QR_BOTTOM + QR_SIZE), thickness=0)


def _measure(canvas: Canvas, top: float, service: CareService, size: int) -> float:
    """Where the body would end at this size."""
    page = _Page(canvas, top, draw=False)
    _draw_body(page, service, size)
    return page.y


def poster_pdf(service: CareService, today: datetime.date | None = None) -> bytes:
    """The poster of a registered service, as PDF bytes (one A4 page)."""
    if not service.is_registered:
        raise ValueError(f"{service.service_number} is not registered: it has no poster")
    _register_fonts()
    today = today or timezone.localdate()
    url = service_page_url(service.service_number)
    buffer = BytesIO()
    # Our font from the start, or ReportLab declares Helvetica too, unembedded.
    canvas = Canvas(buffer, pagesize=A4, lang=LANGUAGE, pageCompression=1, initialFontName=FONT)
    canvas.setTitle(poster_title(service))
    canvas.setAuthor(settings.SITE_NAME)
    canvas.setSubject(f"Registration and latest grades of {service.name}, correct on {_long_date(today)}")
    canvas.setKeywords([service.service_number, "registration", "grades", settings.SITE_NAME])
    canvas.setCreator(settings.SITE_NAME)
    canvas.setViewerPreference("DisplayDocTitle", "true")

    top = _draw_header(canvas)
    # The largest size at which the details and grades end above the foot; the smallest if none does.
    size = next(
        (size for size in BODY_SIZES if _measure(canvas, top, service, size) > FOOTER_TOP), BODY_SIZES[-1]
    )
    _draw_body(_Page(canvas, top), service, size)
    _draw_check_live_page(canvas, url, today)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
