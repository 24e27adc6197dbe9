"""Importing the datastore CSV, and exporting the register in the same format."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from services_registry.models import CareService, GradeHistory, Provider, YearlyFigures

pytestmark = pytest.mark.django_db

HEADER = [
    "CSNumber",
    "ServiceName",
    "CareService",
    "Subtype",
    "ServiceType",
    "ServiceProvider",
    "SP_Number",
    "Provided_by_Local_Authority",
    "Client_group",
    "Service_town",
    "Service_Postcode",
    "Council_Area_Name",
    "Date_Reg",
    "ServiceStatus",
    "Last_inspection_Date",
    "Publication_of_Latest_Grading",
    "KQ_Support_Wellbeing",
    "KQ_Leadership",
    "KQ_Staff_Team",
    "KQ_Setting",
    "KQ_Care_and_Support_Planning",
    "KQ_Care_Play_and_Learning",
    "MinGrade",
    "GradeSpread",
    "Complaints_upheld_2425",
    "Enforcements_issued_2425",
    "any_requirements_2425",
    "Registered_Places",
    "Service_Manager",
    "Service_Phone_Number",
    "Conditions_of_Registration",
    "Something_New_Next_Year",
]
CONDITIONS = "To provide a care home service to a maximum of 40 older people, of whom 6 may be under 65."


def row(number="CS2003001025", **overrides):
    values = {
        "CSNumber": number,
        "ServiceName": "Rowan House",
        "CareService": "Care Home Service",
        "Subtype": "Older People",
        "ServiceType": "Private",
        "ServiceProvider": "Heatherbank Care Ltd",
        "SP_Number": "SP2004005123",
        "Provided_by_Local_Authority": "No",
        "Client_group": "Older people",
        "Service_town": "Perth",
        "Service_Postcode": "ph1 5ab",
        "Council_Area_Name": "Perth & Kinross",
        "Date_Reg": "01/04/2011",
        "ServiceStatus": "Active",
        "Last_inspection_Date": "12/02/2024",
        "Publication_of_Latest_Grading": "15/03/2024",
        "KQ_Support_Wellbeing": "5",
        "KQ_Leadership": "4",
        "KQ_Staff_Team": "",
        "KQ_Setting": "",
        "KQ_Care_and_Support_Planning": "4",
        "KQ_Care_Play_and_Learning": "",
        "MinGrade": "4",
        "GradeSpread": "1",
        "Complaints_upheld_2425": "2",
        "Enforcements_issued_2425": "0",
        "any_requirements_2425": "Yes",
        "Registered_Places": "40",
        "Service_Manager": "Morag Stewart",
        "Service_Phone_Number": "01738  123 456",
        "Conditions_of_Registration": CONDITIONS,
        "Something_New_Next_Year": "ignored",
    }
    values.update(overrides)
    return values


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(path):
    out = io.StringIO()
    call_command("import_services", str(path), no_progress=True, stdout=out)
    return out.getvalue()


def test_import_creates_services_with_their_provider_grades_and_figures(tmp_path):
    output = run_import(
        write_csv(tmp_path / "register.csv", [row(), row("CS2003001026", ServiceName="Birchwood")])
    )

    assert "Created: 2, updated: 0, unchanged: 0, rejected: 0" in output
    service = CareService.objects.select_related("provider").get(service_number="CS2003001025")
    assert service.name == "Rowan House"
    assert service.provider.name == "Heatherbank Care Ltd"
    assert service.provider.provider_number == "SP2004005123"
    assert service.postcode == "PH1 5AB"
    assert service.registered_on == datetime.date(2011, 4, 1)
    assert service.grades_published_on == datetime.date(2024, 3, 15)
    assert (service.grade_wellbeing, service.grade_leadership, service.grade_staff_team) == (5, 4, None)
    assert service.min_grade == 4
    assert (service.registered_places, service.manager_name) == (40, "Morag Stewart")
    assert service.phone == "01738 123 456"
    assert service.conditions == CONDITIONS
    assert Provider.objects.count() == 1
    figures = YearlyFigures.objects.get(service=service)
    assert (figures.year, figures.complaints_upheld, figures.enforcements_issued, figures.requirements) == (
        2024,
        2,
        0,
        1,
    )
    assert GradeHistory.objects.filter(service=service).count() == 1


def test_running_the_same_file_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "register.csv", [row(), row("CS2003001026")])
    run_import(path)
    before = list(CareService.objects.order_by("pk").values())

    output = run_import(path)

    assert "Created: 0, updated: 0, unchanged: 2, rejected: 0" in output
    assert list(CareService.objects.order_by("pk").values()) == before
    assert GradeHistory.objects.count() == 2


def test_new_grades_update_the_service_and_add_to_its_history(tmp_path):
    run_import(write_csv(tmp_path / "one.csv", [row()]))

    output = run_import(
        write_csv(
            tmp_path / "two.csv",
            [row(KQ_Leadership="6", Publication_of_Latest_Grading="2025-01-20", ServiceStatus="active")],
        )
    )

    assert "Created: 0, updated: 1, unchanged: 0" in output
    service = CareService.objects.get(service_number="CS2003001025")
    assert service.grade_leadership == 6
    history = list(service.grade_history.values_list("published_on", "grade_leadership"))
    assert history == [(datetime.date(2025, 1, 20), 6), (datetime.date(2024, 3, 15), 4)]


def test_a_change_of_status_alone_adds_no_grade_history(tmp_path):
    run_import(write_csv(tmp_path / "one.csv", [row()]))

    run_import(write_csv(tmp_path / "two.csv", [row(ServiceStatus="Cancelled")]))

    assert CareService.objects.get().status == CareService.Status.CANCELLED
    assert GradeHistory.objects.count() == 1


def test_bad_rows_are_rejected_with_their_row_number_and_the_rest_imported(tmp_path):
    rows = [
        row("CS2003000001"),
        row("CS12345"),
        row("CS2003000003", KQ_Leadership="7"),
        row("CS2003000004", Date_Reg="31/02/2020"),
        row("CS2003000005", ServiceStatus="Closed"),
        row("CS2003000006", ServiceName=""),
        row("CS2003000001", ServiceName="Duplicate"),
        row("CS2003000008", Complaints_upheld_2425="lots"),
        row("CS2003000009"),
    ]

    output = run_import(write_csv(tmp_path / "register.csv", rows))

    assert "Created: 2, updated: 0, unchanged: 0, rejected: 7" in output
    assert "Row 3: CSNumber 'CS12345' is not CS followed by 10 digits" in output
    assert "Row 4: KQ_Leadership '7' is not a grade from 1 to 6" in output
    assert "Row 5: Date_Reg '31/02/2020' is not a date" in output
    assert "Row 6: ServiceStatus 'Closed' is not Active, Inactive or Cancelled" in output
    assert "Row 7: ServiceName is empty" in output
    assert "Row 8: CS2003000001 already appears on row 2" in output
    assert "Row 9: Complaints_upheld_2425 'lots' is not a number" in output
    assert set(CareService.objects.values_list("service_number", flat=True)) == {
        "CS2003000001",
        "CS2003000009",
    }
    assert CareService.objects.get(service_number="CS2003000001").name == "Rowan House"


def test_a_missing_required_column_stops_the_import_before_anything_is_written(tmp_path):
    header = [column for column in HEADER if column != "ServiceStatus"]
    path = write_csv(tmp_path / "register.csv", [row()], header=header)

    with pytest.raises(CommandError, match="required column ServiceStatus"):
        run_import(path)

    assert not CareService.objects.exists()
    assert not Provider.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        run_import(tmp_path / "nowhere.csv")


def test_export_round_trips_through_the_import(client, tmp_path):
    rows = [
        row(),
        row("CS2003001026", ServiceName='The "Old" Mill, Oban', KQ_Leadership="", ServiceStatus="Cancelled"),
    ]
    run_import(write_csv(tmp_path / "register.csv", rows))
    before = list(CareService.objects.order_by("service_number").values())

    response = client.get("/services/export.csv")
    exported = tmp_path / "exported.csv"
    exported.write_bytes(b"".join(response.streaming_content))
    output = run_import(exported)

    assert response.headers["Content-Type"].startswith("text/csv")
    assert "Created: 0, updated: 0, unchanged: 2, rejected: 0" in output
    assert list(CareService.objects.order_by("service_number").values()) == before
    exported_rows = list(csv.DictReader(exported.open(newline="", encoding="utf-8")))
    assert exported_rows[0]["Date_Reg"] == "01/04/2011"
    assert exported_rows[0]["MinGrade"] == "4"
    assert exported_rows[0]["GradeSpread"] == "1"
    assert exported_rows[0]["Complaints_upheld_2425"] == "2"
    assert exported_rows[0]["Registered_Places"] == "40"
    assert exported_rows[0]["Service_Phone_Number"] == "01738 123 456"


def test_places_and_phone_numbers_that_are_not_are_rejected_with_the_reason(tmp_path):
    output = run_import(
        write_csv(
            tmp_path / "register.csv",
            [
                row(Registered_Places="forty"),
                row("CS2003001026", Service_Phone_Number="call the office"),
                row("CS2003001027", Registered_Places="1,200", Service_Phone_Number="+44 (0)1738 123-456"),
            ],
        )
    )

    assert "Row 2: Registered_Places 'forty' is not a whole number of places" in output
    assert (
        "Row 3: Service_Phone_Number 'call the office' is not a phone number (digits, spaces, + ( ) and - only)"
        in output
    )
    assert CareService.objects.get().registered_places == 1200


def test_a_service_whose_address_is_not_published_keeps_its_phone_number_private(client, tmp_path):
    run_import(
        write_csv(
            tmp_path / "register.csv",
            [
                row(
                    CareService="Child Minding",
                    Subtype="",
                    ServiceName="Mrs Ailsa Grant",
                    KQ_Support_Wellbeing="",
                    KQ_Care_and_Support_Planning="",
                    KQ_Care_Play_and_Learning="5",
                    Service_Phone_Number="01506 998877",
                )
            ],
        )
    )

    page = client.get("/services/CS2003001025/").content.decode()
    export = b"".join(client.get("/services/export.csv").streaming_content).decode()
    api = client.get("/api/v1/services/CS2003001025/").json()

    assert CareService.objects.get().phone == "01506 998877"  # staff still have it
    for text in (page, export, str(api)):
        assert "01506" not in text
    assert api["phone"] is None


def test_export_into_an_empty_register_recreates_it(client, tmp_path):
    run_import(write_csv(tmp_path / "register.csv", [row(), row("CS2003001026")]))
    exported = tmp_path / "exported.csv"
    exported.write_bytes(b"".join(client.get("/services/export.csv").streaming_content))
    before = list(
        CareService.objects.order_by("service_number").values(*["service_number", "name", "min_grade"])
    )
    CareService.objects.all().delete()

    output = run_import(exported)

    assert "Created: 2" in output
    assert (
        list(CareService.objects.order_by("service_number").values("service_number", "name", "min_grade"))
        == before
    )


def test_import_refreshes_the_widget(client, tmp_path):
    run_import(write_csv(tmp_path / "one.csv", [row()]))
    assert "Registered by" in client.get("/widget/CS2003001025.svg").content.decode()

    run_import(write_csv(tmp_path / "two.csv", [row(ServiceStatus="Cancelled")]))

    assert "Not registered with" in client.get("/widget/CS2003001025.svg").content.decode()


def test_demo_register_loads_through_the_import_idempotently():
    from services_registry import demo

    demo.load(stdout=io.StringIO())
    counts = (CareService.objects.count(), GradeHistory.objects.count())
    second = io.StringIO()
    demo.load(stdout=second)

    assert counts[0] >= 24
    assert CareService.objects.filter(status=CareService.Status.CANCELLED).exists()
    assert CareService.objects.filter(status=CareService.Status.INACTIVE).exists()
    assert (CareService.objects.count(), GradeHistory.objects.count()) == counts
    assert "Created: 0, updated: 0" in second.getvalue()
    assert "Inspection reports added: 0" in second.getvalue()


def test_the_demo_register_has_history_and_never_shows_a_hidden_address_or_phone(client):
    from services_registry import demo
    from services_registry.models import ProviderChange, RegisterChange, RegulatoryAction

    demo.load(stdout=io.StringIO())
    hidden = list(CareService.objects.filter(address_hidden=True))
    changes = client.get("/api/v1/changes/", {"page_size": 500}).json()["results"]
    surfaces = [
        client.get("/services/export.csv").getvalue().decode(),
        str(changes),
        *[client.get(service.get_absolute_url()).content.decode() for service in hidden],
        *[client.get(f"/api/v1/services/{service.service_number}/").content.decode() for service in hidden],
    ]

    assert len(hidden) >= 5 and all(service.phone and service.postcode for service in hidden)
    for service in hidden:
        for text in surfaces:
            assert service.phone not in text and service.postcode not in text
    assert ProviderChange.objects.filter(service__service_number="CS2003003046").exists()
    assert RegisterChange.objects.filter(kind=RegisterChange.Kind.CANCELLED).exists()
    assert RegulatoryAction.objects.filter(met_on__isnull=True).count() == 2
    assert CareService.objects.exclude(registered_places=None).count() >= 20


def test_an_import_shows_on_the_service_page_at_once(client, tmp_path):
    run_import(write_csv(tmp_path / "one.csv", [row()]))
    assert "Rowan House" in client.get("/services/CS2003001025/").content.decode()

    run_import(write_csv(tmp_path / "two.csv", [row(ServiceName="Rowan House Care Home")]))

    assert "Rowan House Care Home" in client.get("/services/CS2003001025/").content.decode()
