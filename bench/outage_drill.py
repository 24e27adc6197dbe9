"""Outage drill: complaints keep arriving while PostgreSQL hangs, then refuses, then comes back.

gunicorn (production settings, PostgreSQL and Redis) and the outbox worker
(`process_outbox --loop`) reach PostgreSQL through a TCP proxy (tests/faults.py)
that forwards, then hangs (accepts, never answers), then refuses, then forwards
again. Throughout, people fill in the web form, Twilio delivers texts and
GOV.UK Notify delivers callbacks. After the outage the drill retries what the
sender would retry (a person presses Send again; Notify redelivers after a 503;
Twilio never retries), waits for the worker to replay the spool and send what
is due, then counts, per channel, what was sent, stored, spooled and lost.

It prints figures; it does not pass or fail. Lost must be 0. Run: `make drill`.
"""

import itertools
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.drill_clients import (  # noqa: E402
    NOTIFY_TOKEN,
    TWILIO_TOKEN,
    Message,
    NotifyCallback,
    TwilioText,
    WebFormPerson,
)
from bench.harness import (  # noqa: E402
    ROOT,
    VENV_BIN,
    bench_environment,
    ensure_database,
    gunicorn_server,
    through_proxy,
)
from tests.faults import ThreadedTcpProxy  # noqa: E402

PORT = 8120
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/inspectorate_drill"
# (phase, proxy mode, seconds)
PHASES = [("normal", "forward", 6), ("hang", "hang", 15), ("refuse", "refuse", 8), ("back", "forward", 6)]
SENDERS_PER_CHANNEL = 2
CHANNELS = ("web form", "twilio", "notify")
RETRIES = {"web form": 3, "twilio": 0, "notify": 5}  # Twilio never retries a webhook
WORKER_DEADLINE = 90  # seconds for the worker to replay the spool and send what is due


class Drill:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.run = time.strftime("%H%M%S")
        self.phase = PHASES[0][0]
        self.finished = threading.Event()
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.numbers = itertools.count(1)
        self.senders: dict[str, object] = {}

    def new_message(self, channel: str):
        number = next(self.numbers)
        marker = f"[drill {self.run} {number}]"
        if channel == "web form":
            sender = WebFormPerson(
                self.base_url, marker, f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
            )
        elif channel == "twilio":
            sender = TwilioText(self.base_url, marker, number)
        else:
            sender = NotifyCallback(self.base_url, marker, number)
        message = Message(channel, marker, self.phase)
        with self.lock:
            self.messages.append(message)
            self.senders[marker] = sender
        return message, sender

    def keep_sending(self, channel: str) -> None:
        while not self.finished.is_set():
            message, sender = self.new_message(channel)
            message.attempts.append(sender.send())
            time.sleep(0.2)

    def run_phases(self, proxy: ThreadedTcpProxy) -> None:
        threads = [
            threading.Thread(target=self.keep_sending, args=(channel,), daemon=True)
            for channel in CHANNELS
            for _ in range(SENDERS_PER_CHANNEL)
        ]
        for thread in threads:
            thread.start()
        for phase, mode, seconds in PHASES:
            self.phase = phase
            proxy.set_mode(mode)
            print(f"  {phase:<7} proxy {mode:<8} {seconds:>3} s", flush=True)
            time.sleep(seconds)
        self.finished.set()
        for thread in threads:
            thread.join(timeout=60)

    def retry_as_senders_do(self) -> None:
        """A person presses Send again; Notify redelivers; Twilio does not. A second apart, in parallel."""

        def retry(message: Message) -> None:
            for _ in range(RETRIES[message.channel]):
                if message.answered:
                    return
                time.sleep(1)
                message.attempts.append(self.senders[message.marker].send())

        with ThreadPoolExecutor(max_workers=SENDERS_PER_CHANNEL * len(CHANNELS)) as pool:
            list(pool.map(retry, self.messages))


def psql(database_url: str, query: str) -> list[str]:
    name = urlsplit(database_url).path.lstrip("/")
    output = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in output.splitlines() if line]


def stored_markers(database_url: str, run: str) -> Counter:
    bodies = psql(
        database_url, f"SELECT body FROM complaints_complaintmessage WHERE body LIKE '%[drill {run} %'"
    )
    return Counter(body[body.index(f"[drill {run} ") :].split("]")[0] + "]" for body in bodies)


def due_outbox(database_url: str) -> int:
    query = (
        "SELECT count(*) FROM complaints_outboxmessage WHERE status = 'pending' AND next_attempt_at <= now()"
    )
    return int(psql(database_url, query)[0])


