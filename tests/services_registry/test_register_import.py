"""Importing the register in the admin: upload, preview, confirm, the worker runs it, the result."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from services_registry import admin_import
from services_registry.datastore import importing
from services_registry.factories import CareServiceFactory
from services_registry.models import CareService, GradeHistory, RegisterChange, RegisterImport
from tests.factories import StaffFactory
from tests.services_registry.test_import import HEADER, row

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:services_registry_registerimport_upload")


def csv_bytes(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload(client, content: bytes, name="register.csv"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content, "text/csv")})


def confirm(client, register_import):
    url = reverse("admin:services_registry_registerimport_confirm", args=[register_import.pk])
    return client.post(url, {"sha256": register_import.sha256}, follow=True)


def run_worker() -> str:
    out = io.StringIO()
    call_command("run_register_imports", stdout=out)
    return out.getvalue()


@pytest.fixture
def officer(client):
    client.force_login(StaffFactory(username="registry", groups=["Registry officer"]))
    return client


@pytest.fixture
def register():
    """Two services already registered: one the file changes, one it cancels."""
    CareServiceFactory(service_number="CS2003001025", name="Rowan House", status=CareService.Status.ACTIVE)
    CareServiceFactory(service_number="CS2003001027", name="Old Mill", status=CareService.Status.ACTIVE)


def one_bad_row_file() -> bytes:
    return csv_bytes(
        [
            row("CS2003001025", ServiceName="Rowan House Care Home"),
            row("CS2003001026", ServiceName="Birchwood Lodge"),
            row("CS2003001027", ServiceName="Old Mill", ServiceStatus="Cancelled"),
            row("CS2003001028", KQ_Leadership="7"),
        ]
    )


def test_the_preview_shows_what_would_change_and_changes_nothing(officer, register):
    response = upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()
    page = officer.get(response.url).content.decode()

    assert response.status_code == 302
    assert register_import.state == RegisterImport.State.PREVIEWED
    preview = register_import.preview
    assert (
        preview["rows"],
        preview["added"],
        preview["changed"],
        preview["cancelled"],
        preview["rejected"],
    ) == (
        4,
        1,
        2,
        1,
        1,
    )
    assert "Birchwood Lodge" in page
    assert "name" in preview["changed_rows"][0]["changes"]
    assert "KQ_Leadership &#x27;7&#x27; is not a grade from 1 to 6" in page
    assert "<td>5</td>" in page  # the bad row's line number, counting the header as row 1
    assert CareService.objects.get(service_number="CS2003001025").name == "Rowan House"
    assert not CareService.objects.filter(service_number="CS2003001026").exists()


def test_confirmed_import_waits_for_the_worker_then_shows_the_result(officer, register):
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()

    waiting = confirm(officer, register_import).content.decode()
    output = run_worker()
    result = officer.get(register_import.get_absolute_url()).content.decode()

    assert "Waiting for the import worker" in waiting
    assert "Imports run: 1" in output
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.DONE
    assert (
        register_import.services_added,
        register_import.services_changed,
        register_import.rows_rejected,
    ) == (
        1,
        2,
        1,
    )
    assert register_import.rows_done == register_import.rows_total == 4
    assert CareService.objects.get(service_number="CS2003001027").status == CareService.Status.CANCELLED
    assert CareService.objects.get(service_number="CS2003001025").name == "Rowan House Care Home"
    assert "Imported" in result and "Confirm and import" not in result
    assert register_import.services_cancelled == 1
    assert f'href="/api/v1/imports/{register_import.pk}/changes.csv"' in result


def test_an_import_run_from_the_command_line_has_its_page_too(officer, tmp_path):
    path = tmp_path / "datastore-december.csv"
    path.write_bytes(one_bad_row_file())
    call_command("import_services", str(path), no_progress=True, stdout=io.StringIO())
    register_import = RegisterImport.objects.get()

    page = officer.get(register_import.get_absolute_url()).content.decode()

    assert "Run from the command line" in page and "datastore-december.csv" in page
    assert "The preview it was confirmed from" not in page
    assert f'href="/api/v1/imports/{register_import.pk}/changes.csv"' in page


def test_confirming_twice_imports_once(officer, register):
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()

    confirm(officer, register_import)
    second = confirm(officer, register_import).content.decode()
    first_run = run_worker()
    confirm(officer, register_import)
    second_run = run_worker()

    assert "already confirmed" in second
    assert "Imports run: 1" in first_run
    assert "Imports run: 0" in second_run
    assert GradeHistory.objects.filter(service__service_number="CS2003001026").count() == 1


def test_a_preview_made_before_another_import_finished_is_refused(officer, register):
    upload(officer, one_bad_row_file())
    stale = RegisterImport.objects.get()
    upload(officer, csv_bytes([row("CS2003001029")]))
    newer = RegisterImport.objects.exclude(pk=stale.pk).get()
    confirm(officer, newer)
    run_worker()

    page = confirm(officer, stale).content.decode()

    stale.refresh_from_db()
    assert stale.state == RegisterImport.State.PREVIEWED
    assert "The register has changed since this preview" in page


def test_a_stored_file_changed_after_its_preview_is_refused(officer, register):
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()
    with register_import.file.open("wb") as stored:
        stored.write(csv_bytes([row("CS2003001099")]))

    page = confirm(officer, register_import).content.decode()

    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.PREVIEWED
    assert "The stored file has changed since the preview" in page


def test_an_import_that_fails_says_why_and_how_far_it_got(officer, register, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 1)
    write = importing.apply_changes
    batches = []

    def fail_on_the_third_batch(changes):
        batches.append(changes)
        if len(batches) == 3:
            raise OperationalError("server closed the connection unexpectedly")
        return write(changes)

    monkeypatch.setattr(importing, "apply_changes", fail_on_the_third_batch)
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()
    confirm(officer, register_import)

    run_worker()
    page = officer.get(register_import.get_absolute_url()).content.decode()

    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.FAILED
    assert "server closed the connection unexpectedly" in register_import.error
    assert "2 of 4 rows were imported before it stopped" in register_import.error
    assert "The import failed" in page


def test_an_import_whose_worker_stopped_is_marked_failed(officer, register):
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()
    long_ago = timezone.now() - timedelta(hours=1)
    RegisterImport.objects.filter(pk=register_import.pk).update(
        state=RegisterImport.State.RUNNING, heartbeat_at=long_ago, rows_done=2
    )

    run_worker()

    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.FAILED
    assert "The import worker stopped while importing. 2 of 4 rows" in register_import.error


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("register.xlsx", b"PK\x03\x04", "is not a CSV file"),
        (
            "register.csv",
            csv_bytes([row()], header=["CSNumber", "ServiceName"]),
            "lacks the required columns",
        ),
        (
            "register.csv",
            csv_bytes([row(ServiceName="Café")]).decode().encode("latin-1"),
            "is not UTF-8 text",
        ),
        ("register.csv", b"", "The submitted file is empty."),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_nothing_is_stored(officer, name, content, message):
    response = upload(officer, content, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(officer, monkeypatch):
    monkeypatch.setattr(admin_import, "MAX_UPLOAD_BYTES", 100)

    response = upload(officer, one_bad_row_file())

    assert "the most it can be is 100" in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_the_import_command_and_the_preview_agree(officer, register, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(one_bad_row_file())
    upload(officer, path.read_bytes())
    preview = RegisterImport.objects.get().preview

    out = io.StringIO()
    call_command("import_services", str(path), no_progress=True, stdout=out)

    assert f"Created: {preview['added']}, updated: {preview['changed']}" in out.getvalue()


@pytest.mark.parametrize("group", ["Content editor", "Content publisher", "Complaints officer"])
def test_other_staff_cannot_import_the_register(client, register, group):
    officer = StaffFactory(username="registry", groups=["Registry officer"])
    register_import = RegisterImport.objects.create(
        original_name="register.csv", sha256="0" * 64, uploaded_by=officer, preview={"rows": 0}
    )
    client.force_login(StaffFactory(username="other", groups=[group]))

    responses = [
        client.get(UPLOAD_URL),
        upload(client, one_bad_row_file()),
        client.get(register_import.get_absolute_url()),
        confirm(client, register_import),
        client.get(reverse("admin:services_registry_registerimport_changelist")),
    ]

    assert [response.status_code for response in responses] == [403] * 5
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.PREVIEWED
    assert RegisterImport.objects.count() == 1


def test_confirm_is_a_post_only(officer, register):
    upload(officer, one_bad_row_file())
    register_import = RegisterImport.objects.get()

    response = officer.get(
        reverse("admin:services_registry_registerimport_confirm", args=[register_import.pk])
    )

    assert response.status_code == 405
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.PREVIEWED


def test_the_dashboard_can_show_the_most_recent_import(officer, register):
    assert RegisterImport.objects.most_recent() is None
    upload(officer, one_bad_row_file())
    upload(officer, csv_bytes([row("CS2003001029")]))
    last = RegisterImport.objects.order_by("pk").last()

    assert RegisterImport.objects.most_recent() == last
    assert RegisterImport.objects.finished().most_recent() is None


def test_registry_officers_read_what_each_import_changed_and_cannot_edit_it(officer, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([row()]))
    call_command("import_services", str(path), no_progress=True, stdout=io.StringIO())
    path.write_bytes(csv_bytes([row(ServiceName="Rowan House Care Home")]))
    call_command("import_services", str(path), no_progress=True, stdout=io.StringIO())
    change = RegisterChange.objects.get(kind="changed")

    listing = officer.get(reverse("admin:services_registry_registerchange_changelist")).content.decode()
    detail = officer.get(reverse("admin:services_registry_registerchange_change", args=[change.pk]))

    assert "CS2003001025" in listing
    assert "<strong>name</strong>: Rowan House → Rowan House Care Home" in detail.content.decode()
    assert (
        officer.post(reverse("admin:services_registry_registerchange_delete", args=[change.pk])).status_code
        == 403
    )
