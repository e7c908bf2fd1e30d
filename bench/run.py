#!/usr/bin/env python3
"""`make bench`: measure the real endpoints against the reference app, as ratios in one run.

    .venv/bin/python bench/run.py                       # the default: 5 rounds x 5 s, both DBs
    BENCH_ROUNDS=2 BENCH_SECONDS=2 .venv/bin/python bench/run.py      # a quick look

For each database (SQLite file in a temporary directory, then a throwaway PostgreSQL cluster
started by scripts/with_postgres.py's functions) it migrates, loads the demo and the benchmark
data (bench_setup), starts gunicorn (sync workers = cores, persistent connections as in
settings, production settings) on 127.0.0.1, and measures every endpoint and its reference
interleaved round-robin with wrk (or a small Python load generator when wrk is missing). Then
it checks the door's correctness in the same run and writes a table to stdout and to
bench/results/<timestamp>.md. Every process it starts it stops by its PID; all load goes to
loopback and each load run is bounded in time.

G11 (bench/phone.py) is no load: Chromium on a throttled phone network (1.6 Mbps down, 750 kbps
up, 150 ms) opens the call's ballot (labs:ballot) as a checked-in voter, ticks two proposals and
sends, through nginx as in production, against the same journey on bench/'s bare one-form page;
BENCH_JOURNEYS journeys each, a different voter each time. Only G11, on one database:

    BENCH_GOALS=G11 BENCH_DBS=sqlite .venv/bin/python bench/run.py

Settings (environment variables):
    BENCH_ROUNDS=5  BENCH_SECONDS=5    rounds, and seconds per endpoint per round
    BENCH_DBS=sqlite,postgres          which databases
    BENCH_CONNECTIONS=32               connections for the pages and their references
    BENCH_CHECKIN_CONNECTIONS=8        connections for the check-in and vote_bare (G8)
    BENCH_THREADS=2                    wrk threads
    BENCH_WORKERS=<nproc>              gunicorn sync workers
    BENCH_CHECKIN_MAX_RPS=2500         sizes the pool of unused tickets (rounds x seconds x this)
    BENCH_PAUSE=1                      seconds of quiet between two load runs
    BENCH_LOADER=wrk|python            force a load generator
    BENCH_KEEP=1                       keep the temporary directory (logs, databases)
    BENCH_BALLOT_MAX_RPS=1500          sizes the pool of unused (poll, voter) ballots
    BENCH_BALLOT_VOTERS=600            checked-in attendees with a session (the electorate)
    BENCH_BURST_CONNECTIONS=300        the network-day burst (G3)
    BENCH_GOALS=G4,G11                 only these goals (empty: all)
    BENCH_JOURNEYS=5                   G11's phone journeys per page and database (at most 30)
    BENCH_SCREENSHOTS=/tmp/g11         G11: also a ballot and its answer in each language, as PNGs

Standard library only (plus what the venv has: Django, gunicorn, psycopg; Playwright for G11).
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.phone import Journey

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable
HOST = "127.0.0.1"


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


ROUNDS = env_int("BENCH_ROUNDS", 5)
SECONDS = env_int("BENCH_SECONDS", 5)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 32)
CHECKIN_CONNECTIONS = env_int("BENCH_CHECKIN_CONNECTIONS", 8)
THREADS = env_int("BENCH_THREADS", 2)
WORKERS = env_int("BENCH_WORKERS", os.cpu_count() or 2)
CHECKIN_MAX_RPS = env_int("BENCH_CHECKIN_MAX_RPS", 2500)
# Seconds between two load runs: the sync workers finish what the last run left queued.
PAUSE = float(os.environ.get("BENCH_PAUSE", "1"))
DBS = [db.strip() for db in os.environ.get("BENCH_DBS", "sqlite,postgres").split(",") if db]
LOADER = os.environ.get("BENCH_LOADER") or ("wrk" if shutil.which("wrk") else "python")
KEEP = os.environ.get("BENCH_KEEP", "") not in {"", "0"}
# Only these goals' endpoints and references ("G4,G1"); empty: all of them.
GOALS = {goal.strip() for goal in os.environ.get("BENCH_GOALS", "").split(",") if goal.strip()}
# Codes kept back from the load for the exact correctness check after it.
VERIFY_TICKETS = 400
# The ballot (G1-G3): session-authenticated POST /api/v1/polls/{id}/ballots by distinct voters.
BALLOT_MAX_RPS = env_int("BENCH_BALLOT_MAX_RPS", 1500)
BALLOT_VOTERS = env_int("BENCH_BALLOT_VOTERS", 600)
PHONES = env_int("BENCH_PHONES", 300)
BURST_CONNECTIONS = env_int("BENCH_BURST_CONNECTIONS", 300)
VERIFY_BALLOTS = 400
# G11: phone journeys per page (a different voter each; bench_ballots keeps 40 for them).
JOURNEYS = min(env_int("BENCH_JOURNEYS", 5), 30)
SCREENSHOTS = os.environ.get("BENCH_SCREENSHOTS", "")
JOURNEY_MAX_RATIO = 1.5
JOURNEY_MAX_BYTES = 10_000  # 10 KB, counted in thousands
SERVER_SECRET = "bench-only-secret-key-" + "x" * 40


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- what is measured -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One load run: an endpoint at a number of connections."""

    key: str
    url_name: str
    connections: int
    method: str = "GET"
    # Sent with a logged-in member's session: the page is rendered for each request (G5);
    # without it, an anonymous visitor's page may come from the page cache (G6).
    as_member: bool = False
    # An anonymous visitor's hard reload (Cache-Control: no-cache): the page cache does not
    # serve it, the view renders the page everybody gets (G5, uncached).
    fresh: bool = False
    # G4: phones that think 0.5-1.5 s between two requests, through the buffering proxy (nginx)
    # in front of gunicorn, as in production.
    phones: bool = False


@dataclass(frozen=True)
class Comparison:
    goal_id: str
    label: str
    target: str
    reference: str
    min_ratio: float | None
    max_p99_ms: float | None = None
    # The target's p99 at most this many times the reference's (G4).
    max_p99_ratio: float | None = None


