"""A registered service's printable poster: what it says, how a reader and a phone read it, who gets one."""

import datetime
import io
import re

import pytest
import zxingcpp
from django.utils import timezone
from django.utils.dateformat import format as format_date
from pypdf import PdfReader
from reportlab.lib.units import cm

from publications.demo_content import SEED_PUBLICATIONS
from services_registry import poster
from services_registry.factories import CareServiceFactory, ProviderFactory
from services_registry.models import CareService

pytestmark = pytest.mark.django_db

NUMBER = "CS2003001025"
POSTER = f"/services/{NUMBER}/poster.pdf"
LINK_TEXT = "Download a poster for your premises (PDF, A4)"


@pytest.fixture(autouse=True)
def _public_origin(settings):
    settings.SITE_URL = "https://www.careinspectorate.com"


@pytest.fixture
def rowan():
    return CareServiceFactory(
        service_number=NUMBER,
        name="Rowan House",
        provider=ProviderFactory(name="Rowan Care Partnership Ltd"),
        address_line_1="12 Rowan Road",
        town="Perth",
        postcode="PH1 5AB",
        registered_on=datetime.date(2011, 4, 1),
        grades_published_on=datetime.date(2024, 3, 15),
        grade_wellbeing=5,
        grade_leadership=4,
        grade_care_planning=1,
    )


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200, response.status_code
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    """The page's text as a reader copies it, each run of spaces and line breaks one space."""
    return " ".join(reader.pages[0].extract_text().split())


def test_poster_is_a_one_page_a4_pdf_to_open_in_the_browser(client, rowan):
    response = client.get(POSTER)
    reader = pdf_of(response)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{NUMBER}-poster.pdf"'
    assert response["Cache-Control"] == "public, max-age=3600"
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)


def test_poster_text_names_the_service_its_registration_and_grades_with_their_words(client, rowan):
    text = text_of(pdf_of(client.get(POSTER)))
    today = format_date(timezone.localdate(), "j F Y")

    assert "Care Inspectorate" in text
    assert "Registered with the Care Inspectorate" in text
    assert "Rowan House" in text
    assert f"Service number {NUMBER}" in text
    assert "Type of service Care Home Service: Older People" in text
    assert "Provider Rowan Care Partnership Ltd" in text
    assert "Registered since 1 April 2011" in text
    assert "Latest grades, published 15 March 2024" in text
    assert "How well do we support people's wellbeing? 5 Very good" in text
    assert "How good is our leadership? 4 Good" in text
    assert "How well is care and support planned? 1 Unsatisfactory" in text
    assert "staff team" not in text  # not graded, so not listed
    assert f"Correct on {today}: check the live page" in text
    assert f"https://www.careinspectorate.com/services/{NUMBER}/" in text


def test_poster_has_a_title_an_author_and_its_language(client, rowan):
    reader = pdf_of(client.get(POSTER))
    catalog = reader.trailer["/Root"]

    assert reader.metadata.title == f"Rowan House ({NUMBER}): registered with the Care Inspectorate"
    assert reader.metadata.author == "Care Inspectorate"
    assert "Rowan House" in reader.metadata.subject
    assert catalog["/Lang"] == "en-GB"
    assert (
        catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    )  # the title shows, not the file name


def test_poster_fonts_are_embedded(client, rowan):
    page = pdf_of(client.get(POSTER)).pages[0]
    fonts = page["/Resources"]["/Font"]

    assert len(fonts) == 2  # regular and bold
    for font in fonts.values():
        font = font.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "/ToUnicode" in font, font["/BaseFont"]


def test_poster_qr_code_opens_the_service_page(client, rowan):
    page = pdf_of(client.get(POSTER)).pages[0]
    [image] = page.images

    decoded = zxingcpp.read_barcodes(image.image)

    assert [code.text for code in decoded] == [f"https://www.careinspectorate.com/services/{NUMBER}/"]
    assert decoded[0].format == zxingcpp.BarcodeFormat.QRCode


def test_poster_qr_code_is_large_with_its_quiet_zone(client, rowan):
    page = pdf_of(client.get(POSTER)).pages[0]
    [image] = page.images
    pixels = image.image.convert("L")
    quiet = poster.QR_BORDER * poster.QR_SCALE
    contents = page.get_contents().get_data().decode("latin-1")
    # Where the image is drawn: "q width 0 0 height x y cm /Name Do Q".
    placed = re.search(r"q\s+([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s+/(\S+) Do", contents)

    assert placed and image.name.startswith(placed.group(3))
    width, height = float(placed.group(1)), float(placed.group(2))
    modules = pixels.width / poster.QR_SCALE
    assert width == height and width * (modules - 2 * poster.QR_BORDER) / modules >= 4 * cm
    for edge in (
        pixels.crop((0, 0, pixels.width, quiet)),
        pixels.crop((0, pixels.height - quiet, pixels.width, pixels.height)),
        pixels.crop((0, 0, quiet, pixels.height)),
        pixels.crop((pixels.width - quiet, 0, pixels.width, pixels.height)),
    ):
        assert edge.getextrema() == (255, 255)


