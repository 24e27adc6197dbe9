"""Two app servers on one PostgreSQL and one Redis, proven to agree.

Starts two gunicorn servers, A and B (production settings, the same database
and Redis, each with its own spool folder, as two machines would have) and a
small round-robin TCP proxy in front of them standing for the load balancer.
Then, through A, it publishes a page and changes a care service in the staff
site, and shows that B serves the new page (and the new menu on other pages),
the new grades and the new badge within the bounds stated below; it counts a
complaint-form rate limit and a sign-in lockout on A and shows both hold on B;
and it spools a text on A while A's database connection is cut, and has A's
worker store it, once.

Bounds, from the settings: a page within PAGE_CACHE_LOCAL_SECONDS (each
worker's own copy of a cached page) and a badge within LOCAL_BADGE_SECONDS
(each worker's own copy of a badge), each plus MARGIN_SECONDS for the polling.

Run `make two-servers`; prints PASS or FAIL per check and exits non-zero on a
FAIL. tests/inspectorate_site/test_two_servers.py runs the same checks.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    bench_environment,
    django_shell,
    ensure_database,
    gunicorn_server,
    manage_output,
    through_proxy,
)
from bench.staff_browser import Browser  # noqa: E402
from bench.two_server_checks import (  # noqa: E402
    Check,
    check_balancer,
    check_lockout,
    check_page_published,
    check_rate_limit,
    check_service_changed,
    check_spool,
    service_name,
)
from tests.faults import ThreadedTcpProxy  # noqa: E402

PORT_BALANCER, PORT_A, PORT_B = 8130, 8131, 8132
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/inspectorate_two_servers"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/10"
TWILIO_TOKEN = "two-servers-twilio-auth-token"  # noqa: S105 - a made-up token for made-up texts
MARGIN_SECONDS = 3


def bounds() -> tuple[float, float]:
    """(page, badge) seconds within which server B must show a change made on A."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        os.environ["DJANGO_SETTINGS_MODULE"] = "inspectorate_site.settings.dev"
    import django

    django.setup()
    from inspectorate_site.settings import base
    from services_registry.widget import LOCAL_BADGE_SECONDS

    return base.PAGE_CACHE_LOCAL_SECONDS + MARGIN_SECONDS, LOCAL_BADGE_SECONDS + MARGIN_SECONDS


# --- the load balancer --------------------------------------------------------------


class RoundRobinProxy(ThreadedTcpProxy):
    """Hands each new connection to the next server in turn, as a load balancer would."""

    def __init__(self, ports: list[int], *, port: int):
        super().__init__("127.0.0.1", ports[0], port=port)
        self._ports = ports
        self._next = 0

    def _connect(self, client: socket.socket) -> None:
        self.target = ("127.0.0.1", self._ports[self._next % len(self._ports)])
        self._next += 1
        super()._connect(client)


# --- what the checks change, found in the demo data ------------------------------------------

PREPARE = """
import json
from django.contrib.auth import get_user_model
from django.urls import reverse
from cms.models import Page, PageContent
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version
from services_registry.admin_forms import offered_grade_fields
from services_registry.models import CareService, KEY_QUESTION_BY_FIELD

User = get_user_model()
admin = User.objects.create_superuser(STAMP_ADMIN, "", PASSWORD)
User.objects.create_user(STAMP_LOCKED, "", PASSWORD, is_staff=True)

page = Page.objects.get(reverse_id="about-us")
draft = PageContent.admin_manager.filter(page=page, language="en", versions__state=DRAFT).first()
if draft is None:
    published = PageContent.objects.get(page=page, language="en")
    draft = Version.objects.get_for_content(published).copy(admin).content
draft.title = NEW_TITLE
draft.save()
draft_version = Version.objects.get_for_content(draft)

service = next(
    s for s in CareService.objects.filter(status=CareService.Status.ACTIVE, provider__isnull=False).order_by("service_number")
    if any(getattr(s, field) for field in offered_grade_fields(s))
)
field = next(field for field in offered_grade_fields(service) if getattr(service, field))
question = KEY_QUESTION_BY_FIELD[field]
print(json.dumps({
    "login": reverse("admin:login"),
    "publish": reverse("admin:djangocms_versioning_pagecontentversion_publish", args=[draft_version.pk]),
    "about_us": page.get_absolute_url("en"),
    "service_number": service.service_number,
    "service_page": reverse("services_registry:service_detail", args=[service.service_number]),
    "service_change": reverse("admin:services_registry_careservice_change", args=[service.pk]),
    "badge_svg": reverse("services_registry:widget_svg", args=[service.service_number]),
    "grade_field": field,
    "old_grade": getattr(service, field),
    "question": question.question,
    "short_label": question.short_label,
    "complaint_step": reverse("complaints:step", args=["service"]),
    "twilio_webhook": reverse("complaints:twilio_inbound"),
}))
"""