TARGETS = [
    Target("hello", "hello", CONNECTIONS),
    Target("labs20", "labs20", CONNECTIONS),
    Target("detail", "detail", CONNECTIONS),
    Target("vote_bare@8", "vote_bare", CHECKIN_CONNECTIONS, "POST"),
    Target("home", "home", CONNECTIONS),
    Target("calendar", "calendar", CONNECTIONS),
    Target("event_detail", "event_detail", CONNECTIONS),
    Target("calendar (member)", "calendar", CONNECTIONS, as_member=True),
    Target("event_detail (member)", "event_detail", CONNECTIONS, as_member=True),
    Target("labs", "labs", CONNECTIONS),
    Target("lab_page", "lab_page", CONNECTIONS),
    Target("labs (member)", "labs", CONNECTIONS, as_member=True),
    Target("lab_page (member)", "lab_page", CONNECTIONS, as_member=True),
    Target("calendar (reload)", "calendar", CONNECTIONS, fresh=True),
    Target("event_detail (reload)", "event_detail", CONNECTIONS, fresh=True),
    Target("labs (reload)", "labs", CONNECTIONS, fresh=True),
    Target("lab_page (reload)", "lab_page", CONNECTIONS, fresh=True),
    Target("stories", "stories", CONNECTIONS),
    Target("story_page", "story_page", CONNECTIONS),
    Target("stories (reload)", "stories", CONNECTIONS, fresh=True),
    Target("story_page (reload)", "story_page", CONNECTIONS, fresh=True),
    Target("checkin@8", "checkin", CHECKIN_CONNECTIONS, "POST"),
    Target("vote_bare@32", "vote_bare", CONNECTIONS, "POST"),
    Target("ballot@32", "ballot", CONNECTIONS, "POST"),
    Target(f"ballot@{BURST_CONNECTIONS}", "ballot", BURST_CONNECTIONS, "POST"),
    Target(f"vote_bare phones@{PHONES}", "vote_bare", PHONES, "POST", phones=True),
    Target(f"ballot phones@{PHONES}", "ballot", PHONES, "POST", phones=True),
]

COMPARISONS = [
    Comparison(
        "G4",
        f"ballot, {PHONES} phones thinking 0.5-1.5 s, behind nginx, vs vote_bare the same (p99)",
        f"ballot phones@{PHONES}",
        f"vote_bare phones@{PHONES}",
        None,
        50.0,
        max_p99_ratio=3.0,
    ),
    Comparison(
        "G8",
        f"POST /api/v1/checkins @{CHECKIN_CONNECTIONS} vs vote_bare",
        "checkin@8",
        "vote_bare@8",
        0.45,
        50.0,
    ),
    Comparison(
        "G1",
        f"POST /api/v1/polls/{{id}}/ballots (session) @{CONNECTIONS} vs vote_bare",
        "ballot@32",
        "vote_bare@32",
        0.45,
    ),
    Comparison(
        "G3",
        f"ballot burst @{BURST_CONNECTIONS} vs ballot @{CONNECTIONS}",
        f"ballot@{BURST_CONNECTIONS}",
        "ballot@32",
        0.8,
        1000.0,
    ),
    # G5 is about the public pages when the page cache does not answer: an anonymous visitor's
    # hard reload, what the first visitor after a change costs.
    Comparison(
        "G5",
        "calendar list, uncached (anonymous, a hard reload) vs labs20",
        "calendar (reload)",
        "labs20",
        1.0,
    ),
    Comparison(
        "G5",
        "event page, uncached (anonymous, a hard reload) vs detail",
        "event_detail (reload)",
        "detail",
        1.0,
    ),
    Comparison(
        "G5",
        "labs overview, uncached (anonymous, a hard reload) vs labs20",
        "labs (reload)",
        "labs20",
        1.0,
    ),
    Comparison(
        "G5",
        "lab page, uncached (anonymous, a hard reload) vs detail",
        "lab_page (reload)",
        "detail",
        1.0,
    ),
    Comparison(
        "G5",
        "story list, uncached (anonymous, a hard reload) vs labs20",
        "stories (reload)",
        "labs20",
        1.0,
    ),
    Comparison(
        "G5",
        "story page, uncached (anonymous, a hard reload) vs detail",
        "story_page (reload)",
        "detail",
        1.0,
    ),
    # The same pages as a logged-in member sees them (their name, their registration, their
    # group's link): never from the page cache. Measured for information, without a goal: a
    # member's page loads the session, the person and what is theirs besides the public part.
    Comparison("G5", "calendar list, a member's vs labs20", "calendar (member)", "labs20", None),
    Comparison("G5", "event page, a member's vs detail", "event_detail (member)", "detail", None),
    Comparison("G5", "labs overview, a member's vs labs20", "labs (member)", "labs20", None),
    Comparison("G5", "lab page, a member's vs detail", "lab_page (member)", "detail", None),
    Comparison("G6", "calendar list, anonymous (cached) vs hello", "calendar", "hello", 0.7),
    Comparison("G6", "labs overview, anonymous (cached) vs hello", "labs", "hello", 0.7),
    Comparison("G6", "lab page, anonymous (cached) vs hello", "lab_page", "hello", 0.7),
    Comparison("G6", "event page, anonymous (cached) vs hello", "event_detail", "hello", 0.7),
    Comparison("G6", "home page, anonymous (cached) vs hello", "home", "hello", 0.7),
    Comparison("G6", "story list, anonymous (cached) vs hello", "stories", "hello", 0.7),
    Comparison("G6", "story page, anonymous (cached) vs hello", "story_page", "hello", 0.7),
    Comparison("ref", "labs20 vs hello (PERFORMANCE.md: 0.10)", "labs20", "hello", None),
]


@dataclass
class Sample:
    rps: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int


@dataclass
class DbResult:
    database: str
    version: str = ""
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    error: str = ""
    # G11: the phone journeys per page ("ballot", "reference"), or why there are none.
    journeys: dict[str, list[Journey]] = field(default_factory=dict)
    journey_error: str = ""


# --- processes ------------------------------------------------------------------------------------


