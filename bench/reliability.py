"""Reliability under bad input, kills, concurrency and backups, at a scale you choose.

    python bench/reliability.py [--events 20000] [--kills 6] [--writers 3] [--readers 3]
                                [--batches 40] [--fuzz 2000] [--workdir DIR]

Prints, per scenario and in total: inputs tried, requests sent and their status codes,
kills survived, records lost and duplicates (both must be 0); exits 1 if a figure is wrong.
Everything runs on loopback against real processes (`python -m timeline load`, gunicorn).
tests/reliability/ runs the same scenarios at a tiny size and imports the harness below.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

# Every table the store writes, in a fixed order (events_fts: the search index must follow).
TABLES = {"excerpts": "id", "mentions": "excerpt_id, ordinal", "events": "rowid",
          "events_fts": "rowid", "span_classes": "axis, class", "meta": "key"}

# Inputs that broke, or might break, a date parser, a page size, a cursor, FTS5 or SQL.
TRICKY = ["", " ", "0000-00-00", "99999-01-01", "2025-02-30", "2025-13-01", "0001-01-01", "9999-12-31",
          "9999", "0000", "2025", "2025-1", "2025-01-01T00:00", "-1", "0", "1", "1000", "1001", "-0",
          "99999999999999999999", "1e3", "0x10", "ten", "null", "true", "[]", "{}", '"', '""', "NEAR(",
          "NEAR(a b, -1)", "a OR", "OR", "*", "^", "summary:", "context:x", "(", ")", "a AND NOT",
          "'; DROP TABLE events;--", "' OR 1=1 --", "%", "_", "\\", "\x00", "\u202e", "\ufffd", "é" * 300,
          "x" * 20_000, "WzEsMiwzXQ", "W251bGwsbnVsbCwieCJd", "WzEsMSwieCJd", "WzAsMCwieCJd",
          "WzEsMiwzLDRd", "=" * 10]


# -- what a store holds ---------------------------------------------------------------------

def fingerprint(path: str | Path) -> str:
    """A digest of everything the store holds: equal digests, equal stores."""
    digest = hashlib.sha256()
    with contextlib.closing(sqlite3.connect(path)) as db:
        for table, order in TABLES.items():
            columns = "rowid, *" if table == "events_fts" else "*"
            for row in db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def contents(path: str | Path) -> dict[str, str]:
    """Every stored record by kind and id, with its content hash (no timestamps): two loads of
    the same records have equal contents however they were interrupted and resumed."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT 'excerpt:' || id, content_hash FROM excerpts UNION ALL "
                          "SELECT 'event:' || id, content_hash FROM events").fetchall()
    return dict(rows)


def integrity(path: str | Path) -> str:
    """SQLite's own check of the file, and the search index against its table: 'ok' or the problem."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        problem = db.execute("PRAGMA integrity_check").fetchone()[0]
        events, indexed = db.execute("SELECT (SELECT count(*) FROM events), "
                                     "(SELECT count(*) FROM events_fts)").fetchone()
    return problem if problem != "ok" or events == indexed else f"{events} events, {indexed} indexed"


def event_count(path: str | Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
            return db.execute("SELECT count(*) FROM events").fetchone()[0]
    except sqlite3.OperationalError:  # no schema yet
        return 0


# -- processes ----------------------------------------------------------------------------

def timeline_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "timeline", *args]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    return {**env, "PYTHONPATH": str(ROOT), "TIMELINE_LOAD_SEEDS": "0", **extra}


def run_timeline(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(timeline_command(*args), cwd=ROOT, env=environment(), capture_output=True,
                          check=check, timeout=600)


def write_events(path: str | Path, n: int, seed: int = 1) -> list[str]:
    """A file of n ready-made events (bench/generate.py); their ids, in file order."""
    ids = []
    with open(path, "wb") as out:
        for record in generate(n, seed):
            ids.append(record["id"])
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """The service in its own process group on loopback: gunicorn, or the development server."""

    database: str
    workers: int = 2
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        return Path(f"{self.database}.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> Server:
        if self.workers:
            command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "--threads", "4",
                       "-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "1", "wsgi:app"]
        else:
            command = timeline_command("serve", "--port", str(self.port))
        env = environment(TIMELINE_DATABASE=self.database, **self.env)
        with open(self.log, "ab") as log:  # a pipe nobody reads would stall the server when full
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log,
                                            start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if request("GET", self.url + "/health")[0] == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError("the server did not start within 60 s")

    def kill(self) -> None:
        """SIGKILL the whole group (gunicorn's master and workers): no clean shutdown."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def request(method: str, url: str, body: bytes | None = None, content_type: str = "application/json",
            timeout: float = 60) -> tuple[int, bytes]:
    """(status, body) of one HTTP request; an HTTP error status is an answer, not an exception."""
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Content-Type": content_type} if body is not None else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# -- figures -------------------------------------------------------------------------------

