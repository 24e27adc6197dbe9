"""What each import changed: /api/v1/changes/, /api/v1/imports/ and each import's CSV of changes."""

from __future__ import annotations

import csv
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from services_registry.datastore import import_services
from services_registry.datastore.planning import plan_import
from services_registry.models import CareService, ProviderChange, RegisterChange, RegisterImport

pytestmark = pytest.mark.django_db

DEMO_REGISTER = settings.BASE_DIR / "fixtures" / "demo_register.csv"
ROWAN = "CS2003000025"
HIDDEN_CHILDMINDER = "CS2003014123"  # PublicList N
NEW_SERVICE = "CS2026000001"


def demo_rows() -> tuple[list[str], list[dict]]:
    with DEMO_REGISTER.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def as_file(header: list[str], rows: list[dict]) -> io.StringIO:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    text.seek(0)
    return text


def edited(rows: list[dict], number: str, **values) -> None:
    next(row for row in rows if row["CSNumber"] == number).update(values)


TEN_EDITS = {
    ROWAN: {"ServiceName": "Rowan House Care Home"},
    "CS2003001032": {"KQ_Support_Wellbeing": "5", "Publication_of_Latest_Grading": "01/10/2026"},
    "CS2003002039": {"ServiceStatus": "Cancelled"},
    # Passes to Thistle Community Care, with its right number.
    "CS2003003046": {"ServiceProvider": "Thistle Community Care", "SP_Number": "SP2003001870"},
    "CS2003004053": {"Service_town": "Nairn"},
    HIDDEN_CHILDMINDER: {"Service_Postcode": "EH54 9ZZ"},
    "CS2003006067": {"Complaints_upheld_2425": "4"},
    "CS2003007074": {"Council_Area_Name": "Falkirk"},
    "CS2003008081": {"Last_inspection_Date": "02/09/2026"},
}


@pytest.fixture
def register():
    """The demo register imported once, then again with exactly ten services edited or added."""
    header, rows = demo_rows()
    import_services(as_file(header, rows))
    for number, values in TEN_EDITS.items():
        edited(rows, number, **values)
    rows.append(
        {**rows[0], "CSNumber": NEW_SERVICE, "ServiceName": "Braeside Care Home", "SP_Number": "SP2004005123"}
    )
    before = timezone.now()
    import_services(as_file(header, rows))
    return {"header": header, "rows": rows, "before": before}


def all_pages(api, path: str, params: dict | None = None) -> list[dict]:
    found, response = [], api.get(path, params)
    while True:
        body = response.json()
        found += body["results"]
        if body["next"] is None:
            return found
        response = api.get(body["next"])


def test_a_reimport_with_ten_edits_lists_exactly_those_ten_with_old_and_new_values(api, register):
    changes = all_pages(api, "/api/v1/changes/", {"since": register["before"].isoformat(), "page_size": 3})

    by_number = {change["service_number"]: change for change in changes}
    assert len(changes) == 10 and set(by_number) == {*TEN_EDITS, NEW_SERVICE}
    assert by_number[ROWAN]["kind"] == "changed"
    assert by_number[ROWAN]["fields"] == {"name": {"old": "Rowan House", "new": "Rowan House Care Home"}}
    assert by_number["CS2003002039"]["kind"] == "cancelled"
    assert by_number["CS2003002039"]["fields"]["status"] == {"old": "Active", "new": "Cancelled"}
    assert by_number["CS2003003046"]["fields"]["provider"] == {"old": "SP2003000011", "new": "SP2003001870"}
    assert by_number["CS2003001032"]["fields"]["grade_wellbeing"] == {"old": 4, "new": 5}
    assert by_number["CS2003001032"]["fields"]["grades_published_on"]["new"] == "2026-10-01"
    assert by_number["CS2003006067"]["fields"] == {
        "figures_2024": {
            "old": {"complaints_upheld": 1, "enforcements_issued": 0, "requirements": 0},
            "new": {"complaints_upheld": 4, "enforcements_issued": 0, "requirements": 0},
        }
    }
    assert by_number[NEW_SERVICE]["kind"] == "added"
    assert by_number[NEW_SERVICE]["fields"]["name"] == {"old": None, "new": "Braeside Care Home"}
    assert by_number[ROWAN]["service"] == f"http://testserver/api/v1/services/{ROWAN}/"


def test_a_hidden_address_is_named_as_changed_but_never_given_in_the_feed_or_the_csv(api, client, register):
    change = next(
        item
        for item in all_pages(api, "/api/v1/changes/", {"since": register["before"].isoformat()})
        if item["service_number"] == HIDDEN_CHILDMINDER
    )
    latest = RegisterImport.objects.latest("pk")
    csv_text = b"".join(client.get(f"/api/v1/imports/{latest.pk}/changes.csv").streaming_content).decode()
    first_import = b"".join(
        client.get(f"/api/v1/imports/{latest.pk - 1}/changes.csv").streaming_content
    ).decode()
    original_postcode = next(row for row in demo_rows()[1] if row["CSNumber"] == HIDDEN_CHILDMINDER)[
        "Service_Postcode"
    ]

    assert change["fields"] == {"postcode": {"old": None, "new": None}}
    assert f"{HIDDEN_CHILDMINDER},changed,postcode,," in csv_text
    for text in (csv_text, first_import):
        assert "EH54 9ZZ" not in text and original_postcode not in text