def django_env(database_url: str, workdir: Path, *, production: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    if production:
        env |= {
            "SOM_ENV": "production",
            "SECRET_KEY": SERVER_SECRET,
            "MFA_ENCRYPTION_KEY": SERVER_SECRET,
            "ALLOWED_HOSTS": f"{HOST},localhost,samenonderwijsmaken.be",
            "SECURE_SSL_REDIRECT": "0",
            "DEBUG": "0",
            # Production refuses to start without these (config/production.py). Nothing is
            # sent: tasks wait in the database, no worker runs; links in mails are never followed.
            "SITE_URL": "https://samenonderwijsmaken.be",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DEFAULT_FROM_EMAIL": "SOM Leuven <hallo@samenonderwijsmaken.be>",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SOM_IBAN": "BE48 3200 7018 4927",  # python-stdnum's example account
            "SOM_BIC": "BBRUBEBB",
        }
    else:
        # Loading data: the demo refuses production, and the registration mails are not measured.
        env |= {
            "SOM_ENV": "demo",
            "DEBUG": "0",
            "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        }
    return env


def manage(args: list[str], env: dict[str, str], log: Path, timeout: int = 900) -> str:
    with log.open("a") as log_file:
        log_file.write(f"\n$ manage.py {' '.join(args)}\n")
        log_file.flush()
        result = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            timeout=timeout,
            check=False,
        )
        log_file.write(result.stdout)
    if result.returncode != 0:
        # The temporary directory goes at the end (unless BENCH_KEEP=1): quote the error here.
        tail = log.read_text(errors="replace").strip().splitlines()[-12:]
        say(f"manage.py {args[0]} failed:\n    " + "\n    ".join(tail))
        raise RuntimeError(f"manage.py {args[0]} failed (exit {result.returncode}): {tail[-1:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workdir: Path) -> Iterator[int]:
    port = free_port()
    log = workdir / "gunicorn.log"
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(WORKERS),
        "--worker-class", "sync",
        "--timeout", "30",
        "--graceful-timeout", "5",
        "--error-logfile", str(log),
        "--log-level", "warning",
    ]  # fmt: skip
    with log.open("a") as log_file:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=log_file, start_new_session=True
        )
    say(f"gunicorn pid {process.pid}: {WORKERS} sync workers on {HOST}:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
            with contextlib.suppress(OSError):
                if request(port, "GET", "/bench/hello")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.2)
        yield port
    finally:
        stop(process, "gunicorn")


NGINX_CONF = """
{user}worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
  access_log off;
  client_body_temp_path {workdir}/nginx-body;
  proxy_temp_path {workdir}/nginx-proxy;
  fastcgi_temp_path {workdir}/nginx-fastcgi;
  uwsgi_temp_path {workdir}/nginx-uwsgi;
  scgi_temp_path {workdir}/nginx-scgi;
  # HTML compressed on its way to the phone (G11), as Debian's nginx.conf does (`gzip on`); the
  # static files come compressed from WhiteNoise already, and JSON is left as it is.
  gzip on;
  gzip_comp_level 5;
  gzip_min_length 256;
  gzip_vary on;
  server {{
    listen {host}:{port};
    location / {{
      proxy_pass http://{host}:{upstream};
      proxy_set_header Host $http_host;
      proxy_buffering on;
      proxy_request_buffering on;
    }}
  }}
}}
"""


@contextlib.contextmanager
def nginx(upstream: int, workdir: Path) -> Iterator[int | None]:
    """The production front (docs/deploy.md): a buffering proxy, so slow or idle phones do not
    hold gunicorn's sync workers. None when nginx is not installed (G4 is then skipped)."""
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else ""
    )
    if not binary:
        yield None
        return
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;\n" if os.geteuid() == 0 else "",
            workdir=workdir, host=HOST, port=port, upstream=upstream,
        )
    )  # fmt: skip
    log = workdir / "nginx.log"
    with log.open("a") as log_file:
        process = subprocess.Popen(
            [binary, "-c", str(conf), "-g", "daemon off;"],
            stdout=log_file, stderr=log_file, start_new_session=True,
        )  # fmt: skip
    say(f"nginx pid {process.pid} on {HOST}:{port}, in front of gunicorn")
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                say(f"nginx exited with {process.returncode}; see {log}: G4 skipped")
                yield None
                return
            with contextlib.suppress(OSError):
                if request(port, "GET", "/bench/hello")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not answer within 20 s; see {log}")
            time.sleep(0.2)
        yield port
    finally:
        stop(process, "nginx")


def stop(process: subprocess.Popen[Any], name: str) -> None:
    """SIGTERM to the PID we started, then SIGKILL to its process group if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            say(f"{name} pid {process.pid} did not stop; killing its process group")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    say(f"{name} pid {process.pid} stopped")


# --- HTTP -----------------------------------------------------------------------------------------


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def checkin_request(port: int, token: str, path: str, code: str) -> int:
    status, _body = request(
        port,
        "POST",
        path,
        json.dumps({"ticket_code": code}).encode(),
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    return status


# --- load generators ------------------------------------------------------------------------------

VOTE_LUA = """
local counter = 0
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  base = tonumber(args[1]) + tid * 100000000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, "choice=yes&voter=" .. string.format("%d", base + counter))
end
"""

CHECKIN_LUA = """
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  codes = {}
  for line in io.lines(args[1]) do
    if #line > 0 then codes[#codes + 1] = line end
  end
  stride = tonumber(args[2])
  index = tid + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[3]
end
function request()
  local code = codes[index] or ("exhausted-pool-" .. index)
  index = index + stride
  return wrk.format(nil, nil, nil, '{"ticket_code": "' .. code .. '"}')
end
"""

# One ballot a line: path, session id, JSON body (tab-separated); threads take every n-th line.
BALLOT_LUA = """
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  pairs_ = {}
  for line in io.lines(args[1]) do
    if #line > 0 then pairs_[#pairs_ + 1] = line end
  end
  stride = tonumber(args[2])
  csrf = args[3]
  index = tid + 1
end
function request()
  local line = pairs_[index] or pairs_[1]
  index = index + stride
  local path, session, body = line:match("([^\t]+)\t([^\t]+)\t(.+)")
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf
  headers["X-CSRFToken"] = csrf
  return wrk.format("POST", path, headers, body)
end
"""

# wrk waits delay() ms after each answer before the connection's next request: a phone's
# think time. wrk's latency excludes it.
THINK_LUA = """
local seeded = false
function delay()
  if not seeded then
    math.randomseed(os.time() + (tid or 0) * 7919)
    seeded = true
  end
  return math.random(500, 1500)
