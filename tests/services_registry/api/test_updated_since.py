"""`updated_since` finds what an import changed, and only that."""

import datetime

import pytest
from django.utils import timezone

from services_registry.models import CareService
from tests.services_registry.test_import import row, run_import, write_csv

pytestmark = pytest.mark.django_db


def test_services_an_import_changes_are_updated_since_before_it(api, tmp_path):
    run_import(
        write_csv(tmp_path / "first.csv", [row("CS2003001025"), row("CS2003001026", ServiceName="Birchwood")])
    )
    long_ago = timezone.now() - datetime.timedelta(days=10)
    CareService.objects.update(updated_at=long_ago)
    before_second_import = (long_ago + datetime.timedelta(days=1)).date().isoformat()

    run_import(
        write_csv(
            tmp_path / "second.csv",
            [
                row("CS2003001025", KQ_Leadership="5", MinGrade="4"),
                row("CS2003001026", ServiceName="Birchwood"),
            ],
        )
    )
    response = api.get("/api/v1/services/", {"updated_since": before_second_import})

    assert [s["service_number"] for s in response.json()["results"]] == ["CS2003001025"]
