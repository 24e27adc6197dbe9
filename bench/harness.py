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
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
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
    queries: int | None = None  # database queries one such request makes, where counted


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


# Each request's query string is new: a token for this run, the wrk thread's number and a counter.
# (math.random was seeded alike in both threads and across runs, so a rerun within a minute
# replayed the same strings from the cache and doubled the "uncached" figure.)
WRK_FRESH_QUERY = """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "bench=RUN_TOKEN-" .. thread_number .. "-" .. counter)
end
"""


# Each request takes the next of PATHS, the threads taking turns, so none is asked twice while
# there are more; for addresses whose query string must stay valid (the API refuses one it does not know).
WRK_PATHS = """
paths = {PATHS}
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
counter = 0
request = function()
  local index = (counter * THREADS + thread_number - 1) % #paths + 1
  counter = counter + 1
  return wrk.format(nil, paths[index])
end
"""


def measure(
    name: str,
    url: str,
    *,
    seconds: int = 10,
    connections: int = 16,
    threads: int = 2,
    fresh_query: bool = False,
    paths: list[str] | None = None,
) -> Result:
    """Drive one URL with wrk for a bounded time and parse its figures.

    With `fresh_query`, every request gets a query string of its own, so no cache can answer it.
    With `paths`, each request asks the next of them on `url`'s server instead (see WRK_PATHS).
    """
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("benchmarks only target this machine")
    command = ["wrk", "--latency", "-H", "X-Forwarded-Proto: https", f"-t{threads}", f"-c{connections}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if fresh_query:
            script.write(WRK_FRESH_QUERY.replace("RUN_TOKEN", secrets.token_hex(8)))
        elif paths:
            table = "{" + ",".join(json.dumps(path) for path in paths) + "}"
            script.write(WRK_PATHS.replace("THREADS", str(threads)).replace("{PATHS}", table))
        if fresh_query or paths:
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run(
            [*command, f"-d{seconds}s", url], capture_output=True, text=True, check=True
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


def beside_static(static_url: str, measure_pages) -> tuple[Result, list[Result]]:
    """The static file measured before and after `measure_pages()`, as one baseline: their mean.

    A machine whose speed drifts during a run (other load, CPU frequency) would
    otherwise flatter or wrong the pages measured last.
    """
    before = measure("static file (whitenoise)", static_url)
    results = measure_pages()
    after = measure("static file (whitenoise)", static_url)
    print(
        f"static file before and after the pages: {before.requests_per_second:.0f} and {after.requests_per_second:.0f} req/s"
    )
    baseline = Result(
        "static file (whitenoise)",
        (before.requests_per_second + after.requests_per_second) / 2,
        (before.p50_ms + after.p50_ms) / 2,
        (before.p99_ms + after.p99_ms) / 2,
        before.errors + after.errors,
    )
    return baseline, results


QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
counts = {}
for name, (path, fresh) in json.loads(sys.argv[1]).items():
    if fresh == "first":
        pass  # an address nobody has asked for yet, as it is: the count is its first request's
    elif fresh:
        path += ("&" if "?" in path else "?") + "bench-queries=" + sys.argv[2] + "-" + str(len(counts))
    else:
        client.get(path)  # the first visitor fills the caches; the count is the next one's
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    counts[name] = len(captured) if status == 200 else None
print(json.dumps(counts))
"""


def python_output(env: dict[str, str], code: str, *args: str) -> str:
    """Run `code` in the project's Python with `env` (it calls django.setup() itself); what it printed."""
    return subprocess.run(
        [str(VENV_BIN / "python"), "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def count_queries(env: dict[str, str], paths: dict[str, tuple[str, bool | str]]) -> dict[str, int | None]:
    """Database queries of one GET of each path, under `env`'s settings.

    name: (path, fresh): fresh True adds a new query string, "first" counts the first request of
    the path as given (an address nobody has asked for), False the second (the caches filled).
    """
    output = python_output(env, QUERY_COUNTER, json.dumps(paths), secrets.token_hex(6))
    return json.loads(output.strip().splitlines()[-1])


def with_queries(results: list[Result], counts: dict[str, int | None]) -> list[Result]:
    for result in results:
        result.queries = counts.get(result.name, result.queries)
    return results


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
    print(
        f"{'endpoint':<32}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'queries':>9}{'vs static':>11}"
    )
    for row in [baseline, *results]:
        ratio = row.requests_per_second / baseline.requests_per_second if baseline.requests_per_second else 0
        queries = "" if row.queries is None else str(row.queries)
        print(
            f"{row.name:<32}{row.requests_per_second:>9.0f}{row.p50_ms:>9.2f}{row.p99_ms:>9.2f}"
            f"{row.errors:>8}{queries:>9}{ratio:>10.1%}"
        )