end
"""

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> Sample:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    requests_match = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return Sample(
        rps=rps,
        p99_ms=float(p99.group(1)) * _UNITS[p99.group(2)] if p99 else float("nan"),
        requests=int(requests_match.group(1)) if requests_match else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        # Read errors are the sync workers closing each connection after the answer; count the
        # others.
        socket_errors=(sum(int(socket_errors.group(i)) for i in (1, 3, 4)) if socket_errors else 0),
    )


def run_wrk(
    port: int,
    path: str,
    connections: int,
    seconds: int,
    script: Path | None,
    args: list[str],
    headers: dict[str, str] | None = None,
) -> Sample:
    command = [
        "wrk", f"-t{min(THREADS, connections)}", f"-c{connections}", f"-d{seconds}s",
        "--latency", "--timeout", "5s",
    ]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(f"http://{HOST}:{port}{path}")
    if args:
        command += ["--", *args]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if result.returncode != 0 or "Requests/sec" not in result.stdout:
        raise RuntimeError(f"wrk failed: {result.stdout}{result.stderr}")
    return parse_wrk(result.stdout)


def run_python_load(
    port: int,
    method: str,
    path: str,
    connections: int,
    seconds: float,
    body_for: Callable[[int, int], tuple[bytes | None, dict[str, str]]] | None = None,
) -> tuple[Sample, list[int]]:
    """A closed loop of `connections` threads with http.client; every answer is counted.

    body_for(thread, n) gives the body and headers of a thread's n-th request."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    statuses: list[list[int]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + seconds

    def worker(number: int) -> None:
        sent = 0
        while time.monotonic() < deadline:
            body, headers = body_for(number, sent) if body_for else (None, {})
            sent += 1
            started = time.perf_counter()
            try:
                status, _ = request(port, method, path, body, headers)
            except OSError:
                errors[number] += 1
                continue
            latencies[number].append((time.perf_counter() - started) * 1000)
            statuses[number].append(status)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed = time.monotonic() - started
    all_latencies = sorted(x for per in latencies for x in per)
    all_statuses = [s for per in statuses for s in per]
    p99 = all_latencies[int(0.99 * (len(all_latencies) - 1))] if all_latencies else float("nan")
    sample = Sample(
        rps=len(all_statuses) / elapsed,
        p99_ms=p99,
        requests=len(all_statuses),
        non_2xx=sum(1 for s in all_statuses if not 200 <= s < 400),
        socket_errors=sum(errors),
    )
    return sample, all_statuses


# --- one database ---------------------------------------------------------------------------------


