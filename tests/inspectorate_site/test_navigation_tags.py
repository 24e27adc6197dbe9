"""The shared page chrome (inspectorate_site/templatetags/navigation_tags.py) renders as visitors need it."""

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory


def render(source, path="/", **context):
    request = RequestFactory().get(path)
    return Template("{% load navigation_tags %}" + source).render(Context({"request": request, **context}))


def test_breadcrumbs_link_every_page_above_this_one_and_mark_this_one_current():
    trail = [("Home", "/"), ("Find a care service", "/services/"), ("Rosewood <Care>", None)]

    html = render("{% breadcrumbs trail %}", trail=trail)

    assert re.findall(r'<a class="ds_breadcrumbs__link" href="([^"]*)">([^<]*)</a>', html) == [
        ("/", "Home"),
        ("/services/", "Find a care service"),
    ]
    assert '<li class="ds_breadcrumbs__item" aria-current="page">Rosewood &lt;Care&gt;</li>' in html


def test_a_trail_of_only_the_home_page_shows_no_breadcrumbs():
    assert "Breadcrumb" not in render("{% breadcrumbs trail %}", trail=[("Home", "/")])
    assert "Breadcrumb" not in render("{% breadcrumbs trail %}", trail=[])


def page_links(html):
    return re.findall(r'href="(\?[^"]*)"', html)


def test_page_links_keep_the_other_query_parameters_and_replace_the_page():
    page = Paginator(range(100), 10).get_page(2)

    html = render("{% pagination page %}", path="/services/?q=care&page=2&status=Active", page=page)

    assert page_links(html)[0] == "?q=care&amp;status=Active&amp;page=1"
    assert 'aria-label="Page 2" aria-current="page"' in html
    assert "&hellip;" in html  # pages 6 to 9 are left out
    assert 'aria-label="Result pages"' in html


def test_page_links_without_other_parameters_name_only_the_page():
    page = Paginator(range(30), 10).get_page(1)

    html = render('{% pagination page "Publication pages" %}', page=page)

    assert page_links(html) == ["?page=1", "?page=2", "?page=3", "?page=2"]
    assert 'aria-label="Publication pages"' in html


def test_a_single_page_has_no_page_links():
    assert "ds_pagination" not in render("{% pagination page %}", page=Paginator(range(5), 10).get_page(1))


def test_a_metadata_item_escapes_its_key_and_keeps_the_markup_of_its_value():
    html = render(
        '{% metadata_item key %}<time datetime="2024-01-02">{{ day }}</time>{% endmetadata_item %}',
        key="A & B",
        day="2 <January>",
    )

    assert html == (
        '<div class="ds_metadata__item"><dt class="ds_metadata__key">A &amp; B</dt> '
        '<dd class="ds_metadata__value"><time datetime="2024-01-02">2 &lt;January&gt;</time></dd></div>'
    )
