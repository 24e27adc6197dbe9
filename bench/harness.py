"""Shared load-benchmark harness: a gunicorn server with production settings, wrk, a report.

Benchmarks print figures and ratios; they never pass or fail. Each benchmark
script builds its data, starts `gunicorn_server`, measures a static file served
by whitenoise as the baseline in the same run, then its own URLs with
`measure`, and prints `report`.

Traffic goes only to 127.0.0.1, bounded in time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/inspectorate_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def bench_environment(port: int, **extra: str) -> dict[str, str]:
    """Production settings on this machine's PostgreSQL and Redis.

    Requests carry X-Forwarded-Proto: https, as they would from the load
    balancer, so production's HTTPS redirect does not apply.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="inspectorate_site.settings.production",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    env.update(extra)
    return env


def ensure_database(env: dict[str, str]) -> None:
    """Create the benchmark database if it is missing, then migrate it."""
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def manage_output(env: dict[str, str], *args: str) -> str:
    """Run a management command with `env` and return what it printed; raise with its errors if it fails."""
    done = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def django_shell(env: dict[str, str], code: str) -> dict:
    """Run `code` in a Django shell with `env`; it prints one JSON object, returned here."""
    return json.loads(manage_output(env, "shell", "-c", code).strip().splitlines()[-1])


def through_proxy(database_url: str, port: int) -> str:
    """The same database, reached through a proxy on this machine's `port`."""
    parts = urlsplit(database_url)
    userinfo = parts.netloc.rpartition("@")[0]
    return urlunsplit(parts._replace(netloc=f"{userinfo}@127.0.0.1:{port}"))


@contextlib.contextmanager
def gunicorn_server(port: int, env: dict[str, str], workers: int = 2, output=None):
    """Run gunicorn in the background until the block ends; yields its master process.

    `output`, an open file, takes gunicorn's and Django's log instead of the terminal.
    """
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "inspectorate_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not come up")


def measure(name: str, url: str, *, seconds: int = 10, connections: int = 16, threads: int = 2) -> Result:
    """Drive one URL with wrk for a bounded time and parse its figures."""
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks only target this machine")
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _latency_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _latency_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(n) for n in match.groups())
    return Result(name, rps, p50, p99, errors)


def _latency_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def peak_worker_memory_mb(master: subprocess.Popen) -> float:
    """Largest peak resident set (VmHWM) among the gunicorn master's workers."""
    peaks = []
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        if match := re.search(r"VmHWM:\s+(\d+) kB", status):
            peaks.append(int(match.group(1)) / 1024)
    return max(peaks, default=0.0)


def report(title: str, baseline: Result, results: list[Result]) -> None:
    print(f"\n{title}")
    print(f"{'endpoint':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'vs static':>11}")
    for row in [baseline, *results]:
        ratio = row.requests_per_second / baseline.requests_per_second if baseline.requests_per_second else 0
        print(
            f"{row.name:<28}{row.requests_per_second:>10.0f}{row.p50_ms:>10.2f}{row.p99_ms:>10.2f}"
            f"{row.errors:>8}{ratio:>10.0%}"
        )