class Bench:
    def __init__(self, database: str, database_url: str, workdir: Path) -> None:
        self.database = database
        self.database_url = database_url
        self.workdir = workdir / database
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = self.workdir / "manage.log"
        self.result = DbResult(database)
        self.setup: dict[str, Any] = {}
        self.codes: list[str] = []
        self.next_code = 0
        self.handed_out: list[str] = []
        self.checkin_2xx = 0
        self.checkin_runs = 0
        self.vote_offset = 0
        self.vote_lua = self.workdir / "vote.lua"
        self.checkin_lua = self.workdir / "checkin.lua"
        self.vote_lua.write_text(VOTE_LUA)
        self.checkin_lua.write_text(CHECKIN_LUA)
        self.ballot_lua = self.workdir / "ballot.lua"
        self.ballot_lua.write_text(BALLOT_LUA)
        self.ballot_think_lua = self.workdir / "ballot-phones.lua"
        self.ballot_think_lua.write_text(BALLOT_LUA + THINK_LUA)
        self.vote_think_lua = self.workdir / "vote-phones.lua"
        self.vote_think_lua.write_text(VOTE_LUA + THINK_LUA)
        self.proxy_port: int | None = None
        self.ballots: dict[str, Any] = {}
        self.ballot_pairs: list[str] = []
        self.next_pair = 0
        self.ballot_2xx = 0
        self.ballot_in_flight = 0

    def prepare(self) -> None:
        env = django_env(self.database_url, self.workdir.parent, production=False)
        started = time.monotonic()
        manage(["migrate", "--no-input", "-v0"], env, self.log)
        manage(["load_demo"], env, self.log)
        # G11 alone needs no pools for the loads.
        under_load = not GOALS or bool(GOALS - {"G11"})
        tickets = ROUNDS * SECONDS * CHECKIN_MAX_RPS + VERIFY_TICKETS + 100 if under_load else 100
        manage(
            ["bench_setup", "--tickets", str(tickets), "--out", str(self.workdir)],
            env | {"SECRET_KEY": SERVER_SECRET},  # the member's session is signed with it
            self.log,
        )
        self.setup = json.loads((self.workdir / "setup.json").read_text())
        # Three ballot loads a round: at 32 connections, the burst, the phones.
        pairs = ROUNDS * SECONDS * BALLOT_MAX_RPS * 3 + VERIFY_BALLOTS + 200 if under_load else 200
        manage(
            ["bench_ballots", "setup", "--voters", str(BALLOT_VOTERS), "--pairs", str(pairs),
             "--out", str(self.workdir)],
            env | {"SECRET_KEY": SERVER_SECRET},  # the sessions are signed with the server's key
            self.log,
        )  # fmt: skip
        manage(["bench_settle"], env, self.log)
        self.ballots = json.loads((self.workdir / "ballots.json").read_text())
        self.ballot_pairs = Path(self.ballots["pairs_file"]).read_text().splitlines()
        self.setup["urls"]["ballot"] = "/api/v1/polls/{id}/ballots"
        self.codes = Path(self.setup["codes_file"]).read_text().split()
        say(
            f"{self.database}: migrated, demo + {self.setup['show_registrations']} registrations"
            f" + {len(self.codes)} door tickets loaded in {time.monotonic() - started:.0f} s"
        )

    def take_codes(self, count: int) -> list[str]:
        codes = self.codes[self.next_code : self.next_code + count]
        self.next_code += len(codes)
        return codes

    # --- probing what exists ---

    def probe(self, port: int) -> list[Target]:
        urls = self.setup["urls"]
        targets = []
        for target in TARGETS:
            if not wanted(target):
                self.result.skipped[target.key] = f"not among BENCH_GOALS ({', '.join(GOALS)})"
                continue
            if target.phones and (self.proxy_port is None or LOADER != "wrk"):
                self.result.skipped[target.key] = (
                    "needs nginx (the production front) and wrk"
                    if self.proxy_port is None
                    else "needs wrk (think time)"
                )
                continue
            path = urls.get(target.url_name)
            if path is None:
                self.result.skipped[target.key] = f"no page for {target.url_name} yet"
                continue
            if target.url_name == "ballot":
                reason = self.probe_ballot(port)
                if reason:
                    self.result.skipped[target.key] = reason
                    continue
            elif target.url_name == "checkin":
                reason = self.probe_checkin(port, path)
                if reason:
                    self.result.skipped[target.key] = reason
                    continue
            elif target.method == "GET":
                status, body = request(port, "GET", path, None, self.page_headers(target))
                if status != 200:
                    self.result.skipped[target.key] = f"GET {path} answers {status}"
                    continue
                if target.as_member and b"/logout/" not in body:
                    # Not logged in after all: the page would come from the anonymous cache.
                    self.result.skipped[target.key] = "the member's session is not accepted"
                    continue
            targets.append(target)
        return targets

    def probe_checkin(self, port: int, path: str) -> str:
        code = self.take_codes(1)[0]
        self.handed_out.append(code)
        status = checkin_request(port, self.setup["token"], path, code)
        if status in {200, 201}:
            self.checkin_2xx += 1
            return ""
        if status in {404, 405}:
            return f"not built yet (POST {path} with a valid ticket answers {status})"
        return f"POST {path} with a valid ticket answers {status}, not 201"

    def take_pairs(self, count: int) -> list[str]:
        pairs = self.ballot_pairs[self.next_pair : self.next_pair + count]
        self.next_pair += len(pairs)
        return pairs

    def ballot_request(self, port: int, pair: str) -> int:
        path, session, body = pair.split("\t", 2)
        csrf = self.ballots["csrf"]
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }
        return request(port, "POST", path, body.encode(), headers)[0]

    def probe_ballot(self, port: int) -> str:
        if LOADER != "wrk":
            return "needs wrk (one path per ballot)"
        # Also warms every worker up (sessions, the poll's query, the electorate).
        statuses = [self.ballot_request(port, pair) for pair in self.take_pairs(4 * WORKERS)]
        self.ballot_2xx += statuses.count(201)
        if statuses.count(201) != len(statuses):
            return f"POST a ballot answers {sorted(set(statuses))}, not 201"
        return ""

    # --- the measurement ---

    def measure(self, port: int, targets: list[Target]) -> None:
        if not targets:
            return
        # Warm every worker up (templates, DB connections) before anything counts.
        for target in targets:
            if target.method == "GET":
                self.load(port, target, 1, record=False)
        vote = next((t for t in targets if t.key.startswith("vote_bare")), None)
        if vote:
            self.load(port, vote, 1, record=False)
        if any(t.url_name == "checkin" for t in targets):
            # Unknown tickets (404) warm the API up without using the pool.
            path, token = self.setup["urls"]["checkin"], self.setup["token"]
            for n in range(4 * WORKERS):
                checkin_request(port, token, path, f"warm-up-{n}")
        for round_number in range(ROUNDS):
            # Round-robin, starting one further each round so no endpoint is always first.
            order = targets[round_number % len(targets) :] + targets[: round_number % len(targets)]
            for target in order:
                self.load(port, target, SECONDS, record=True)
            say(f"{self.database}: round {round_number + 1}/{ROUNDS} done")

    def load(self, port: int, target: Target, seconds: int, *, record: bool) -> None:
        path = self.setup["urls"][target.url_name]
        if target.phones:
            assert self.proxy_port is not None
            port = self.proxy_port
        if target.url_name == "ballot":
            sample = self.load_ballots(port, target.connections, seconds, think=target.phones)
        elif target.url_name == "vote_bare":
            self.vote_offset += 1
            sample = self.load_vote(port, path, target.connections, seconds, think=target.phones)
        elif target.url_name == "checkin":
            sample = self.load_checkin(port, path, target.connections, seconds)
        elif LOADER == "wrk":
            headers = self.page_headers(target)
            sample = run_wrk(port, path, target.connections, seconds, None, [], headers)
        else:
            headers = self.page_headers(target)
            sample, _ = run_python_load(
                port, "GET", path, target.connections, seconds, lambda thread, n: (None, headers)
            )
        if record:
            self.result.samples.setdefault(target.key, []).append(sample)
        time.sleep(PAUSE)

    def page_headers(self, target: Target) -> dict[str, str]:
        if target.fresh:
            return {"Cache-Control": "no-cache"}
        if not target.as_member:
            return {}
        return {"Cookie": f"sessionid={self.setup['member_session']}"}

    def load_vote(
        self, port: int, path: str, connections: int, seconds: int, *, think: bool = False
    ) -> Sample:
        base = self.vote_offset * 1_000_000_000
        if LOADER == "wrk":
            script = self.vote_think_lua if think else self.vote_lua
            return run_wrk(port, path, connections, seconds, script, [str(base)])

        def body(thread: int, n: int) -> tuple[bytes, dict[str, str]]:
            voter = base + thread * 100_000_000 + n + 1
            return (
                f"choice=yes&voter={voter}".encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )

        return run_python_load(port, "POST", path, connections, seconds, body)[0]

    def load_checkin(self, port: int, path: str, connections: int, seconds: int) -> Sample:
        codes = self.take_codes(seconds * CHECKIN_MAX_RPS)
        self.handed_out += codes
        self.checkin_runs += 1
        token = self.setup["token"]
        if LOADER == "wrk":
            chunk = self.workdir / f"codes-{self.checkin_runs}.txt"
            chunk.write_text("\n".join(codes) + "\n")
            threads = min(THREADS, connections)
            sample = run_wrk(
                port,
                path,
                connections,
                seconds,
                self.checkin_lua,
                [str(chunk), str(threads), token],
            )
        else:
            stride = connections

            def body(thread: int, n: int) -> tuple[bytes, dict[str, str]]:
                index = thread + n * stride
                code = codes[index] if index < len(codes) else f"exhausted-pool-{index}"
                return (
                    json.dumps({"ticket_code": code}).encode(),
                    {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                )

            sample = run_python_load(port, "POST", path, connections, seconds, body)[0]
        self.checkin_2xx += sample.requests - sample.non_2xx
        if sample.requests > len(codes):
            self.result.notes.append(
                f"check-in run {self.checkin_runs}: {sample.requests} requests for "
                f"{len(codes)} tickets: raise BENCH_CHECKIN_MAX_RPS"
            )
        return sample

    def load_ballots(
        self, port: int, connections: int, seconds: int, *, think: bool = False
    ) -> Sample:
        pairs = self.take_pairs(seconds * BALLOT_MAX_RPS)
        chunk = self.workdir / f"ballots-{self.next_pair}.txt"
        chunk.write_text("\n".join(pairs) + "\n")
        threads = min(THREADS, connections)
        sample = run_wrk(
            port, "/", connections, seconds, self.ballot_think_lua if think else self.ballot_lua,
            [str(chunk), str(threads), self.ballots["csrf"]],
        )  # fmt: skip
        self.ballot_2xx += sample.requests - sample.non_2xx
        self.ballot_in_flight += connections
        if sample.requests > len(pairs):
            self.result.notes.append(
                f"ballot run: {sample.requests} requests for {len(pairs)} distinct ballots: "
                "raise BENCH_BALLOT_MAX_RPS"
            )
        return sample

    def count_ballots(self) -> dict[str, int]:
        env = django_env(self.database_url, self.workdir.parent, production=False)
        setup_file = str(self.workdir / "ballots.json")
        output = manage(["bench_ballots", "verify", "--setup", setup_file], env, self.log)
        counted: dict[str, int] = json.loads(output.strip().splitlines()[-1])
        return counted

    def verify_ballots(self, port: int) -> None:
        """G2 in the same run: stored ballots = 2xx answers, no duplicate (poll, voter), a
        repeat answers 409, one voter's ballot sent 8 times at once is stored once."""
        checks = self.result.checks
        counted = self.count_ballots()
        difference = counted["vote_records"] - self.ballot_2xx
        checks.append(
            (
                f"ballots, timed load: {counted['vote_records']} vote records and "
                f"{counted['ballots']} ballots for {self.ballot_2xx} 2xx answers (difference "
                f"{difference}; requests cut off in flight may add up to {self.ballot_in_flight})"
                f"; duplicate (poll, voter): {counted['duplicates']}",
                0 <= difference <= self.ballot_in_flight
                and counted["ballots"] == counted["vote_records"]
                and counted["duplicates"] == 0,
            )
        )
        pairs = self.take_pairs(VERIFY_BALLOTS)
        statuses: list[int] = []
        lock = threading.Lock()
        position = iter(pairs)

        def cast() -> None:
            while True:
                with lock:
                    pair = next(position, None)
                if pair is None:
                    return
                status = self.ballot_request(port, pair)
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=cast) for _ in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        after = self.count_ballots()
        ok = statuses.count(201)
        checks.append(
            (
                f"{len(pairs)} distinct ballots at {CONNECTIONS} connections: {ok} x 201, "
                f"{len(statuses) - ok} other; {after['vote_records'] - counted['vote_records']} "
                "new vote records",
                ok == len(pairs) == after["vote_records"] - counted["vote_records"],
            )
        )
        repeat = self.ballot_request(port, pairs[0])
        checks.append((f"a repeated ballot answers {repeat}", repeat == 409))
        same = self.take_pairs(1)[0]
        barrier = threading.Barrier(CHECKIN_CONNECTIONS)
        same_statuses: list[int] = []

        def cast_same() -> None:
            barrier.wait()
            status = self.ballot_request(port, same)
            with lock:
                same_statuses.append(status)

        threads = [threading.Thread(target=cast_same) for _ in range(CHECKIN_CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        final = self.count_ballots()
        checks.append(
            (
                f"one voter's ballot sent {CHECKIN_CONNECTIONS} times at once: "
                f"{sorted(same_statuses)}; duplicates in the end: {final['duplicates']}",
                same_statuses.count(201) == 1
                and same_statuses.count(409) == len(same_statuses) - 1
                and final["duplicates"] == 0,
            )
        )
        ballots = self.result.samples.get("ballot@32", [])
        bare = self.result.samples.get("vote_bare@32", [])
        if ballots and bare:
            ratio = statistics.median(b.p99_ms for b in ballots) / statistics.median(
                r.p99_ms for r in bare
            )
            checks.append((f"G1 p99: ballot / vote_bare = {ratio:.2f} (goal ≤ 2.5)", ratio <= 2.5))

    # --- correctness of the door, in the same run ---

    def verify_checkin(self, port: int) -> None:
        path, token = self.setup["urls"]["checkin"], self.setup["token"]
        checks = self.result.checks

        # 1. The timed load: every answered check-in is one checked-in row. wrk does not count
        # the requests in flight when its time is up, so rows may exceed 2xx by at most that.
        in_flight = CHECKIN_CONNECTIONS * self.checkin_runs if LOADER == "wrk" else 0
        counted = self.count_checked_in(self.handed_out)
        difference = counted["checked_in"] - self.checkin_2xx
        checks.append(
            (
                f"timed load: {counted['checked_in']} checked-in rows for {self.checkin_2xx} "
                f"2xx answers (difference {difference}; requests cut off in flight at the "
                f"end of a run may add up to {in_flight})",
                0 <= difference <= in_flight,
            )
        )

        # 2. An exact closed loop: distinct tickets, every answer counted.
        codes = self.take_codes(VERIFY_TICKETS)
        self.handed_out += codes
        statuses: list[int] = []
        lock = threading.Lock()
        position = iter(range(len(codes)))

        def scan() -> None:
            while True:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                status = checkin_request(port, token, path, codes[index])
                with lock:
                    statuses.append(status)

        threads = [threading.Thread(target=scan) for _ in range(CHECKIN_CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        ok = sum(1 for s in statuses if s == 201)
        exact = self.count_checked_in(codes)
        checks.append(
            (
                f"{len(codes)} distinct tickets at {CHECKIN_CONNECTIONS} connections: {ok} x 201, "
                f"{len(statuses) - ok} other; {exact['checked_in']} checked-in rows",
                ok == len(codes) == exact["checked_in"],
            )
        )

        # 3. A repeat answers 409; one ticket scanned by 8 phones at once: one check-in.
        repeat = checkin_request(port, token, path, codes[0])
        checks.append((f"a repeated check-in answers {repeat}", repeat == 409))
        same = self.take_codes(1)
        self.handed_out += same
        barrier = threading.Barrier(CHECKIN_CONNECTIONS)
        same_statuses: list[int] = []

        def scan_same() -> None:
            barrier.wait()
            status = checkin_request(port, token, path, same[0])
            with lock:
                same_statuses.append(status)

        threads = [threading.Thread(target=scan_same) for _ in range(CHECKIN_CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        checks.append(
            (
                f"one ticket scanned by {CHECKIN_CONNECTIONS} at once: {sorted(same_statuses)}",
                same_statuses.count(201) == 1
                and same_statuses.count(409) == len(same_statuses) - 1,
            )
        )
        unknown = checkin_request(port, token, path, "no-such-ticket-" + "0" * 10)
        checks.append((f"an unknown ticket answers {unknown}", unknown == 404))
        final = self.count_checked_in(self.handed_out)
        checks.append(
            (
                f"tickets checked in more than once (audit log): {final['checked_in_twice']}",
                final["checked_in_twice"] == 0,
            )
        )

    def verify_vote(self, port: int) -> None:
        path = self.setup["urls"]["vote_bare"]
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        first = request(port, "POST", path, b"voter=7&choice=yes", form)[0]
        second = request(port, "POST", path, b"voter=7&choice=no", form)[0]
        self.result.checks.append(
            (
                f"vote_bare: a first vote answers {first}, a repeat {second}",
                (first, second) == (201, 409),
            )
        )

    def count_checked_in(self, codes: list[str]) -> dict[str, int]:
        codes_file = self.workdir / "verify-codes.txt"
        codes_file.write_text("\n".join(codes) + "\n")
        env = django_env(self.database_url, self.workdir.parent, production=False)
        output = manage(["bench_verify", "--codes", str(codes_file)], env, self.log)
        counted: dict[str, int] = json.loads(output.strip().splitlines()[-1])
        return counted

    def database_version(self, port: int) -> str:
        env = django_env(self.database_url, self.workdir.parent, production=False)
        output = manage(
            ["shell", "-c", "from django.db import connection as c; c.ensure_connection(); "
             "print(c.vendor, c.Database.sqlite_version if c.vendor == 'sqlite' "
             "else c.pg_version)"],
            env,
            self.log,
        )  # fmt: skip
        return output.strip().splitlines()[-1]

    def run(self) -> DbResult:
        self.prepare()
        server_env = django_env(self.database_url, self.workdir.parent, production=True)
        with gunicorn(server_env, self.workdir) as port, nginx(port, self.workdir) as proxy:
            self.proxy_port = proxy
            self.result.version = self.database_version(port)
            targets = self.probe(port)
            self.measure(port, targets)
            if "vote_bare@8" not in self.result.skipped:
                self.verify_vote(port)
            if "checkin@8" not in self.result.skipped:
                self.verify_checkin(port)
            if "ballot@32" not in self.result.skipped:
                self.verify_ballots(port)
            if not GOALS or "G11" in GOALS:
                self.phone_journeys(port if proxy is None else proxy)
        return self.result

    def phone_journeys(self, port: int) -> None:
        """G11: the ballot on a throttled phone against the bare one-form page, interleaved, a
        different voter each time; the first pair warms up and is not counted."""
        sys.path.insert(0, str(ROOT))
        from bench import phone

        reason = phone.available()
        if reason:
            self.result.journey_error = f"skipped: {reason}"
            return
        if self.proxy_port is None:
            self.result.notes.append("G11 without nginx: the HTML went to the phone uncompressed")
        journey = self.ballots["journey"]
        # The reference: bench/urls.py's bench-ballot on the reference poll.
        bare = f"/bench/polls/{self.setup['poll_id']}/ballot"
        pages = {"ballot": journey["urls"]["nl"], "reference": bare}
        sessions = iter(journey["sessions"])
        base_url = f"http://{HOST}:{port}"
        try:
            phones = phone.Phones()
        except RuntimeError as error:
            self.result.journey_error = str(error)
            return
        try:
            for number in range(JOURNEYS + 1):
                for name in ("reference", "ballot") if number % 2 else ("ballot", "reference"):
                    session = next(sessions) if name == "ballot" else None
                    result = phones.journey(base_url, pages[name], session)
                    if number:
                        self.result.journeys.setdefault(name, []).append(result)
            say(f"{self.database}: G11, {JOURNEYS} phone journeys each")
            if SCREENSHOTS:
                folder = Path(SCREENSHOTS)
                folder.mkdir(parents=True, exist_ok=True)
                for language, path in journey["urls"].items():
                    shots = (
                        str(folder / f"{self.database}-ballot-{language}.png"),
                        str(folder / f"{self.database}-counted-{language}.png"),
                    )
                    phones.journey(base_url, path, next(sessions), screenshots=shots)
                say(f"{self.database}: G11 screenshots in {folder}")
        except RuntimeError as error:
            self.result.journey_error = str(error)
        finally:
            phones.close()


def wanted(target: Target) -> bool:
    return not GOALS or any(
        comparison.goal_id in GOALS and target.key in (comparison.target, comparison.reference)
        for comparison in COMPARISONS
    )


# --- databases ------------------------------------------------------------------------------------


def load_with_postgres() -> Any:
    spec = importlib.util.spec_from_file_location(
        "with_postgres", ROOT / "scripts" / "with_postgres.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    if kind != "postgres":
        raise RuntimeError(f"unknown database {kind!r} (sqlite or postgres)")
    existing = os.environ.get("DATABASE_URL", "")
    if existing.startswith("postgres"):
        raise RuntimeError("DATABASE_URL points at a PostgreSQL server: the bench wants its own")
    with_postgres = load_with_postgres()
    problems = []
    for name, cluster in with_postgres.clusters(os.environ.get("SOM_PG", "auto")):
        try:
            with cluster() as url:
                yield url
                return
        except with_postgres.StartError as error:
            problems.append(f"{name}: {error}")
    raise RuntimeError("no PostgreSQL available: " + "; ".join(problems))


# --- the report -----------------------------------------------------------------------------------


def fmt(value: float, digits: int = 2) -> str:
    return "n/a" if value != value else f"{value:.{digits}f}"


def table(result: DbResult) -> list[str]:
    lines = [
        "| goal | endpoint vs reference | median ratio | min-max ratio | p99 ms (max) "
        "| ref p99 ms (max) | req/s (ref req/s) | goal | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for comparison in COMPARISONS:
        skip = result.skipped.get(comparison.target) or result.skipped.get(comparison.reference)
        if skip:
            lines.append(
                f"| {comparison.goal_id} | {comparison.label} | — | — | — | — | — | "
                f"{goal_text(comparison)} | skipped: {skip} |"
            )
            continue
        targets = result.samples.get(comparison.target, [])
        references = result.samples.get(comparison.reference, [])
        if not targets or not references:
            continue
        ratios = [t.rps / r.rps for t, r in zip(targets, references, strict=True) if r.rps]
        if not ratios:
            # Every round of the reference failed (a machine so loaded that it answered nothing
            # in time): say so in the table instead of losing the whole report.
            lines.append(
                f"| {comparison.goal_id} | {comparison.label} | — | — | — | — | — | "
                f"{goal_text(comparison)} | no answer from the reference in any round |"
            )
            continue
        median = statistics.median(ratios)
        p99 = statistics.median(t.p99_ms for t in targets)
        p99_max = max(t.p99_ms for t in targets)
        ref_p99 = statistics.median(r.p99_ms for r in references)
        ref_p99_max = max(r.p99_ms for r in references)
        errors = sum(t.non_2xx + t.socket_errors for t in targets)
        passed = None
        if comparison.min_ratio is not None or comparison.max_p99_ratio is not None:
            passed = comparison.min_ratio is None or median >= comparison.min_ratio
            if comparison.max_p99_ms is not None:
                passed = passed and p99 <= comparison.max_p99_ms
            if comparison.max_p99_ratio is not None:
                passed = passed and p99 <= comparison.max_p99_ratio * ref_p99
            passed = passed and errors == 0
        verdict = "—" if passed is None else ("**pass**" if passed else "**FAIL**")
        if errors:
            verdict += f" ({errors} errors)"
        lines.append(
            f"| {comparison.goal_id} | {comparison.label} | {fmt(median)} | "
            f"{fmt(min(ratios))}-{fmt(max(ratios))} | {fmt(p99, 1)} ({fmt(p99_max, 1)}) | "
            f"{fmt(ref_p99, 1)} ({fmt(ref_p99_max, 1)}) | "
            f"{statistics.median(t.rps for t in targets):.0f} "
            f"({statistics.median(r.rps for r in references):.0f}) | "
            f"{goal_text(comparison)} | {verdict} |"
        )
    if result.journey_error or result.journeys:
        lines += journey_rows(result)
    return lines


def journey_rows(result: DbResult) -> list[str]:
    """G11's two rows: the journey's time as a ratio, and the bytes it received."""
    label = "phone journey, throttled, empty cache: ballot vs a bare one-form page"
    goal = f"≤ {JOURNEY_MAX_RATIO:g}×; ≤ {JOURNEY_MAX_BYTES / 1000:g} KB"
    ballots = result.journeys.get("ballot", [])
    references = result.journeys.get("reference", [])
    if result.journey_error or not ballots or not references:
        why = result.journey_error or "no journey"
        verdict = why if why.startswith("skipped") else f"**FAIL**: {why}"
        return [f"| G11 | {label} | — | — | — | — | — | {goal} | {verdict} |"]
    ratios = [b.total_ms / r.total_ms for b, r in zip(ballots, references, strict=True)]
    median = statistics.median(ratios)
    sizes = [b.received for b in ballots]
    size = statistics.median(sizes)

    def ms(journeys: list[Journey]) -> str:
        total = statistics.median(j.total_ms for j in journeys)
        show = statistics.median(j.show_ms for j in journeys)
        answer = statistics.median(j.answer_ms for j in journeys)
        return f"{total:.0f} ms ({show:.0f} + {answer:.0f})"

    verdict = "**pass**" if median <= JOURNEY_MAX_RATIO else "**FAIL**"
    size_verdict = "**pass**" if size <= JOURNEY_MAX_BYTES else "**FAIL**"
    reference_size = statistics.median(r.received for r in references)
    return [
        f"| G11 | {label}: time (show + answer) | {fmt(median)} | {fmt(min(ratios))}-"
        f"{fmt(max(ratios))} | {ms(ballots)} | {ms(references)} | — | "
        f"≤ {JOURNEY_MAX_RATIO:g}× | {verdict} |",
        f"| G11 | the same: bytes received (headers + compressed bodies) | {size / 1000:.1f} KB "
        f"| {min(sizes) / 1000:.1f}-{max(sizes) / 1000:.1f} KB | — | {reference_size / 1000:.1f} "
        f"KB | — | ≤ {JOURNEY_MAX_BYTES / 1000:g} KB | {size_verdict} |",
    ]


def journey_detail(result: DbResult) -> list[str]:
    """What one ballot journey downloaded (the median one by bytes), request by request."""
    ballots = sorted(result.journeys.get("ballot", []), key=lambda j: j.received)
    if not ballots:
        return []
    middle = ballots[len(ballots) // 2]
    parts = [
        f"/{url.split('//', 1)[-1].split('/', 1)[-1]} {answer}: {size:,} B"
        for url, answer, size in middle.requests
    ]
    return [f"- G11, what a ballot journey received ({middle.received:,} B): " + "; ".join(parts)]


def goal_text(comparison: Comparison) -> str:
    parts = []
    if comparison.min_ratio is not None:
        parts.append(f"≥ {comparison.min_ratio:g}×")
    if comparison.max_p99_ratio is not None:
        parts.append(f"p99 ≤ {comparison.max_p99_ratio:g}× ref p99")
    if parts and comparison.max_p99_ms is not None:
        parts.append(f"p99 ≤ {comparison.max_p99_ms:g} ms")
    return ", ".join(parts) or "—"


def report(results: list[DbResult], started: datetime.datetime, elapsed: float) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        f"# make bench, {started:%Y-%m-%d %H:%M}",
        "",
        f"- machine: {os.cpu_count()} cores; commit {commit or '?'} (plus the working tree)",
        f"- server: gunicorn, {WORKERS} sync workers, production settings, CONN_MAX_AGE 600, "
        f"127.0.0.1",
        f"- load: {LOADER}, {THREADS} threads, {CONNECTIONS} connections "
        f"({CHECKIN_CONNECTIONS} for the check-in and its reference); {ROUNDS} rounds x "
        f"{SECONDS} s per endpoint, interleaved round-robin",
        "- ratio = endpoint req/s / reference req/s in the same round; p99 = median of the "
        "rounds' p99 (worst round in brackets); pass needs the median ratio, the p99 goal "
        "and 0 errors",
        f"- took {elapsed / 60:.1f} min",
        "",
    ]
    for result in results:
        lines.append(f"## {result.database}" + (f" ({result.version})" if result.version else ""))
        lines.append("")
        if result.error:
            lines += [f"Not measured: {result.error}", ""]
            continue
        lines += table(result)
        lines.append("")
        for check, passed in result.checks:
            lines.append(f"- {'ok  ' if passed else 'FAIL'} {check}")
        lines += journey_detail(result)
        for note in result.notes:
            lines.append(f"- note: {note}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    started = datetime.datetime.now()
    clock = time.monotonic()
    if LOADER not in {"wrk", "python"}:
        say("BENCH_LOADER must be wrk or python")
        return 2
    if LOADER == "python":
        say("wrk not found: using the Python load generator (less load, same ratios method)")
    workdir = Path(tempfile.mkdtemp(prefix="som-bench-"))
    say(f"working in {workdir}")
    # A SIGTERM must still stop the servers and clusters (the finally clauses).
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    results = []
    try:
        env = django_env("sqlite://:memory:", workdir, production=True)
        manage(["collectstatic", "--no-input", "-v0"], env, workdir / "collectstatic.log")
        for kind in DBS:
            say(f"--- {kind} ---")
            try:
                with database(kind, workdir) as url:
                    results.append(Bench(kind, url, workdir).run())
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                say(f"{kind}: {error}")
                results.append(DbResult(kind, error=str(error)))
    finally:
        if KEEP:
            say(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    text = report(results, started, time.monotonic() - clock)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{started:%Y%m%d-%H%M%S}.md"
    path.write_text(text + "\n")
    print(text)
    say(f"written to {path.relative_to(ROOT)}")
    failed = any(r.error for r in results) or any(
        not passed for r in results for _check, passed in r.checks
    )
    # A journey that did not end on the counted page is a broken ballot, not a slow one.
    failed = failed or any(
        r.journey_error and not r.journey_error.startswith("skipped") for r in results
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
