import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_healthz_answers_ok_with_no_cookie(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert not response.cookies
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_a_database_that_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("inspectorate_site.views.connection.cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "failing"
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_reports_a_cache_that_does_not_answer_but_stays_in_service(client, monkeypatch):
    """Every server shares the one Redis: a 503 would take them all out, for pages that are only slower."""

    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("inspectorate_site.views.cache.set", refuse)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}