def test_each_import_is_listed_with_its_counts_and_a_csv_of_its_changes(api, client, register):
    imports = api.get("/api/v1/imports/").json()["results"]
    latest = imports[0]
    response = client.get(latest["changes_csv"])
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [item["services_added"] for item in imports] == [1, 31]
    assert latest["services_changed"] == 9 and latest["services_cancelled"] == 1
    assert latest["source"] == "command" and latest["state"] == "done"
    assert response["Content-Type"].startswith("text/csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    fields_in_feed = sum(
        len(change.fields) for change in RegisterChange.objects.filter(register_import_id=latest["id"])
    )
    assert len(rows) == fields_in_feed
    assert {
        "import": str(latest["id"]),
        "service_number": ROWAN,
        "kind": "changed",
        "field": "name",
        "old": "Rowan House",
        "new": "Rowan House Care Home",
    }.items() <= next(row for row in rows if row["service_number"] == ROWAN).items()
    assert api.get(latest["changes"]).json()["results"][0]["import"] == latest["id"]


def test_a_change_of_provider_is_kept_as_the_services_history(register):
    change = ProviderChange.objects.get()

    assert change.service.service_number == "CS2003003046"
    assert change.from_provider.provider_number == "SP2003000011"
    assert change.to_provider.provider_number == "SP2003001870"
    assert change.register_import == RegisterImport.objects.latest("pk")


def test_importing_the_same_file_again_records_no_change(api, register):
    before = RegisterChange.objects.count()
    again = timezone.now()

    import_services(as_file(register["header"], register["rows"]))

    assert RegisterChange.objects.count() == before
    assert api.get("/api/v1/changes/", {"since": again.isoformat()}).json()["results"] == []
    latest = RegisterImport.objects.latest("pk")
    assert (latest.services_added, latest.services_changed, latest.services_unchanged) == (0, 0, 32)


def test_filters_by_import_and_kind(api, register):
    latest = RegisterImport.objects.latest("pk")

    cancelled = api.get("/api/v1/changes/", {"kind": "cancelled", "import": latest.pk}).json()["results"]
    first = all_pages(api, "/api/v1/changes/", {"import": latest.pk - 1})

    assert [change["service_number"] for change in cancelled] == ["CS2003002039"]
    assert len(first) == 31 and {change["kind"] for change in first} == {"added"}


def test_the_command_line_import_is_recorded_like_an_upload():
    call_command("import_services", str(DEMO_REGISTER), no_progress=True, stdout=io.StringIO())

    recorded = RegisterImport.objects.get()
    assert recorded.source == RegisterImport.Source.COMMAND
    assert recorded.state == RegisterImport.State.DONE
    assert recorded.original_name == "demo_register.csv"
    assert (recorded.services_added, recorded.rows_total) == (31, 31)
    assert recorded.finished_at is not None


@pytest.mark.parametrize(
    "params, name",
    [
        ({"since": "last tuesday"}, "since"),
        ({"since": "2024-02-30"}, "since"),
        ({"import": "one"}, "import"),
        ({"import": "0"}, "import"),
        ({"kind": "deleted"}, "kind"),
        ({"cursor": "cD1hYmM="}, "cursor"),  # "p=abc": no record has that position
        ({"page_size": "100000"}, "page_size"),
        ({"service": ROWAN}, "service"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, params, name):
    response = api.get("/api/v1/changes/", params, check_request=False)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


def test_an_unknown_import_is_a_json_404(api, client):
    assert api.get("/api/v1/imports/999/").status_code == 404
    response = client.get("/api/v1/imports/999/changes.csv")
    assert response.status_code == 404 and "errors" in response.json()


def test_the_change_feed_costs_the_same_queries_for_5_changes_as_for_200(api, django_assert_max_num_queries):
    header, rows = demo_rows()
    import_services(as_file(header, rows[:5]))
    with django_assert_max_num_queries(3) as few:
        api.get("/api/v1/changes/", {"page_size": 500})
    for n in range(200):
        rows.append({**rows[0], "CSNumber": f"CS2027{n:06d}"})
    import_services(as_file(header, rows))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api.get("/api/v1/changes/", {"page_size": 500}).json()["results"]) == 5 + 26 + 200


def test_one_provider_number_with_two_names_in_a_file_is_rejected_with_a_reason():
    header, rows = demo_rows()
    # Row 3 (the second service) claims Heatherbank's number under another name.
    rows[1].update(SP_Number="SP2004005123")

    plan = plan_import(as_file(header, rows))
    report = import_services(as_file(header, rows))

    reason = (
        "SP_Number SP2004005123 is given to “Heatherbank Care Ltd” on row 2 and to “Thistle Community Care” "
        "here: one provider number, one provider"
    )
    assert report.rejections == [(3, reason)]
    assert plan.rejections == [(3, reason)]
    assert not CareService.objects.filter(service_number="CS2003001032").exists()


def test_a_number_and_a_name_of_two_different_providers_is_rejected_with_a_reason():
    header, rows = demo_rows()
    import_services(as_file(header, rows))
    # Birchwood Lodge stays with Thistle Community Care, but the number typed is Heatherbank's.
    rows[1].update(SP_Number="SP2004005123")
    rows[0].update(SP_Number="SP2004005123")

    report = import_services(as_file(header, [rows[1]]))

    assert report.rejections == [
        (
            2,
            "SP_Number SP2004005123 is another provider’s number in the register, and “Thistle Community Care” "
            "is the name of SP2003001870: check the provider number",
        )
    ]
    assert CareService.objects.get(service_number="CS2003001032").provider.provider_number == "SP2003001870"
