"""Bodies are sanitised on save, phone numbers become tel: links, email addresses are protected."""

import html

import pytest

from publications.factories import PublicationFactory
from publications.html import encode_characters, render_body

pytestmark = pytest.mark.django_db

HOSTILE = """
<p onclick="steal()">Hello <a href="javascript:alert(1)">click</a></p>
<script>alert("x")</script>
<img src="x" onerror="alert(2)" alt="x">
<a href="JaVaScRiPt:alert(3)">again</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>
<iframe src="https://example.org"></iframe>
<p style="background:url(javascript:alert(4))">styled</p>
<svg><script>alert(5)</script></svg>
"""


def test_scripts_handlers_and_javascript_urls_never_reach_the_page(client):
    publication = PublicationFactory(body=HOSTILE, slug="hostile")

    page = client.get(publication.get_absolute_url()).content.decode().lower()

    body = page[page.index('class="publication-body"') :]
    body = body[: body.index("</div>")]
    assert "<script" not in body
    assert "alert" not in body
    assert "onclick" not in body and "onerror" not in body
    assert "javascript:" not in body
    assert "data:text" not in body
    assert "<iframe" not in body
    assert "style=" not in body
    assert "hello" in body and "styled" in body


def test_the_stored_body_is_the_sanitised_one():
    publication = PublicationFactory(body='<p onclick="x()">Hi</p><script>bad()</script>')

    assert publication.body_html == "<p>Hi</p>"


def test_allowed_markup_survives():
    cleaned = render_body(
        '<h2>Heading</h2><ul><li><a href="https://example.org/a" title="t">link</a></li></ul>'
        '<table><tr><th scope="col">A</th></tr></table>'
    )

    assert "<h2>Heading</h2>" in cleaned
    assert 'href="https://example.org/a"' in cleaned
    assert '<th scope="col">A</th>' in cleaned


def test_uk_phone_numbers_become_tel_links():
    cleaned = render_body("<p>Call 0345 600 9527, or text 07870 981 785.</p>")

    assert '<a href="tel:+443456009527">0345 600 9527</a>' in cleaned
    assert '<a href="tel:+447870981785">07870 981 785</a>' in cleaned


def test_numbers_that_are_not_phone_numbers_are_left_alone():
    cleaned = render_body("<p>In 2019, 1,400 children; aged 18-26; indicator 2.1.</p>")

    assert "tel:" not in cleaned


def test_a_number_already_in_a_link_is_not_linked_twice():
    cleaned = render_body('<p><a href="/contact/">0345 600 9527</a></p>')

    assert "tel:" not in cleaned


def test_email_addresses_are_hidden_from_harvesters_but_usable():
    cleaned = render_body("<p>Email enquiries@careinspectorate.gov.scot today.</p>")

    assert "enquiries@careinspectorate.gov.scot" not in cleaned
    assert "mailto:" not in cleaned
    # What a browser (and so a person, or a screen reader) gets once it decodes the page.
    assert 'href="mailto:enquiries@careinspectorate.gov.scot">enquiries@careinspectorate.gov.scot</a>' in (
        html.unescape(cleaned)
    )


def test_mailto_links_written_by_editors_are_protected_too():
    cleaned = render_body('<p><a href="mailto:help@example.org">write to us</a></p>')

    assert "mailto:" not in cleaned and "help@example.org" not in cleaned
    assert 'href="mailto:help@example.org"' in html.unescape(cleaned)
    assert "write to us" in html.unescape(cleaned)


def test_encoded_characters_decode_to_the_original():
    assert html.unescape(encode_characters("a@b.scot")) == "a@b.scot"


def test_text_that_looks_like_markup_stays_text():
    cleaned = render_body("<p>&lt;script&gt;alert(1)&lt;/script&gt; 0345 600 9527</p>")

    assert "<script" not in cleaned
    assert "&lt;script&gt;" in cleaned
