"""A page with every design-system block is valid HTML, as the W3C checker (vnu) judges it."""

import pytest

from tests.content_blocks.blocks import publish_every_block_page
from tests.factories import SuperuserFactory
from tests.inspectorate_site.test_valid_html import checker_messages, html_checker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def test_a_page_with_every_block_is_valid_html(html_checker, client, tmp_path):  # noqa: F811
    page = publish_every_block_page(SuperuserFactory(username="author"))
    response = client.get(page.path)
    assert response.status_code == 200

    messages = checker_messages(html_checker, {"every block": response.content.decode()}, tmp_path)

    errors = [f"line {m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
