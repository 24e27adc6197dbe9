"""CMS pages under gunicorn with production settings, beside a whitenoise static file.

Prints requests per second and p50/p99 latency for the home page and a content
page (served from django CMS's page cache once warm), each as a ratio to the
static file measured in the same run, and the peak memory of a worker.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    ROOT,
    bench_environment,
    beside_static,
    count_queries,
    ensure_database,
    gunicorn_server,
    manage,
    measure,
    peak_worker_memory_mb,
    report,
    with_queries,
)

PORT = 8100


def main() -> None:
    env = bench_environment(PORT)
    ensure_database(env)
    manage(env, "load_demo_data", "--force")
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/site.css"]
    base = f"http://127.0.0.1:{PORT}"

    with gunicorn_server(PORT, env) as server:
        pages = {"home page": "/", "content page": "/accessibility-statement/"}

        def measure_pages():
            results = [measure(f"{name} (cached)", base + path) for name, path in pages.items()]
            results += [
                measure(f"{name} (uncached)", base + path, fresh_query=True) for name, path in pages.items()
            ]
            return [*results, measure("healthz", base + "/healthz")]

        baseline, results = beside_static(base + static_path, measure_pages)
        memory = peak_worker_memory_mb(server)
    counts = count_queries(
        env,
        {f"{name} (cached)": (path, False) for name, path in pages.items()}
        | {f"{name} (uncached)": (path, True) for name, path in pages.items()},
    )
    with_queries(results, counts)

    report("CMS pages (gunicorn, 2 workers, production settings)", baseline, results)
    print(f"peak worker memory: {memory:.0f} MB")


if __name__ == "__main__":
    main()