def prepare(env: dict[str, str], stamp: str, password: str, new_title: str) -> dict:
    code = (
        f"STAMP_ADMIN = {f'two-servers-admin-{stamp}'!r}\nSTAMP_LOCKED = {f'two-servers-locked-{stamp}'!r}\n"
        f"PASSWORD = {password!r}\nNEW_TITLE = {new_title!r}\n" + PREPARE
    )
    return django_shell(env, code)


# --- putting it together --------------------------------------------------------------------


def run(database_url: str = DEFAULT_DATABASE_URL, redis_url: str = DEFAULT_REDIS_URL) -> list[Check]:
    page_bound, badge_bound = bounds()
    from inspectorate_site.settings import base  # what production's settings start from

    rate_limit = int(base.COMPLAINTS_FORM_RATE.split("/")[0])
    lockout_failures = base.AXES_FAILURE_LIMIT
    balancer = f"http://127.0.0.1:{PORT_BALANCER}"
    shared = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "SITE_URL": balancer.replace("http://", "https://"),
    }
    env_direct = bench_environment(PORT_A, **shared)
    ensure_database(env_direct)
    manage_output(env_direct, "load_demo_data", "--force")
    redis.Redis.from_url(
        redis_url
    ).flushdb()  # a Redis database of its own: no rate limit left from a last run

    stamp = time.strftime("%H%M%S") + secrets.token_hex(2)
    password = secrets.token_urlsafe(16)
    new_title, new_name = f"About us ({stamp})", service_name(stamp)
    facts = prepare(env_direct, stamp, password, new_title)

    database = urlsplit(database_url)
    with (
        tempfile.TemporaryDirectory(prefix="two-servers-") as folder,
        ThreadedTcpProxy(database.hostname, database.port or 5432) as database_proxy_a,
        RoundRobinProxy([PORT_A, PORT_B], port=PORT_BALANCER),
        open(Path(folder) / "gunicorn.log", "w") as log,
    ):
        spools = {"A": Path(folder) / "spool-a", "B": Path(folder) / "spool-b"}
        # A reaches PostgreSQL through a proxy of its own, so its connection alone can be cut.
        env_a = bench_environment(
            PORT_A,
            **{**shared, "DATABASE_URL": through_proxy(database_url, database_proxy_a.port)},
            COMPLAINTS_SPOOL_DIR=str(spools["A"]),
        )
        env_b = bench_environment(PORT_B, **shared, COMPLAINTS_SPOOL_DIR=str(spools["B"]))
        with gunicorn_server(PORT_A, env_a, output=log), gunicorn_server(PORT_B, env_b, output=log):
            a = Browser(f"http://127.0.0.1:{PORT_A}")
            b = Browser(f"http://127.0.0.1:{PORT_B}")
            signed_in = a.sign_in(facts["login"], f"two-servers-admin-{stamp}", password)
            checks = [
                Check("staff sign in on A", signed_in.status_code == 302, f"answered {signed_in.status_code}")
            ]
            checks += check_page_published(a, b, facts, new_title, page_bound)
            checks += check_service_changed(a, b, facts, stamp, (page_bound, badge_bound))
            checks.append(check_balancer(balancer, facts, new_title, new_name))
            checks.append(check_rate_limit(Browser(a.base_url), Browser(b.base_url), facts, rate_limit))
            checks.append(check_lockout(a.base_url, b.base_url, facts, stamp, password, lockout_failures))
            checks += check_spool(a.base_url, env_a, database_proxy_a, spools, facts, stamp, TWILIO_TOKEN)
    return checks


def main() -> None:
    checks = run(
        os.environ.get("TWO_SERVERS_DATABASE_URL", DEFAULT_DATABASE_URL),
        os.environ.get("TWO_SERVERS_REDIS_URL", DEFAULT_REDIS_URL),
    )
    print("\nTwo app servers (gunicorn, production settings) on one PostgreSQL and Redis")
    for check in checks:
        print(check)
    failed = sum(not check.passed for check in checks)
    print(f"two servers: {len(checks) - failed} of {len(checks)} checks passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
