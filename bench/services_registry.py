"""Services registry benchmark: the datastore import, then the widget and the registry's pages.

1. Writes a 30,000-row datastore CSV in a temporary folder and imports it into
   the benchmark database (PostgreSQL) twice: the first run creates every
   service, the second finds them all unchanged. Reports wall time and the
   importing process's peak memory (its own getrusage maximum resident set).
2. Serves the site with gunicorn and production settings (Redis cache) and
   drives the three widget addresses, a service page, a search and the open-data
   API's services list and one service, each beside a static file served by
   whitenoise in the same run. The API's uncached figures ask a different page
   (cursor) or service on every request, as a client paging through would.
3. Counts the queries of an uncached service page and API list and detail on a
   register of 1,000 services and again on 30,000: they should be the same.

Prints figures and ratios; never asserts.
"""

from __future__ import annotations

import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    bench_environment,
    beside_static,
    count_queries,
    ensure_database,
    gunicorn_server,
    measure,
    peak_worker_memory_mb,
    python_output,
    report,
    with_queries,
)

PORT = 8102
ROWS = 30_000
SMALL_ROWS = 1_000
# Distinct API pages and services asked for in one uncached measurement: more than wrk gets through.
API_ADDRESSES = 20_000
COUNCILS = [
    "Aberdeen City",
    "Dundee City",
    "City of Edinburgh",
    "Glasgow City",
    "Highland",
    "Fife",
    "Stirling",
]
TOWNS = ["Aberdeen", "Dundee", "Edinburgh", "Glasgow", "Inverness", "Kirkcaldy", "Stirling", "Perth"]
TYPES = [
    "Care Home Service",
    "Day Care of Children",
    "Child Minding",
    "Housing Support Service",
    "Support Service",
]
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
    "Address_line_1",
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
    "Complaints_upheld_2324",
    "Enforcements_issued_2324",
    "any_requirements_2324",
]

IMPORT_SCRIPT = """
import resource, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.monotonic()
call_command("import_services", sys.argv[1], no_progress=True)
print(f"ELAPSED {time.monotonic() - started:.2f}")
print(f"PEAK_MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def graded_columns_by_type() -> dict[str, list[bool]]:
    """For each bench type, which of the six grade columns its key questions use (the register's own rule)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspectorate_site.settings.dev")
    import django

    django.setup()
    from services_registry.models import GRADE_FIELDS, grade_fields_for

    return {kind: [field in grade_fields_for(kind) for field in GRADE_FIELDS] for kind in TYPES}


def write_register(path: Path, rows: int) -> None:
    rng = random.Random(4)  # noqa: S311 - made-up register, not secrets
    graded = graded_columns_by_type()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            kind = rng.choice(TYPES)
            grades = [str(rng.randint(2, 6)) if used and rng.random() < 0.8 else "" for used in graded[kind]]
            present = [int(g) for g in grades if g]
            writer.writerow(
                [
                    f"CS{2003000000 + n:010d}",
                    f"{rng.choice(['Rowan', 'Birch', 'Heather', 'Thistle', 'Harbour'])} {rng.choice(['House', 'Lodge', 'Nursery', 'Care'])} {n}",
                    kind,
                    "",
                    rng.choice(["Private", "Local Authority", "Voluntary or Not for Profit"]),
                    f"Provider {n % 4000} Ltd",
                    f"SP{2003000000 + n % 4000:010d}",
                    "No",
                    "Older people",
                    f"{n % 200} Main Street",
                    rng.choice(TOWNS),
                    f"EH{n % 50} {n % 9}AB",
                    rng.choice(COUNCILS),
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2003 + n % 20}",
                    "Cancelled" if n % 25 == 0 else "Active",
                    "12/02/2024",
                    "15/03/2024",
                    *grades,
                    str(min(present)) if present else "",
                    str(max(present) - min(present)) if present else "",
                    str(n % 3),
                    "0",
                    str(n % 4),
                    str(n % 2),
                    "0",
                    "1",
                ]
            )


def run_import(env: dict[str, str], path: Path) -> tuple[float, float, str]:
    output = python_output(env, IMPORT_SCRIPT, str(path))
    elapsed = float(re.search(r"ELAPSED ([\d.]+)", output).group(1))
    peak = float(re.search(r"PEAK_MB ([\d.]+)", output).group(1))
    summary = next(line for line in output.splitlines() if line.startswith("Created:"))
    return elapsed, peak, summary


def empty_register(env: dict[str, str]) -> None:
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-d",
            database,
            "-c",
            "TRUNCATE services_registry_careservice, services_registry_provider CASCADE",
        ],
        check=True,
    )


def fetch(url: str) -> str:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode()


def walk_with_schema_client(base: str, page_size: int = 500) -> dict:
    """Read the whole register as an open-data user would: a client built from the served OpenAPI
    schema (openapi-core) follows `next` from the first page, checking every answer against it."""
    import requests
    from openapi_core import OpenAPI
    from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

    session = requests.Session()
    session.headers["X-Forwarded-Proto"] = "https"
    openapi = OpenAPI.from_dict(session.get(f"{base}/api/v1/schema/", timeout=30).json())
    url, seen, pages, checking = f"{base}/api/v1/services/?page_size={page_size}", [], 0, 0.0
    started = time.monotonic()
    while url:
        response = session.get(url, timeout=30)
        response.raise_for_status()
        checked = time.monotonic()
        openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
        checking += time.monotonic() - checked
        body = response.json()
        seen += [service["service_number"] for service in body["results"]]
        # `next` names the public origin (https behind the proxy); ask this server for the same page.
        following = urlsplit(body["next"]) if body["next"] else None
        url = f"{base}{following.path}?{following.query}" if following else None
        pages += 1
    return {
        "page_size": page_size,
        "pages": pages,
        "services": len(seen),
        "distinct": len(set(seen)),
        "seconds": time.monotonic() - started,
        "checking": checking,
    }