@dataclass
class Figures:
    """What one scenario did and what went wrong; lost and duplicates must be 0."""

    name: str
    inputs: int = 0
    statuses: Counter = field(default_factory=Counter)
    kills: int = 0
    lost: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def ok(self) -> bool:
        server_errors = sum(n for status, n in self.statuses.items() if status >= 500)
        return not (self.lost or self.duplicates or self.problems or server_errors)

    def add(self, other: Figures) -> None:
        self.inputs += other.inputs
        self.statuses.update(other.statuses)
        self.kills += other.kills
        self.lost += other.lost
        self.duplicates += other.duplicates
        self.problems += [f"{other.name}: {p}" for p in other.problems]

    def line(self) -> str:
        codes = " ".join(f"{status}:{n}" for status, n in sorted(self.statuses.items())) or "-"
        return (f"{self.name:<28} inputs {self.inputs:>6}  requests {self.requests:>6} [{codes}]  "
                f"kills {self.kills:>3}  lost {self.lost}  duplicates {self.duplicates}  "
                f"{'ok' if self.ok else 'FAILED'}")


def compare(figures: Figures, stored: dict[str, str], expected: dict[str, str], path: str | Path) -> None:
    """Count records lost and duplicated against what a clean load stores."""
    figures.lost += len(expected.keys() - stored.keys())
    figures.lost += sum(1 for key in expected.keys() & stored.keys() if stored[key] != expected[key])
    figures.duplicates += len(stored.keys() - expected.keys())
    with contextlib.closing(sqlite3.connect(path)) as db:
        figures.duplicates += db.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone()[0]


def check_prefix(figures: Figures, stored: dict[str, str], base: dict[str, str], ids: list[str],
                 chunk: int, expected: dict[str, str]) -> int:
    """After a kill in chunked mode: whole chunks of the file, from its start, and nothing else."""
    new = {key for key in stored if key not in base}
    if len(new) % chunk:
        figures.problems.append(f"{len(new)} records stored, not a whole number of chunks of {chunk}")
    if new != {f"event:{i}" for i in ids[:len(new)]}:
        figures.problems.append("the stored records are not the first chunks of the file")
    figures.lost += sum(1 for key in new if stored[key] != expected.get(key))
    return len(new)


# -- scenarios -------------------------------------------------------------------------------

@dataclass
class Workload:
    """A base store and a file to load into it, and the store a clean load gives."""

    workdir: Path
    events: int
    chunk: int

    def __post_init__(self) -> None:
        self.base_file = self.workdir / "base.ndjson"
        self.file = self.workdir / "events.ndjson"
        write_events(self.base_file, 20, seed=2)
        self.ids = write_events(self.file, self.events, seed=1)
        self.lines = self.file.read_bytes().splitlines(keepends=True)
        self.clean = self.workdir / "clean.db"
        self.base_db = self.workdir / "base.db"
        run_timeline("load", str(self.base_file), "--database", str(self.base_db))
        self.new_store(self.clean)
        run_timeline("load", str(self.file), "--database", str(self.clean), "--atomic")
        self.base = contents(self.base_db)
        self.expected = contents(self.clean)

    def new_store(self, path: Path) -> Path:
        """A copy of the base store (the records that were there before the load)."""
        with contextlib.closing(sqlite3.connect(self.base_db)) as source, \
                contextlib.closing(sqlite3.connect(path)) as target:
            source.backup(target)
        return path

    def load_args(self, path: Path, atomic: bool, source: str | None = None) -> list[str]:
        return ["load", source or str(self.file), "--database", str(path), "--chunk-size", str(self.chunk),
                *(["--atomic"] if atomic else [])]