def test_poster_of_a_service_without_grades_says_so(client):
    CareServiceFactory(
        service_number=NUMBER, grade_wellbeing=None, grade_leadership=None, grade_care_planning=None
    )

    text = text_of(pdf_of(client.get(POSTER)))

    assert "This service has not been graded yet." in text
    assert "Latest grades" not in text


def test_poster_prints_no_street_address(client, rowan):
    text = text_of(pdf_of(client.get(POSTER)))

    assert "12 Rowan Road" not in text and "PH1 5AB" not in text


def test_poster_of_a_service_whose_address_is_not_published_gives_no_clue_to_it(client):
    service = CareServiceFactory(
        service_number=NUMBER,
        name="Kim's Childminding",
        service_type="Child Minding",
        subtype="",
        address_line_1="7 Quiet Lane",
        town="Crieff",
        postcode="PH7 3XY",
        grade_wellbeing=None,
        grade_leadership=5,
        grade_care_planning=None,
        grade_care_play_learning=5,
    )
    assert service.address_hidden

    text = text_of(pdf_of(client.get(POSTER)))

    assert "Kim's Childminding" in text
    for clue in ("7 Quiet Lane", "Quiet Lane", "Crieff", "PH7 3XY", "PH7"):
        assert clue not in text


def test_a_long_name_and_every_grade_still_end_above_the_qr_code(client):
    CareServiceFactory(
        service_number=NUMBER,
        name="The Rowan House Care Home for Older People and Those Living With Dementia in Perth and Kinross",
        service_type="A Type Of Care Service The Register Does Not Know Yet",
        subtype="With A Long Subtype Of Its Own",
        provider=ProviderFactory(name="Rowan Care Partnership (Scotland) Limited Trading As Rowan Homes"),
        grade_staff_team=3,
        grade_setting=6,
        grade_care_play_learning=2,
    )
    page = pdf_of(client.get(POSTER)).pages[0]
    heights = {}

    def note(text, matrix, text_matrix, font, size):
        if text.strip():
            heights[text.strip()] = text_matrix[5]

    page.extract_text(visitor_text=note)

    assert heights["How good is our care, play and learning?"] > poster.FOOTER_TOP
    assert heights["2 Weak"] > poster.FOOTER_TOP
    assert min(heights.values()) >= poster.BOTTOM_MARGIN


def test_poster_answers_head_and_refuses_post(client, rowan):
    assert client.head(POSTER).status_code == 200
    assert client.post(POSTER).status_code == 405


def test_poster_is_made_with_one_query(client, rowan, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(POSTER)

    assert response.status_code == 200


def test_unknown_service_number_has_no_poster(client, rowan):
    response = client.get("/services/CS2003009999/poster.pdf")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("status", [CareService.Status.CANCELLED, CareService.Status.INACTIVE])
def test_a_service_no_longer_registered_has_no_poster_but_a_page_that_says_why(client, status):
    service = CareServiceFactory(service_number=NUMBER, name="Old Mill Care Home", status=status)

    response = client.get(POSTER)
    html = response.content.decode()

    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert "This service is not registered" in html
    assert f"its registration is {status.label.lower()}" in html
    assert f'href="{service.get_absolute_url()}"' in html
    assert "%PDF" not in html


def test_the_poster_maker_refuses_a_service_no_longer_registered():
    service = CareServiceFactory.build(service_number=NUMBER, status=CareService.Status.CANCELLED)

    with pytest.raises(ValueError, match="not registered"):
        poster.poster_pdf(service)


def test_a_registered_service_page_links_to_its_poster(client, rowan):
    html = client.get(rowan.get_absolute_url()).content.decode()

    assert f'<a href="{POSTER}" type="application/pdf">{LINK_TEXT}</a>' in html
    assert "entrance or reception" in html


def test_a_cancelled_service_page_offers_no_poster(client):
    service = CareServiceFactory(service_number=NUMBER, status=CareService.Status.CANCELLED)

    html = client.get(service.get_absolute_url()).content.decode()

    assert LINK_TEXT not in html and "poster.pdf" not in html


def test_the_widget_guidance_says_where_to_show_the_badge_and_the_poster():
    [guidance] = [p for p in SEED_PUBLICATIONS if p.slug == "how-to-use-our-registered-by-widget"]

    assert "footer" in guidance.body and "“about us” page" in guidance.body
    assert "poster" in guidance.body and "entrance or reception" in guidance.body


def test_poster_is_kept_until_its_service_changes(
    client, rowan, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get(POSTER)

    with django_assert_num_queries(0):
        kept = client.get(POSTER)
    with django_capture_on_commit_callbacks(execute=True):
        rowan.grade_leadership = 6
        rowan.save()
    changed = client.get(POSTER)

    assert "How good is our leadership? 4 Good" in text_of(pdf_of(kept))
    assert "How good is our leadership? 6 Excellent" in text_of(pdf_of(changed))


def test_a_kept_poster_is_not_served_once_its_service_is_cancelled(
    client, rowan, django_capture_on_commit_callbacks
):
    client.get(POSTER)

    with django_capture_on_commit_callbacks(execute=True):
        rowan.status = CareService.Status.CANCELLED
        rowan.save()

    assert client.get(POSTER).status_code == 410