def wait_for_worker(worker: subprocess.Popen, spool_dir: Path, database_url: str) -> float:
    """Seconds until the spool is replayed and nothing is pending, or the deadline."""
    started = time.monotonic()
    while time.monotonic() - started < WORKER_DEADLINE and worker.poll() is None:
        if not any(spool_dir.glob("twilio.jsonl*")) and due_outbox(database_url) == 0:
            break
        time.sleep(1)
    return time.monotonic() - started


def report_phases(drill: Drill) -> None:
    print(
        f"\n{'phase':<8}{'channel':<10}{'sent':>6}{'200':>6}{'503':>6}{'other':>7}{'slowest s':>11}  other answers"
    )
    for (phase, *_), channel in itertools.product(PHASES, CHANNELS):
        firsts = [m.first for m in drill.messages if m.phase == phase and m.channel == channel]
        statuses = Counter(str(attempt.status) for attempt in firsts)
        other = {status: n for status, n in statuses.items() if status not in ("200", "503")}
        slowest = max((attempt.seconds for attempt in firsts), default=0)
        print(
            f"{phase:<8}{channel:<10}{len(firsts):>6}{statuses['200']:>6}{statuses['503']:>6}"
            f"{sum(other.values()):>7}{slowest:>11.1f}  {dict(other) or ''}"
        )


def report_channels(drill: Drill, stored: Counter) -> int:
    print(f"\n{'channel':<10}{'sent':>6}{'stored':>8}{'spooled':>9}{'retried':>9}{'lost':>6}{'twice':>7}")
    total_lost = 0
    for channel in CHANNELS:
        messages = [m for m in drill.messages if m.channel == channel]
        kept = [m for m in messages if stored[m.marker]]
        spooled = sum(1 for m in messages if channel == "twilio" and TwilioText.was_spooled(m.first))
        retried = sum(1 for m in messages if len(m.attempts) > 1)
        twice = sum(1 for m in messages if stored[m.marker] > 1)
        lost = len(messages) - len(kept)
        total_lost += lost
        print(f"{channel:<10}{len(messages):>6}{len(kept):>8}{spooled:>9}{retried:>9}{lost:>6}{twice:>7}")
    print("retried: web form, Send pressed again after 'not sent yet'; notify, redelivered after a 503")
    return total_lost


def start_worker(env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(VENV_BIN / "python"),
            "manage.py",
            "process_outbox",
            "--loop",
            "--interval",
            "1",
            "--max-backoff",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )


def worker_summary(worker: subprocess.Popen, log_path: Path, waited: float) -> str:
    alive = worker.poll() is None
    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=30)
    log = log_path.read_text()
    outage_lines = log.count("Database unavailable") + log.count("Database still unavailable")
    return (
        f"worker: {'ran through the outage' if alive else 'EXITED during the drill'}; "
        f"done {waited:.0f} s after the outage; outage logged {outage_lines}x, "
        f"recovery logged {log.count('Database available again')}x; stopped by SIGTERM with exit code {code}"
    )


def main() -> None:
    direct_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(bench_environment(PORT, DATABASE_URL=direct_url))
    target = urlsplit(direct_url)
    logs = Path(tempfile.mkdtemp(prefix="outage-drill-"))
    with ThreadedTcpProxy(target.hostname, target.port or 5432) as proxy:
        env = bench_environment(
            PORT,
            DATABASE_URL=through_proxy(direct_url, proxy.port),
            TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
            NOTIFY_INBOUND_TOKEN=NOTIFY_TOKEN,
            COMPLAINTS_SPOOL_DIR=str(logs / "spool"),
            TRUSTED_PROXIES="127.0.0.1",
        )
        drill = Drill(f"http://127.0.0.1:{PORT}")
        print(f"Outage drill {drill.run}: logs in {logs}")
        with open(logs / "worker.log", "w") as worker_log, open(logs / "gunicorn.log", "w") as server_log:
            worker = start_worker(env, worker_log)
            with gunicorn_server(PORT, env, workers=4, output=server_log):
                drill.run_phases(proxy)
                drill.retry_as_senders_do()
            waited = wait_for_worker(worker, logs / "spool", direct_url)
            summary = worker_summary(worker, logs / "worker.log", waited)
    report_phases(drill)
    lost = report_channels(drill, stored_markers(direct_url, drill.run))
    print(summary)
    server_errors = (logs / "gunicorn.log").read_text().count("Internal Server Error")
    print(
        f"server: {server_errors} 'Internal Server Error' in its log; outbox messages still due {due_outbox(direct_url)}"
    )
    print(f"lost: {lost}")


if __name__ == "__main__":
    main()