def print_walk(walk: dict, expected: int) -> None:
    fetching = walk["seconds"] - walk["checking"]
    print(
        f"\nOpenAPI client reading every service, {walk['pages']} pages of {walk['page_size']} "
        "(each answer checked against the served schema):"
    )
    print(
        f"  {walk['services']:,} services, {walk['distinct']:,} distinct, {expected:,} on the register: "
        f"{'each exactly once' if walk['services'] == walk['distinct'] == expected else 'NOT each exactly once'}"
    )
    print(
        f"  {walk['seconds']:.1f} s in all ({walk['services'] / walk['seconds']:,.0f} services/s); "
        f"fetching {fetching:.1f} s ({walk['services'] / fetching:,.0f} services/s), "
        f"checking against the schema {walk['checking']:.1f} s"
    )


def service_number(n: int) -> str:
    return f"CS{2003000000 + n:010d}"


def api_list_page(n: int) -> str:
    """The API's services list from just after service n, with the cursor as the API itself writes it."""
    from rest_framework.pagination import Cursor

    from services_registry.api.pagination import ServicePagination

    pagination = ServicePagination()
    pagination.base_url = "/api/v1/services/"
    return pagination.encode_cursor(Cursor(offset=0, reverse=False, position=service_number(n)))


def api_detail(n: int) -> str:
    return f"/api/v1/services/{service_number(n)}/"


def uncached_counts(env: dict[str, str], rows: int) -> dict[str, int | None]:
    """Queries of the first request of addresses nobody asked for, on a register of `rows` services.

    Another service's page is asked first, so the page chrome kept for every page (menus, footer)
    is warm, as it is on a running site, and the service page's count is its own.
    """
    n = rows - 3  # never one the measurements ask for
    counts = count_queries(
        env,
        {
            "warm-up": (f"/services/{service_number(n - 1)}/", "first"),
            "service page (uncached)": (f"/services/{service_number(n)}/", "first"),
            "api list (uncached)": (api_list_page(n - 200), "first"),
            "api detail (uncached)": (api_detail(n), "first"),
        },
    )
    del counts["warm-up"]
    return counts


def main() -> None:
    env = bench_environment(PORT, API_RATE="100000000/m")  # wrk is one client asking very fast
    ensure_database(env)
    empty_register(env)
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.csv"
        write_register(small, SMALL_ROWS)
        run_import(env, small)
        small_counts = uncached_counts(env, SMALL_ROWS)
        empty_register(env)
        register = Path(folder) / "register.csv"
        write_register(register, ROWS)
        size_mb = register.stat().st_size / 1024 / 1024
        first = run_import(env, register)
        second = run_import(env, register)
    print(f"\nimport_services: {ROWS:,} rows ({size_mb:.1f} MB CSV) into PostgreSQL")
    print(f"  first run   {first[0]:6.1f} s  peak memory {first[1]:.0f} MB  ({first[2]})")
    print(f"  second run  {second[0]:6.1f} s  peak memory {second[1]:.0f} MB  ({second[2]})")

    base = f"http://127.0.0.1:{PORT}"
    number = f"CS{2003000000 + 1:010d}"
    with gunicorn_server(PORT, env) as server:
        page = fetch(f"{base}/services/{number}/")
        static_path = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)
        urls = {
            "widget .js": f"{base}/widget/{number}.js",
            "widget .svg": f"{base}/widget/{number}.svg",
            "widget iframe /": f"{base}/widget/{number}/",
            "service page": f"{base}/services/{number}/",
            "search q=rowan&min_grade=3": f"{base}/services/?q=rowan&min_grade=3",
            "api list": f"{base}/api/v1/services/",
            "api detail": f"{base}{api_detail(1)}",
        }
        for url in urls.values():
            fetch(url)
            fetch(url)
        walk = walk_with_schema_client(base)
        uncached = {
            "service page": urls["service page"],
            "search q=rowan&min_grade=3": urls["search q=rowan&min_grade=3"],
        }

        api_uncached = {
            "api list (uncached)": [api_list_page(n) for n in range(2, 2 + API_ADDRESSES)],
            "api detail (uncached)": [api_detail(n) for n in range(2, 2 + API_ADDRESSES)],
        }

        def measure_pages():
            results = [measure(name, url) for name, url in urls.items()]
            results += [
                measure(f"{name} (uncached)", url, fresh_query=True) for name, url in uncached.items()
            ]
            return results + [measure(name, base + "/", paths=paths) for name, paths in api_uncached.items()]

        baseline, results = beside_static(base + static_path, measure_pages)
        memory = peak_worker_memory_mb(server)
    paths = {name: url.removeprefix(base) for name, url in urls.items()}
    counts = count_queries(
        env,
        {name: (path, False) for name, path in paths.items()}
        | {f"{name} (uncached)": (paths[name], True) for name in uncached},
    )
    large_counts = uncached_counts(env, ROWS)
    # The service page's rows keep their own counts: the wrk run asked one service again and again.
    with_queries(results, large_counts | counts)
    report(f"Services registry under gunicorn (2 workers), {ROWS:,} services", baseline, results)
    print(f"  peak gunicorn worker memory: {memory:.0f} MB")
    print_walk(walk, ROWS)
    print(f"  queries of one uncached request, {SMALL_ROWS:,} and {ROWS:,} services:")
    for name, count in large_counts.items():
        print(f"    {name:<30}{small_counts[name]!s:>6}{count!s:>6}")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"  benchmark took {time.monotonic() - started:.0f} s")
