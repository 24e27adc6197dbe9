"""The checks bench/two_servers.py runs against servers A and B: each returns what it saw, PASS or FAIL."""

from __future__ import annotations

import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

import requests
from twilio.request_validator import RequestValidator

from bench.harness import django_shell, manage_output
from bench.staff_browser import FORWARDED, Browser
from tests.faults import ThreadedTcpProxy

POLL_SECONDS = 0.2


@dataclass
class Check:
    name: str
    passed: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.name}: {self.detail}"


def service_name(stamp: str) -> str:
    """The name the check gives the care service it changes."""
    return f"Harbour View ({stamp})"


STORED_TEXTS = """
import json
from complaints.models import ComplaintMessage
print(json.dumps({"count": ComplaintMessage.objects.filter(provider_message_id=MESSAGE_ID).count()}))
"""


def wait_for(condition, seconds: float) -> float | None:
    """Seconds until condition() holds, or None if it did not within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(POLL_SECONDS)
    return None


def shows(browser: Browser, path: str, text: str) -> bool:
    return text in browser.get(path).text


def check_page_published(a: Browser, b: Browser, facts: dict, new_title: str, bound: float) -> list[Check]:
    for path in ("/", facts["about_us"], "/publications/"):  # B has these cached, in Redis and its workers
        b.get(path)
        b.get(path)
    response = a.post(facts["publish"], {})
    published_on_a = response.status_code == 302 and shows(a, facts["about_us"], new_title)
    checks = [Check("publish a page on A", published_on_a, f"publish answered {response.status_code}")]
    for label, path in (
        ("the page itself", facts["about_us"]),
        ("the menu on the home page", "/"),
        ("the menu on the library", "/publications/"),
    ):
        waited = wait_for(lambda path=path: shows(b, path, new_title), bound)
        checks.append(
            Check(
                f"B serves the published page: {label}",
                waited is not None,
                f"after {waited:.1f} s (bound {bound:.0f} s)"
                if waited is not None
                else f"not within {bound:.0f} s",
            )
        )
    return checks


def check_service_changed(a: Browser, b: Browser, facts: dict, stamp: str, bounds: tuple[float, float]):
    new_name = service_name(stamp)
    page_bound, badge_bound = bounds
    b.get(facts["service_page"])
    b.get(facts["badge_svg"])
    new_grade = 2 if facts["old_grade"] != 2 else 3
    word = {2: "Weak", 3: "Adequate"}[new_grade]
    response = a.submit(facts["service_change"], {"name": new_name, facts["grade_field"]: str(new_grade)})
    checks = [
        Check("change a service on A", response.status_code == 302, f"save answered {response.status_code}")
    ]
    page_grade = f'<th scope="row">{escape(facts["question"])}</th><td>{new_grade} {word}</td>'
    badge_grade = f"{facts['short_label']}: {new_grade} {word}"
    for label, path, texts, bound in (
        (
            "service page, new name and grade",
            facts["service_page"],
            (escape(new_name), page_grade),
            page_bound,
        ),
        ("badge image, new name and grade", facts["badge_svg"], (stamp, escape(badge_grade)), badge_bound),
    ):
        waited = wait_for(lambda path=path, texts=texts: all(t in b.get(path).text for t in texts), bound)
        checks.append(
            Check(
                f"B serves the changed {label}",
                waited is not None,
                f"after {waited:.1f} s (bound {bound:.0f} s)"
                if waited is not None
                else f"not within {bound:.0f} s",
            )
        )
    return checks


def check_rate_limit(a: Browser, b: Browser, facts: dict, limit: int) -> Check:
    """Posts to the complaint form on A until it says "too many", then once on B."""
    posted = 0
    while (
        posted <= limit and a.post(facts["complaint_step"], {"service_description": "x"}).status_code != 429
    ):
        posted += 1
    on_b = b.post(facts["complaint_step"], {"service_description": "x"}).status_code
    return Check(
        "complaint rate limit counted on A holds on B",
        posted == limit and on_b == 429,
        f"A let {posted} posts through (limit {limit}), then B answered {on_b}",
    )


def check_lockout(a_url: str, b_url: str, facts: dict, stamp: str, password: str, failures: int) -> Check:
    username = f"two-servers-locked-{stamp}"
    for _ in range(failures):
        Browser(a_url).sign_in(facts["login"], username, "not-the-password")
    signed_in = Browser(b_url).sign_in(facts["login"], username, password)
    locked = signed_in.status_code != 302 and "locked" in signed_in.text.lower()
    return Check(
        "sign-in lockout counted on A holds on B",
        locked,
        f"{failures} wrong passwords on A; the right one on B answered {signed_in.status_code}"
        + (" with the locked-out page" if locked else ""),
    )


def check_spool(
    a_url: str,
    env_a: dict[str, str],
    database_proxy_a: ThreadedTcpProxy,
    spools: dict[str, Path],
    facts: dict,
    stamp: str,
    twilio_token: str,
) -> list[Check]:
    """A text arrives on A while A cannot reach the database: kept on A's disk, then stored by A's worker."""
    url = env_a["SITE_URL"] + facts["twilio_webhook"]
    message_id = f"SMtwoservers{stamp}"
    params = {
        "MessageSid": message_id,
        "AccountSid": "ACtwo",
        "From": "+447700900123",
        "To": "+447870981785",
        "Body": f"Nobody listens [two servers {stamp}]",
        "NumMedia": "0",
    }
    signature = RequestValidator(twilio_token).compute_signature(url, params)
    database_proxy_a.set_mode("refuse")
    try:
        response = requests.post(
            a_url + facts["twilio_webhook"],
            params,
            headers={**FORWARDED, "X-Twilio-Signature": signature},
            timeout=30,
        )
    finally:
        database_proxy_a.set_mode("forward")
    on_disk = {name: sum(1 for _ in folder.glob("twilio.jsonl*")) for name, folder in spools.items()}
    spooled = response.status_code == 200 and "we got your message" in response.text
    output = manage_output(env_a, "replay_spool").strip()
    stored = django_shell(env_a, f"MESSAGE_ID = {message_id!r}\n" + STORED_TEXTS)["count"]
    left = sum(1 for _ in spools["A"].glob("twilio.jsonl*"))
    return [
        Check(
            "a text while A's database is cut off is spooled on A's disk only",
            spooled and on_disk["A"] > 0 and on_disk["B"] == 0,
            f"A answered {response.status_code}; spool files on A {on_disk['A']}, on B {on_disk['B']}",
        ),
        Check(
            "A's worker stores the spooled text once",
            stored == 1 and left == 0,
            f"replay_spool: {output!r}; stored {stored} time(s); {left} spool file(s) left on A",
        ),
    ]


def check_balancer(balancer_url: str, facts: dict, new_title: str, new_name: str) -> Check:
    answers = [
        Browser(balancer_url).get(path).text
        for _ in range(4)
        for path in (facts["about_us"], facts["service_page"])
    ]
    current = sum(1 for text in answers if new_title in text or escape(new_name) in text)
    return Check(
        "through the load balancer, every answer is current",
        current == len(answers),
        f"{current} of {len(answers)} answers (A and B in turn) show the changes",
    )