def kill_loads(work: Workload, points: list[float]) -> Figures:
    """`load` SIGKILLed at each point (a fraction of the way through), in both modes, then rerun."""
    figures = Figures("kill -9 during load")
    for i, fraction in enumerate(points):
        for atomic in (False, True):
            path = work.new_store(work.workdir / f"kill-{i}-{'atomic' if atomic else 'chunked'}.db")
            before = fingerprint(path)
            figures.inputs += work.events
            if atomic:  # nothing shows before the commit: feed part of the file on stdin, never the end
                process = subprocess.Popen(timeline_command(*work.load_args(path, atomic, source="-")), cwd=ROOT,
                                           env=environment(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)
                process.stdin.write(b"".join(work.lines[:int(fraction * work.events)]))
                process.stdin.flush()
                time.sleep(0.3)  # it parses and writes what it was given, inside its one transaction
            else:
                process = subprocess.Popen(timeline_command(*work.load_args(path, atomic)), cwd=ROOT,
                                           env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                target = len(work.base) + max(1, int(fraction * work.events))
                while process.poll() is None and event_count(path) < target:
                    time.sleep(0.005)
            process.kill()
            if process.stdin:
                with contextlib.suppress(BrokenPipeError):
                    process.stdin.close()
            if process.wait() != -signal.SIGKILL:
                figures.problems.append(f"the load at {fraction:.0%} ({'atomic' if atomic else 'chunked'}) "
                                        "finished before the kill: use more events")
                continue
            figures.kills += 1
            if (problem := integrity(path)) != "ok":
                figures.problems.append(f"integrity after a kill: {problem}")
            if atomic and fingerprint(path) != before:
                figures.problems.append(f"an atomic load killed at {fraction:.0%} changed the store")
            if not atomic:
                check_prefix(figures, contents(path), work.base, work.ids, work.chunk, work.expected)
            rerun = run_timeline(*work.load_args(path, atomic), check=False)
            if rerun.returncode:
                figures.problems.append(f"the rerun failed: {rerun.stderr.decode()[-500:]}")
            compare(figures, contents(path), work.expected, path)
    return figures


def kill_server_during_bulk(work: Workload, points: list[float]) -> Figures:
    """The service SIGKILLed while it streams a POST /bulk, restarted, and the body sent again."""
    figures = Figures("kill -9 server during bulk")
    body = work.file.read_bytes()
    for i, fraction in enumerate(points):
        path = work.new_store(work.workdir / f"restart-{i}.db")
        server = Server(str(path), workers=1, env={"TIMELINE_BULK_CHUNK": str(work.chunk)}).start()
        answers: list[int] = []
        sender = threading.Thread(target=_post_or_fail, args=(server.url + "/bulk", body, answers))
        sender.start()
        target = len(work.base) + max(1, int(fraction * work.events))
        while sender.is_alive() and event_count(path) < target:
            time.sleep(0.005)
        server.kill()
        sender.join()
        figures.inputs += work.events
        figures.statuses.update(a for a in answers if a)
        if answers != [0]:
            figures.problems.append(f"the bulk load at {fraction:.0%} finished before the kill")
            continue
        figures.kills += 1
        if (problem := integrity(path)) != "ok":
            figures.problems.append(f"integrity after a kill: {problem}")
        stored = check_prefix(figures, contents(path), work.base, work.ids, work.chunk, work.expected)
        with Server(str(path), workers=1, env={"TIMELINE_BULK_CHUNK": str(work.chunk)}) as again:
            status, answer = request("GET", again.url)
            figures.statuses[status] += 1
            if orjson.loads(answer)["counts"]["events"] != len(work.base) + stored:
                figures.problems.append("the restarted service counts other events than the store holds")
            status, answer = request("POST", again.url + "/bulk?report=errors", body, "application/x-ndjson")
            figures.statuses[status] += 1
            if status != 200 or orjson.loads(answer)["totals"]["created"] != work.events - stored:
                figures.problems.append(f"resending the body: {status} {answer[:300]!r}")
        compare(figures, contents(path), work.expected, path)
    return figures


def _post_or_fail(url: str, body: bytes, answers: list[int]) -> None:
    """Note the status of a bulk POST, or 0 when the connection broke (the server was killed)."""
    try:
        answers.append(request("POST", url + "?report=errors", body, "application/x-ndjson")[0])
    except OSError:
        answers.append(0)


def backup_during_load(work: Workload) -> Figures:
    """`backup` taken while a chunked load runs: a whole-chunk snapshot that passes integrity_check,
    and `restore` of it gives the same records."""
    figures = Figures("backup during load")
    live = work.new_store(work.workdir / "backup-live.db")
    copy, restored = work.workdir / "backup-copy.db", work.workdir / "backup-restored.db"
    for path in (copy, restored):
        path.unlink(missing_ok=True)
    process = subprocess.Popen(timeline_command(*work.load_args(live, False, source="-")), cwd=ROOT,
                               env=environment(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    half = work.events // 2
    process.stdin.write(b"".join(work.lines[:half]))
    process.stdin.flush()
    deadline = time.monotonic() + 60  # it reads in blocks: wait for a first chunk, not for them all
    while process.poll() is None and event_count(live) <= len(work.base) and time.monotonic() < deadline:
        time.sleep(0.005)
    feeder = threading.Thread(target=_feed_slowly, args=(process, work.lines[half:]))
    feeder.start()  # the load goes on writing chunks while the backup runs
    run_timeline("backup", str(copy), "--database", str(live))
    feeder.join()
    figures.inputs += work.events
    if process.wait() != 0:
        figures.problems.append("the load failed")
    if (problem := integrity(copy)) != "ok":
        figures.problems.append(f"the backup's integrity: {problem}")
    snapshot = contents(copy)
    check_prefix(figures, snapshot, work.base, work.ids, work.chunk, work.expected)
    run_timeline("restore", str(copy), "--database", str(restored))
    if contents(restored) != snapshot or integrity(restored) != "ok":
        figures.problems.append("the restored store differs from the backup")
    compare(figures, contents(live), work.expected, live)
    return figures


def _feed_slowly(process: subprocess.Popen, lines: list[bytes], pieces: int = 10) -> None:
    """Write lines to a process's stdin over about two seconds, then close it."""
    step = max(1, len(lines) // pieces)
    for i in range(0, len(lines), step):
        process.stdin.write(b"".join(lines[i:i + step]))
        process.stdin.flush()
        time.sleep(0.2)
    process.stdin.close()


def stress(workdir: Path, writers: int, readers: int, batches: int, size: int, cli_events: int) -> Figures:
    """Writers POST atomic batches of `size` events sharing a marker word (and all of them the same
    shared batches, racing on the same ids) while a `load` process writes too, and readers search
    for the markers of batches in flight: each answer must hold 0 or `size` events of a batch."""
    figures = Figures("concurrent writers/readers")
    path = workdir / "stress.db"
    path.unlink(missing_ok=True)
    cli_file = workdir / "stress-cli.ndjson"
    write_events(cli_file, cli_events, seed=3)
    in_flight: dict[int, str] = {}
    committed: set[str] = set()
    lock = threading.Lock()
    done = threading.Event()

    def note(status: int, answer: bytes) -> None:
        with lock:
            figures.statuses[status] += 1
            if status >= 500 or b"locked" in answer:
                figures.problems.append(f"{status}: {answer[:200]!r}")

    def write(w: int, server: Server) -> None:
        rng = random.Random(w)
        for i in range(batches):
            marker = f"mk{w}x{i}"
            in_flight[w] = marker
            status, answer = request("POST", server.url + "/bulk?atomic=true&report=errors",
                                     _batch(rng, marker, size), "application/x-ndjson")
            note(status, answer)
            if status == 200:
                with lock:
                    committed.add(marker)
            shared = f"shared{i}"
            status, answer = request("POST", server.url + "/bulk?report=errors",
                                     _batch(random.Random(i), shared, size), "application/x-ndjson")
            note(status, answer)

    def read(r: int, server: Server) -> None:
        rng = random.Random(1000 + r)
        while not done.is_set():
            with lock:
                seen_committed = list(committed)
            candidates = list(in_flight.values()) + seen_committed[-5:]
            if not candidates:
                time.sleep(0.01)
                continue
            marker = rng.choice(candidates)
            status, answer = request("GET", f"{server.url}/events?q={marker}&limit=1000&undated=include")
            note(status, answer)
            if status != 200:
                continue
            found = len(orjson.loads(answer)["items"])
            if found not in (0, size):
                with lock:
                    figures.problems.append(f"a reader saw {found} of the {size} events of batch {marker}")
            if marker in seen_committed and found != size:
                with lock:
                    figures.lost += size - found

    with Server(str(path), workers=2) as server:
        loader = subprocess.Popen(timeline_command("load", str(cli_file), "--database", str(path),
                                                   "--chunk-size", "50"),
                                  cwd=ROOT, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        threads = [threading.Thread(target=write, args=(w, server)) for w in range(writers)]
        reading = [threading.Thread(target=read, args=(r, server)) for r in range(readers)]
        for thread in threads + reading:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        for thread in reading:
            thread.join()
        if loader.wait() != 0:
            figures.problems.append(f"the concurrent load failed: {loader.stderr.read().decode()[-500:]}")
    figures.inputs = writers * batches * 2 * size + cli_events
    expected = {f"event:mk{w}x{i}-{j}" for w in range(writers) for i in range(batches) for j in range(size)}
    expected |= {f"event:shared{i}-{j}" for i in range(batches) for j in range(size)}
    expected |= {f"event:gen-3-{i:08d}" for i in range(cli_events)}
    stored = contents(path)
    figures.lost += len(expected - stored.keys())
    figures.duplicates += len(stored.keys() - expected)
    if (problem := integrity(path)) != "ok":
        figures.problems.append(f"integrity: {problem}")
    return figures


def _batch(rng: random.Random, marker: str, size: int) -> bytes:
    """`size` events sharing a marker word: dated ones of every length class, and undated ones,
    so a reader's page is assembled from several scans."""
    lines = []
    for j in range(size):
        record = {"kind": "event", "id": f"{marker}-{j}", "type": "report", "summary": f"{marker} event {j}"}
        if j % 3:
            start = date(rng.randint(1950, 2030), 1, 1)
            end = start + timedelta(days=rng.choice([0, 6, 30, 364, 3650]))
            record["occurred"] = {"start": start.isoformat(), "end": end.isoformat()}
        lines.append(orjson.dumps(record))
    return b"\n".join(lines)


QUERY_KEYS = ["start", "end", "mode", "axis", "type", "q", "undated", "excerpt", "limit", "cursor", "format",
              "colour"]
GOOD = {"start": "2024", "end": "2025-01-31", "mode": "within", "axis": "reported", "type": "combat",
        "q": "troops", "undated": "only", "limit": "5", "format": "csv"}
POSTS = ["/extract", "/excerpts", "/bulk", "/bulk?atomic=true"]
GUNICORN_REQUEST_LINE = 4094  # gunicorn's --limit-request-line: a longer URL gets its own HTML 414


def fuzz_http(workdir: Path, n: int, seed: int = 7) -> Figures:
    """Random bad and good requests against the real server: a 2xx or a 4xx in the one error
    shape, never a 500, and a rejected request leaves the store as it was."""
    figures = Figures("fuzz over HTTP")
    rng = random.Random(seed)
    path = workdir / "fuzz.db"
    path.unlink(missing_ok=True)
    with Server(str(path), workers=2, env={"TIMELINE_MAX_CONTENT_LENGTH": str(1 << 20)}) as server:
        request("POST", server.url + "/bulk", (ROOT / "tests/data/events.ndjson").read_bytes(), "application/x-ndjson")
        for _ in range(n):
            figures.inputs += 1
            query = ""
            if rng.random() < 0.5:
                pairs = [(key, rng.choice([GOOD.get(key, "x"), rng.choice(TRICKY)]))
                         for key in rng.sample(QUERY_KEYS, rng.randint(0, 5))]
                query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
                before, (status, answer) = None, request("GET", f"{server.url}/{rng.choice(['events', 'timeline'])}"
                                                                f"?{query}")
            else:
                before = fingerprint(path)
                status, answer = request("POST", server.url + rng.choice(POSTS), _fuzz_body(rng),
                                         rng.choice(["application/json", "application/x-ndjson", "text/csv"]))
            figures.statuses[status] += 1
            problem = _answer_problem(status, answer)
            if status == 414 and before is None and len(query) > GUNICORN_REQUEST_LINE:
                problem = None  # refused by gunicorn itself, in HTML, before the service sees it
            if status >= 400 and before is not None and fingerprint(path) != before:
                problem = problem or "a rejected request changed the store"
            if problem:
                figures.problems.append(problem)
    return figures


def _fuzz_body(rng: random.Random) -> bytes:
    record = {"kind": rng.choice(["event", "excerpt", "ship"]), "id": rng.choice(["f-1", "f:1", *TRICKY[:20]]),
              "type": rng.choice(["combat", "", "X"]), "summary": rng.choice(TRICKY),
              "text": rng.choice(["Troops arrived yesterday.", *TRICKY]),
              "reference_date": rng.choice(TRICKY[:12]),
              "occurred": {"start": rng.choice(TRICKY[:12]), "end": rng.choice(TRICKY[:12])}}
    record = {k: v for k, v in record.items() if rng.random() < 0.7}
    body = orjson.dumps(rng.choice([record, [record, record], rng.choice(TRICKY), 10 ** 18]))
    depth = rng.randint(1, 50_000)
    return rng.choice([body, body[: rng.randint(0, len(body))], b"[" * depth + b"]" * depth,
                       body.replace(b"a", b"\xff"), b"\n".join([body] * rng.randint(1, 5))])


def _answer_problem(status: int, answer: bytes) -> str | None:
    """What is wrong with an answer: a 5xx, or an error not in the one shape."""
    if status >= 500:
        return f"{status}: {answer[:200]!r}"
    if status >= 400:
        try:
            error = orjson.loads(answer)["error"]
            assert set(error) == {"status", "code", "message", "details"} and error["status"] == status
        except (orjson.JSONDecodeError, KeyError, TypeError, AssertionError):
            return f"{status} not in the error shape: {answer[:200]!r}"
    return None


# -- the report ------------------------------------------------------------------------------

def run(workdir: Path, events: int, chunk: int, kills: int, writers: int, readers: int, batches: int,
        size: int, fuzz: int) -> list[Figures]:
    points = [(i + 1) / (kills + 1) for i in range(kills)]
    work = Workload(workdir, events, chunk)
    return [fuzz_http(workdir, fuzz), kill_loads(work, points), kill_server_during_bulk(work, points),
            backup_during_load(work), stress(workdir, writers, readers, batches, size, events // 4)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="events per load (the file killed mid-way)")
    parser.add_argument("--chunk", type=int, default=500, help="--chunk-size of the loads")
    parser.add_argument("--kills", type=int, default=4, help="kill points per mode")
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--batches", type=int, default=40, help="atomic batches per writer")
    parser.add_argument("--size", type=int, default=30, help="events per atomic batch")
    parser.add_argument("--fuzz", type=int, default=2000, help="random requests to the server")
    parser.add_argument("--workdir", help="where the stores go (default: a temporary directory)")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        workdir = Path(args.workdir or stack.enter_context(tempfile.TemporaryDirectory()))
        workdir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        results = run(workdir, args.events, args.chunk, args.kills, args.writers, args.readers,
                      args.batches, args.size, args.fuzz)
    total = Figures("total")
    for figures in results:
        total.add(figures)
        print(figures.line())
    print(total.line(), f"in {time.monotonic() - started:.0f} s")
    for problem in total.problems:
        print("  problem:", problem)
    return 0 if total.ok else 1


if __name__ == "__main__":
    sys.exit(main())
