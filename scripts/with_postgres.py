#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster.

    python scripts/with_postgres.py -- .venv/bin/pytest som

Starts a fresh cluster in a temporary directory, creates the database `som`, runs the command
with DATABASE_URL pointing at it, then stops the cluster and deletes its directory (also after a
failure or Ctrl-C). Exits with the command's exit code.

Where the cluster comes from, in this order:

1. the machine's PostgreSQL binaries (`pg_config --bindir`, the newest /usr/lib/postgresql/*/bin,
   or `initdb` on PATH). initdb refuses to run as root, so as root the server runs as the
   `postgres` system user.
2. the `pgserver` pip package (in the test extras), which bundles its own binaries.

SOM_PG=system or SOM_PG=pgserver forces one of them. When DATABASE_URL already points at a
PostgreSQL server, the command simply runs against that.

Standard library only (plus pgserver when that path is used).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from urllib.parse import quote

DATABASE = "som"
SUPERUSER = "postgres"
# A throwaway cluster never needs to survive a crash: skip every fsync.
FAST_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]


class StartError(Exception):
    pass


def say(message: str) -> None:
    print(f"with_postgres: {message}", file=sys.stderr, flush=True)


# --- the machine's binaries -------------------------------------------------------------------


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))


def find_system_bindir() -> Path | None:
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            output = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout
            candidates.append(Path(output.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_runner(workdir: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """subprocess.run for the server tools: as `postgres` when we are root (initdb insists)."""
    as_user: dict[str, object] = {}
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError as error:
            raise StartError("running as root and there is no `postgres` user") from error
        os.chown(workdir, account.pw_uid, account.pw_gid)
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # type: ignore[call-overload,no-any-return]
            args, cwd=workdir, capture_output=True, text=True, check=False, **as_user, **kwargs
        )

    return run


@contextmanager
def system_cluster(bindir: Path) -> Iterator[str]:
    workdir = Path(tempfile.mkdtemp(prefix="som-pg-"))
    datadir = workdir / "data"
    log = workdir / "postgres.log"
    started = False
    try:
        run = _server_runner(workdir)
        result = run(
            [
                str(bindir / "initdb"),
                "--pgdata", str(datadir),
                "--username", SUPERUSER,
                "--auth", "trust",
                "--encoding", "UTF8",
                "--locale", "C.UTF-8",
                "--no-sync",
            ]
        )  # fmt: skip
        if result.returncode != 0:
            raise StartError(f"initdb failed:\n{result.stdout}{result.stderr}")
        for attempt in range(3):
            port = free_port()
            options = f"-h 127.0.0.1 -p {port} -k {workdir} " + " ".join(
                f"-c {setting}" for setting in FAST_SETTINGS
            )
            result = run(
                [str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(log), "-o", options,
                 "-w", "-t", "60", "start"]
            )  # fmt: skip
            if result.returncode == 0:
                started = True
                break
            if attempt == 2:
                log_text = log.read_text(errors="replace") if log.exists() else ""
                raise StartError(f"pg_ctl start failed:\n{result.stdout}{result.stderr}{log_text}")
        result = run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER,
             DATABASE]
        )  # fmt: skip
        if result.returncode != 0:
            raise StartError(f"createdb failed:\n{result.stdout}{result.stderr}")
        version = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        say(
            f"started {version} from {bindir}, socket in {workdir}, port {port} (also on 127.0.0.1)"
        )
        # Through the Unix socket, as on a one-box install: a round trip costs less than half of
        # one over TCP on loopback (about 0.13 against 0.29 ms on the 2-core machines).
        yield f"postgres://{SUPERUSER}@{quote(str(workdir), safe='')}:{port}/{DATABASE}"
    finally:
        if started:
            # The data is thrown away, so the fastest shutdown will do.
            run([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(workdir, ignore_errors=True)


# --- pgserver ---------------------------------------------------------------------------------


@contextmanager
def pgserver_cluster() -> Iterator[str]:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); /tmp is fine for us.
        warnings.simplefilter("ignore")
        try:
            import pgserver  # type: ignore[import-not-found,unused-ignore]
        except ImportError as error:
            raise StartError(
                "no PostgreSQL binaries on this machine and the `pgserver` package is not "
                'installed (pip install -e ".[test]")'
            ) from error
    workdir = Path(tempfile.mkdtemp(prefix="som-pgserver-"))
    server = None
    try:
        # As root, pgserver runs the server as its own `pgserver` system user and needs to reach
        # the data directory; mkdtemp makes it private to root.
        workdir.chmod(0o755)
        server = pgserver.get_server(workdir / "data", cleanup_mode="delete")
        server.psql(f"CREATE DATABASE {DATABASE};")
        # pgserver starts the server itself, so the speed settings go in through ALTER SYSTEM.
        settings = "".join(f"ALTER SYSTEM SET {setting};" for setting in FAST_SETTINGS)
        server.psql(settings + "SELECT pg_reload_conf();")
        socket_dir = server.get_postmaster_info().socket_dir
        version = server.psql("SHOW server_version;").split("\n")[2].strip()
        say(f"started PostgreSQL {version} from the pgserver package (socket in {socket_dir})")
        yield f"postgres://{SUPERUSER}@{quote(str(socket_dir), safe='')}/{DATABASE}"
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


# --- running the command ----------------------------------------------------------------------


def run_command(command: list[str], database_url: str) -> int:
    env = {**os.environ, "DATABASE_URL": database_url}
    try:
        process = subprocess.Popen(command, env=env)
    except OSError as error:
        say(f"cannot run {command[0]}: {error}")
        return 127

    def forward(signum: int, _frame: object) -> None:
        process.send_signal(signum)

    # Ctrl-C reaches the command directly (same process group); we wait for it to finish and
    # then clean up. SIGTERM and SIGHUP are sent to us only, so pass them on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    returncode = process.wait()
    return 128 - returncode if returncode < 0 else returncode


def clusters(choice: str) -> Iterator[tuple[str, Callable[[], AbstractContextManager[str]]]]:
    if choice in {"auto", "system"}:
        bindir = find_system_bindir()
        if bindir is not None:
            yield "the machine's binaries", lambda: system_cluster(bindir)
        elif choice == "system":
            raise StartError("SOM_PG=system but no PostgreSQL binaries found")
    if choice in {"auto", "pgserver"}:
        yield "pgserver", pgserver_cluster


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    existing = os.environ.get("DATABASE_URL", "")
    if existing.startswith("postgres"):
        say("DATABASE_URL already points at PostgreSQL; using it")
        return run_command(argv, existing)

    choice = os.environ.get("SOM_PG", "auto")
    if choice not in {"auto", "system", "pgserver"}:
        say(f"SOM_PG must be auto, system or pgserver, not {choice!r}")
        return 2
    # A SIGTERM while the cluster starts must still run the clean-up below.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    problems = []
    try:
        for name, cluster in clusters(choice):
            try:
                with cluster() as database_url:
                    return run_command(argv, database_url)
            except StartError as error:
                problems.append(f"{name}: {error}")
                say(f"could not start PostgreSQL from {name}")
    except StartError as error:
        problems.append(str(error))
    say("no PostgreSQL available.\n" + "\n".join(problems))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
