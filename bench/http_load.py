"""HTTP benchmark: the service under gunicorn (2 workers) on loopback, side by side in one run.

    python bench/http_load.py [--events 100000] [--seconds 5] [--connections 8]

GET /api/v1/timeline?limit=100 against the trivial GET /api/v1/health of the same app,
alternating rounds so both see the same machine. Requests/s and p99 latency come from wrk
(Debian package `wrk`) when it is installed, else from a bounded Python client. Also
prints the JSON encoders side by side (stdlib json against orjson) on a page of events.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import main as generate_main  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(n: int, workdir: Path) -> Path:
    database = workdir / f"events-{n}.db"
    if not database.exists():
        source = workdir / f"events-{n}.ndjson"
        if not source.exists():
            generate_main([str(n), "-o", str(source)])
        subprocess.run([sys.executable, "-m", "timeline", "load", str(source), "--database", str(database),
                        "--quiet"], cwd=ROOT, check=True)
    return database


def start_gunicorn(database: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, TIMELINE_DATABASE=str(database), TIMELINE_LOAD_SEEDS="0")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("gunicorn did not start")


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def run_wrk(url: str, seconds: int, connections: int) -> tuple[float, float]:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    return rps, float(value) * _UNITS[unit]


def run_python(url: str, seconds: int, connections: int) -> tuple[float, float]:
    """A bounded closed-loop client: `connections` threads, each one request at a time."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker() -> None:
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            urllib.request.urlopen(url, timeout=10).read()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    return len(latencies) / elapsed, statistics.quantiles(latencies, n=100)[98]


def encoders(database: Path) -> tuple[float, float]:
    """Seconds to encode a page of 100 events: stdlib json, then orjson."""
    from timeline.store import EventQuery, open_store

    store = open_store(str(database))
    page, _ = store.query_events(EventQuery(limit=100))
    store.close()
    timings = []
    for encode in (lambda v: json.dumps(v).encode(), orjson.dumps):
        started = time.perf_counter()
        for _ in range(200):
            encode({"items": page})
        timings.append((time.perf_counter() - started) / 200)
    return timings[0], timings[1]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="HTTP benchmark (ratios)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    database = ensure_database(args.events, workdir)
    port = free_port()
    server = start_gunicorn(database, port)
    tool = "wrk" if subprocess.run(["which", "wrk"], capture_output=True).returncode == 0 else "python"
    run = run_wrk if tool == "wrk" else run_python
    results: dict[str, list[tuple[float, float]]] = {"health": [], "timeline": []}
    try:
        for _ in range(args.rounds):
            for name, path in (("health", "/api/v1/health"), ("timeline", "/api/v1/timeline?limit=100")):
                results[name].append(run(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections))
    finally:
        server.terminate()
        server.wait()
    health_rps = statistics.mean(r for r, _ in results["health"])
    timeline_rps = statistics.mean(r for r, _ in results["timeline"])
    timeline_p99 = max(p for _, p in results["timeline"])
    ratio = timeline_rps / health_rps
    print(f"http ({tool}, gunicorn -w 2, {args.events:,} events): timeline?limit=100 {timeline_rps:,.0f} req/s"
          f" vs health {health_rps:,.0f} req/s = {ratio:.2f}x (target >= 0.25); timeline p99"
          f" {timeline_p99 * 1e3:.1f} ms, health p99 {max(p for _, p in results['health']) * 1e3:.1f} ms")
    stdlib, fast = encoders(database)
    print(f"json encoders, a page of 100 events: json {stdlib * 1e6:.0f} us, orjson {fast * 1e6:.0f} us"
          f" = orjson {stdlib / fast:.1f}x faster")
    return {"ratio": ratio, "timeline_rps": timeline_rps, "health_rps": health_rps, "p99": timeline_p99,
            "encoder_speedup": stdlib / fast}


if __name__ == "__main__":
    main()
