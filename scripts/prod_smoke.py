#!/usr/bin/env python3
"""`make prod-smoke`: the shipped deploy/ files, run on this machine, and a scripted day through them.

1. A throwaway PostgreSQL (scripts/with_postgres.py) and a mail server that keeps what it gets.
2. The environment of deploy/som.env.example with this run's values, in a file, as the units'
   EnvironmentFile; the units' processes get that environment and nothing of the caller's.
3. migrate and collectstatic (docs/deploy.md's steps), then the world the day needs
   (scripts/prod_smoke_world.py, through the services).
4. gunicorn and the task worker under the exact ExecStart= lines of deploy/systemd/som-web.service
   and som-worker.service, and nginx with deploy/nginx/som.conf; only the host's paths and ports
   are replaced (every replacement must match, so the files cannot drift from this script).
5. The day, through nginx over TLS (a certificate made for the run): http redirects to https, a
   static file is long-cached and compressed, a teacher signs in, registers for a network day,
   the team's door scanner checks her ticket in through the API (a `checkin` token), she casts
   a secret ballot, the worker mails the school's invoice with its PDF, the contact person
   fetches the invoice PDF, the board's secretary downloads a private document that nginx sends
   through X-Accel-Redirect (and the teacher is refused it, and /protected/ is not reachable).
6. Every timer's command (deploy/systemd/*.timer) once, as its service runs it.
7. The logs: no traceback, no error, no 5xx, nothing nginx calls critical.
8. Two app nodes (som-web.service twice, each with its own cache folder) behind the same nginx
   site, with one redis-server (CACHE_URL): a session, a registration, the page cache's
   invalidation and the login-code rate limit hold across both (docs/deploy.md, "More than one
   box"). SOM_SMOKE_WITHOUT_REDIS=1 leaves CACHE_URL out: then this part fails.

Everything started is stopped at the end, also after a failure or Ctrl-C (process groups).
SOM_SMOKE_KEEP=1 keeps the temporary directory (logs, configuration) for a look afterwards.
Exits 0 when the day went as it should. Standard library and the project's .venv only.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import hashlib
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "scripts"))

from with_postgres import StartError, clusters, free_port  # noqa: E402

HOST = "samenonderwijsmaken.be"
SERVER_ROOT = "/srv/som"  # the checkout in the shipped files
PYTHON = ROOT / ".venv" / "bin" / "python"
STARTED = time.monotonic()


class SmokeError(Exception):
    pass


def say(message: str) -> None:
    print(f"prod-smoke [{time.monotonic() - STARTED:5.1f}s] {message}", file=sys.stderr, flush=True)


def check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeError(message)
    say(f"ok: {message}")


# --- A mail server that keeps every message ---------------------------------------------------


class MailSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.messages: list[email.message.EmailMessage] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend without TLS or login."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 prod-smoke ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-prod-smoke")
                self.reply("250 8BITMIME")
            elif verb in {"HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                message = email.message_from_bytes(bytes(data), policy=email.policy.default)
                self.server.messages.append(message)  # type: ignore[attr-defined]
                self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not here")


# --- The shipped files, with this machine's paths and ports -----------------------------------


def replaced(text: str, replacements: list[tuple[str, str]], name: str) -> str:
    for old, new in replacements:
        if old not in text:
            raise SmokeError(f"{name} no longer contains {old!r}: update scripts/prod_smoke.py")
        text = text.replace(old, new)
    return text


def read_unit(name: str, replacements: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The [Service] settings of deploy/systemd/<name> (a key may repeat), after replacements."""
    text = replaced((DEPLOY / "systemd" / name).read_text(), replacements, name)
    settings: dict[str, list[str]] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section == "Service":
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def read_env_file(path: Path) -> dict[str, str]:
    found = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            found[key.strip()] = value.strip()
    return found


def unit_environment(unit: dict[str, list[str]]) -> dict[str, str]:
    """What systemd gives the unit's process: a bare PATH and LANG, Environment=, then
    EnvironmentFile= (which wins)."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for assignment in unit.get("Environment", []):
        for item in shlex.split(assignment):
            key, _, value = item.partition("=")
            env[key] = value
    for path in unit.get("EnvironmentFile", []):
        env.update(read_env_file(Path(path.lstrip("-"))))
    return env


class Processes:
    """Every long-running process this run started, each in its own process group."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, args: list[str], *, cwd: Path, env: dict[str, str]) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((name, process))
        say(f"started {name} (pid {process.pid}): {shlex.join(args)}")

    def check_alive(self) -> None:
        for name, process in self.running:
            if process.poll() is not None:
                tail = (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]
                raise SmokeError(f"{name} exited with {process.returncode}:\n{tail}")

    def stop_all(self) -> None:
        for _name, process in reversed(self.running):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for name, process in reversed(self.running):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} did not stop on SIGTERM: killing its process group")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            # Whatever the process left in its group (gunicorn's workers, nginx's).
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        self.running.clear()


# --- A visitor with cookies, through nginx --------------------------------------------------------


class Visitor:
    """Through nginx over TLS; with `node=True`, straight to one app node over plain http with
    the headers nginx adds (the cookies may be shared with another visitor: the same browser)."""

    def __init__(self, port: int, *, node: bool = False, cookies: dict[str, str] | None = None):
        self.port = port
        self.node = node
        self.cookies: dict[str, str] = {} if cookies is None else cookies
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, Any] | None = None,
        json_body: object = None,
        headers: dict[str, str] | None = None,
        csrf: bool = False,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection: http.client.HTTPConnection
        if self.node:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            headers = {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1", **(headers or {})}
        else:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, context=self.context, timeout=60
            )
        sent = {"Host": HOST, "User-Agent": "som-prod-smoke", **(headers or {})}
        body: bytes | None = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        if csrf or form is not None:
            sent["Referer"] = f"https://{HOST}{path}"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[key] = morsel.value
                else:
                    self.cookies.pop(key, None)
        return response.status, response.headers, content

    def sign_in(self, login_path: str, address: str, password: str) -> None:
        status, _headers, page = self.request("GET", login_path)
        check(status == 200, f"the sign-in page answers 200 ({address})")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SmokeError("no CSRF token on the sign-in page")
        status, headers, page = self.request(
            "POST",
            login_path,
            form={
                "csrfmiddlewaretoken": token.group(1).decode(),
                "login": address,
                "password": password,
            },
        )
        check(
            status == 302 and "sessionid" in self.cookies,
            f"{address} signs in through nginx (302 to {headers.get('Location')})",
        )


def wait_for(visitor: Visitor, processes: Processes, path: str, seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while True:
        processes.check_alive()
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _headers, _content = visitor.request("GET", path)
            if status == 200:
                return
        if time.monotonic() > deadline:
            raise SmokeError(f"{path} did not answer 200 through nginx within {seconds} s")
        time.sleep(0.3)


# --- The run ------------------------------------------------------------------------------------


def environment_file(work: Path, database_url: str, mail_port: int) -> Path:
    template = read_env_file(DEPLOY / "som.env.example")
    values = {
        "SECRET_KEY": base64.urlsafe_b64encode(os.urandom(48)).decode(),
        "MFA_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(48)).decode(),
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_USE_TLS": "false",
        # python-stdnum's example of a Belgian account (its bank: BBRUBEBB).
        "SOM_IBAN": "BE48 3200 7018 4927",
        "SOM_BIC": "BBRUBEBB",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "staticfiles"),
        "CACHE_DIR": str(work / "var" / "cache"),
        "SOM_BACKUP_DIR": str(work / "var" / "backups"),
        "WEB_CONCURRENCY": "2",
        "HOME": str(work / "home"),
    }
    unknown = set(values) - set(template) - {"HOME"}
    if unknown:
        raise SmokeError(f"deploy/som.env.example lacks {sorted(unknown)}")
    path = work / "etc" / "som" / "env"
    path.parent.mkdir(parents=True)
    merged = {**template, **values}
    path.write_text("".join(f"{key}={value}\n" for key, value in merged.items()))
    return path


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise SmokeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def certificate(work: Path) -> Path:
    folder = work / "letsencrypt" / "live" / HOST
    folder.mkdir(parents=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-keyout", str(folder / "privkey.pem"),
         "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SmokeError("nginx is not installed: apt-get install nginx-light")
    return found


def nginx_config(
    work: Path, files: Path, *, app_ports: list[int], http_port: int, https_port: int
) -> Path:
    """The shipped site in `work`, serving `files`' static and media folders, in front of one
    app node per port."""
    tls = certificate(work)
    (work / "www").mkdir()
    upstream = "\n    ".join(f"server 127.0.0.1:{port};" for port in app_ports)
    site = replaced(
        (DEPLOY / "nginx" / "som.conf").read_text(),
        [
            ("server 127.0.0.1:8000;", upstream),
            ("listen 80;", f"listen 127.0.0.1:{http_port};"),
            ("listen [::]:80;", ""),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
            ("listen [::]:443 ssl http2;", ""),
            (f"/etc/letsencrypt/live/{HOST}/", f"{tls}/"),
            ("/var/log/nginx/", f"{work / 'logs'}/"),
            ("/var/www/html", str(work / "www")),
            (f"{SERVER_ROOT}/staticfiles/", f"{files / 'staticfiles'}/"),
            (f"{SERVER_ROOT}/media/", f"{files / 'media'}/"),
        ],
        "deploy/nginx/som.conf",
    )
    (work / "nginx-site.conf").write_text(site)
    # What Debian's /etc/nginx/nginx.conf gives every site, with this run's paths.
    user = "user www-data;" if os.geteuid() == 0 and _has_user("www-data") else ""
    main = f"""
{user}
worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/logs/nginx-main.error.log warn;
events {{ worker_connections 256; }}
http {{
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  server_tokens off;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  gzip on;
  client_body_temp_path {work}/nginx-temp/body;
  proxy_temp_path {work}/nginx-temp/proxy;
  fastcgi_temp_path {work}/nginx-temp/fastcgi;
  uwsgi_temp_path {work}/nginx-temp/uwsgi;
  scgi_temp_path {work}/nginx-temp/scgi;
  include {work}/nginx-site.conf;
}}
"""
    (work / "nginx-temp").mkdir()
    path = work / "nginx.conf"
    path.write_text(main)
    return path


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def verify_units(work: Path, replacements: list[tuple[str, str]]) -> None:
    """systemd's own reading of the units (when systemd-analyze is here): a typo fails it."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        say("systemd-analyze is not installed: the units' syntax is not checked")
        return
    folder = work / "units"
    folder.mkdir()
    for unit in sorted((DEPLOY / "systemd").glob("som-*")):
        text = unit.read_text()
        for old, new in replacements:
            text = text.replace(old, new)
        (folder / unit.name).write_text(text.replace("User=som\n", "").replace("Group=som\n", ""))
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in folder.iterdir())],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "som-" in line
    ]
    check(
        not complaints,
        "systemd-analyze verify finds nothing in deploy/systemd/\n" + "\n".join(complaints),
    )


def day(
    world: dict[str, Any],
    https_port: int,
    http_port: int,
    sink: MailSink,
    processes: Processes,
    work: Path,
) -> None:
    urls = world["urls"]

    # Plain http only redirects.
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/evenementen/", headers={"Host": HOST})
    answer = connection.getresponse()
    connection.close()
    check(
        answer.status == 301 and answer.getheader("Location", "").startswith(f"https://{HOST}/"),
        "plain http is redirected to https",
    )

    anonymous = Visitor(https_port)
    status, headers, page = anonymous.request("GET", "/", headers={"Accept-Encoding": "gzip"})
    check(status == 200, "the home page answers 200 through nginx")
    check(headers.get("Content-Encoding") == "gzip", "HTML is compressed by nginx")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', _gunzip(page, headers))
    if stylesheet is None:
        raise SmokeError("no stylesheet on the home page")
    status, headers, _content = anonymous.request(
        "GET", stylesheet.group(1).decode(), headers={"Accept-Encoding": "gzip"}
    )
    check(
        status == 200
        and "immutable" in headers.get("Cache-Control", "")
        and headers.get("Content-Encoding") == "gzip",
        "a static file comes from nginx, compressed, cached for a year",
    )

    # A teacher signs in and registers for the network day.
    teacher = Visitor(https_port)
    teacher.sign_in(urls["login"], world["teacher"], world["password"])
    status, _headers, page = teacher.request("GET", urls["register"])
    check(status == 200, "the registration page answers 200")
    status, headers, _page = teacher.request("POST", urls["register"], form={})
    location = headers.get("Location", "")
    check(status == 302 and location, f"the teacher registers (302 to {location})")
    status, _headers, page = teacher.request("GET", location)
    code = re.search(rb'/ticket/([^/"]+)/"', page)
    check(status == 200 and code is not None, "her registration page shows her ticket")
    assert code is not None

    # The door's scanner checks her in through the API with a `checkin` token.
    door = Visitor(https_port)
    status, _headers, body = door.request(
        "POST",
        "/api/v1/checkins",
        json_body={"ticket_code": code.group(1).decode(), "event": world["event"]},
        headers={"Authorization": f"Bearer {world['checkin_token']}"},
    )
    check(status == 201, f"the team's token checks her ticket in (201: {body[:200]!r})")
    status, _headers, body = door.request(
        "POST",
        "/api/v1/checkins",
        json_body={"ticket_code": code.group(1).decode(), "event": world["event"]},
        headers={"Authorization": f"Bearer {world['checkin_token']}"},
    )
    check(status == 409, "a second scan of the same ticket answers 409")

    # She casts a secret ballot (her session, CSRF as a browser sends it).
    ballots = f"/api/v1/polls/{world['poll']}/ballots"
    status, _headers, body = teacher.request(
        "POST", ballots, json_body={"choices": [world["options"][0]]}, csrf=True
    )
    receipt = json.loads(body or b"{}").get("receipt") if status == 201 else None
    check(status == 201 and receipt, f"the teacher casts a secret ballot with a receipt ({status})")
    status, _headers, _body = teacher.request(
        "POST", ballots, json_body={"choices": [world["options"][1]]}, csrf=True
    )
    check(status == 409, "a second ballot is refused (409)")

    # The worker mailed the invoice with the PDF it made.
    deadline = time.monotonic() + 60
    attachment = None
    while attachment is None:
        processes.check_alive()
        for message in list(sink.messages):
            if world["invoice_email"] in str(message["To"]):
                for part in message.iter_attachments():
                    if part.get_content_type() == "application/pdf":
                        attachment = part.get_content()
        if attachment is None:
            if time.monotonic() > deadline:
                raise SmokeError("the worker did not mail the invoice within 60 s")
            time.sleep(0.5)
    check(attachment.startswith(b"%PDF-"), "the worker mailed the invoice with its PDF")
    check(
        any(world["teacher"] in str(m["To"]) for m in sink.messages),
        "the worker mailed the teacher about her registration",
    )

    contact = Visitor(https_port)
    contact.sign_in(urls["login"], world["contact"], world["password"])
    status, headers, content = contact.request("GET", urls["invoice_pdf"])
    check(
        status == 200
        and headers.get("Content-Type") == "application/pdf"
        and content.startswith(b"%PDF-"),
        "the school's contact person fetches the invoice PDF",
    )
    status, _headers, _content = teacher.request("GET", urls["invoice_pdf"])
    check(status == 404, "a teacher of the school does not see its invoice (404)")

    # A private document: checked by the app, sent by nginx.
    secretary = Visitor(https_port)
    secretary.sign_in(urls["login"], world["secretary"], world["password"])
    status, headers, content = secretary.request("GET", urls["document"])
    check(status == 200, "the board's secretary downloads the meeting document")
    check(
        hashlib.sha256(content).hexdigest() == world["document_sha256"]
        and len(content) == world["document_size"],
        "its bytes are the uploaded file's",
    )
    check("X-Accel-Redirect" not in headers, "nginx does not pass X-Accel-Redirect on")
    check(
        headers.get("Content-Type") == "application/pdf"
        and "begroting" in headers.get("Content-Disposition", "")
        and headers.get("X-Content-Type-Options") == "nosniff"
        and "no-store" in headers.get("Cache-Control", ""),
        "with the app's type, name and no-store, and nosniff "
        f"({dict((k, headers.get(k)) for k in ('Content-Type', 'Content-Disposition', 'Cache-Control'))})",
    )
    # nginx sent the bytes, not the app: nginx answers a range of a file (206), which Django's
    # FileResponse does not.
    status, headers, content = secretary.request(
        "GET", urls["document"], headers={"Range": "bytes=0-7"}
    )
    check(
        status == 206 and content == b"%PDF-1.4",
        f"nginx sent the file from disk: it answers a range (206, {headers.get('Content-Range')})",
    )
    status, _headers, _content = teacher.request("GET", urls["document"])
    check(status == 404, "the teacher is refused the board's document (404)")
    for path in (f"/protected/{world['document_name']}", f"/media/{world['document_name']}"):
        status, _headers, content = secretary.request("GET", path)
        check(status == 404, f"{path.split('/')[1]}/ is not reachable from outside (404)")


def _gunzip(content: bytes, headers: http.client.HTTPMessage) -> bytes:
    import gzip

    return gzip.decompress(content) if headers.get("Content-Encoding") == "gzip" else content


def timers(replacements: list[tuple[str, str]], work: Path) -> None:
    """Each timer's service once, all at the same time (they may overlap in production too)."""
    running = []
    for timer in sorted((DEPLOY / "systemd").glob("som-*.timer")):
        service = timer.with_suffix(".service").name
        unit = read_unit(service, replacements)
        check(unit.get("Type") == ["oneshot"], f"{service} is a oneshot")
        args = shlex.split(unit["ExecStart"][0])
        log = work / "logs" / f"{timer.stem}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                args,
                cwd=unit["WorkingDirectory"][0],
                env=unit_environment(unit),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        running.append((timer, args, log, process))
    for timer, args, log, process in running:
        returncode = process.wait(timeout=300)
        check(
            returncode == 0,
            f"{timer.name} runs {shlex.join(args[2:])} (exit {returncode})"
            + ("" if returncode == 0 else "\n" + log.read_text(errors="replace")),
        )


def logs_are_clean(work: Path) -> None:
    for log in sorted((work / "logs").glob("*.log")):
        text = log.read_text(errors="replace")
        check("Traceback" not in text, f"no traceback in {log.name}")
        # The app's structured log (config/observability.py): one JSON object a line.
        errors = [x for x in text.splitlines() if re.search(r'"level": "(error|critical)"', x)]
        check(not errors, f"no error logged in {log.name}\n" + "\n".join(errors[:5]))
        if log.name == "som.access.log":
            errors = [line for line in text.splitlines() if re.search(r'" 5\d\d ', line)]
            check(not errors, "nginx answered no 5xx\n" + "\n".join(errors))
        if "error.log" in log.name:
            bad = [x for x in text.splitlines() if re.search(r"\[(crit|alert|emerg)\]|upstream", x)]
            check(not bad, f"nothing critical in {log.name}\n" + "\n".join(bad))


def run(database_url: str, work: Path) -> None:
    (work / "logs").mkdir()
    for folder in ("media", "staticfiles", "var/cache", "var/backups", "home"):
        (work / folder).mkdir(parents=True)
    sink = MailSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env_file = environment_file(work, database_url, sink.port)
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    replacements = [
        (SERVER_ROOT, str(ROOT)),
        ("/etc/som/env", str(env_file)),
        ("127.0.0.1:8000", f"127.0.0.1:{app_port}"),
    ]
    verify_units(work, replacements)
    web = read_unit("som-web.service", replacements)
    worker = read_unit("som-worker.service", replacements[:2])
    env = unit_environment(web)

    say("migrate (docs/deploy.md)")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    say("collectstatic")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    say("check --deploy")
    manage(env, "check", "--deploy", "--fail-level", "WARNING")
    say("the world")
    result = subprocess.run(
        [str(PYTHON), str(ROOT / "scripts" / "prod_smoke_world.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SmokeError(f"scripts/prod_smoke_world.py failed:\n{result.stdout}{result.stderr}")
    world = json.loads(result.stdout.strip().splitlines()[-1])
    say("the world is made (through the services)")

    processes = Processes(work / "logs")
    try:
        processes.start(
            "som-web",
            shlex.split(web["ExecStart"][0]),
            cwd=Path(web["WorkingDirectory"][0]),
            env=env,
        )
        processes.start(
            "som-worker",
            shlex.split(worker["ExecStart"][0]),
            cwd=Path(worker["WorkingDirectory"][0]),
            env=unit_environment(worker),
        )
        start_nginx(processes, work, work, [app_port], http_port, https_port, env)
        day(world, https_port, http_port, sink, processes, work)
        processes.check_alive()
        timers(replacements[:2], work)
    finally:
        processes.stop_all()
    logs_are_clean(work)
    try:
        if shutil.which("redis-server") is None:
            raise SmokeError("redis-server is not installed: apt-get install redis-server")
        two_nodes(world, work, env_file, replacements[:2])
    finally:
        sink.shutdown()


def start_nginx(
    processes: Processes,
    work: Path,
    files: Path,
    app_ports: list[int],
    http_port: int,
    https_port: int,
    env: dict[str, str],
) -> None:
    conf = nginx_config(
        work, files, app_ports=app_ports, http_port=http_port, https_port=https_port
    )
    binary = nginx_binary()
    test = subprocess.run(
        [binary, "-t", "-p", str(work), "-c", str(conf)], capture_output=True, text=True
    )
    check(test.returncode == 0, f"nginx -t accepts deploy/nginx/som.conf {test.stderr[-500:]}")
    # The nodes first: nginx takes a node that refused a connection out for 10 s.
    for port in app_ports:
        wait_for(Visitor(port, node=True), processes, "/healthz")
    processes.start("nginx", [binary, "-p", str(work), "-c", str(conf)], cwd=work, env=env)
    wait_for(Visitor(https_port), processes, "/healthz")
    # nginx logged the refused connections (502) while gunicorn started; from now on, none.
    for log in ("som.error.log", "som.access.log"):
        (work / "logs" / log).write_text("")
    say(f"nginx on https://127.0.0.1:{https_port} in front of gunicorn on {app_ports}")


# --- Two app nodes, one Redis -------------------------------------------------------------------


def two_nodes(
    world: dict[str, Any], first: Path, env_file: Path, replacements: list[tuple[str, str]]
) -> None:
    """Section 3 of docs/deploy.md: two app nodes behind nginx, one PostgreSQL, one Redis
    (CACHE_URL) and the files on a shared volume (here: the first run's folders)."""
    say("two app nodes behind nginx, with one Redis")
    work = first / "two-nodes"
    (work / "logs").mkdir(parents=True)
    redis_port = free_port()
    shared_env = work / "env"
    # SOM_SMOKE_WITHOUT_REDIS=1 leaves CACHE_URL out, to see these checks fail without it.
    cache_url = f"CACHE_URL=redis://127.0.0.1:{redis_port}/0\n"
    if os.environ.get("SOM_SMOKE_WITHOUT_REDIS"):
        cache_url = ""
    shared_env.write_text(env_file.read_text() + cache_url)
    ports = [free_port(), free_port()]
    http_port, https_port = free_port(), free_port()
    processes = Processes(work / "logs")
    try:
        redis = shutil.which("redis-server") or "redis-server"
        processes.start(
            "redis",
            [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(work)],
            cwd=work, env={"PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        for number, port in enumerate(ports, start=1):
            # Each node is its own box: its own cache folder, which Redis must make unused. One
            # worker each, so that a page cached in a node's memory is the one asked again.
            node_env = work / f"env-{number}"
            node_env.write_text(
                shared_env.read_text()
                + f"CACHE_DIR={work / f'cache-{number}'}\nWEB_CONCURRENCY=1\n"
            )
            unit = read_unit(
                "som-web.service",
                [
                    (replacements[0][0], replacements[0][1]),
                    ("/etc/som/env", str(node_env)),
                    ("127.0.0.1:8000", f"127.0.0.1:{port}"),
                ],
            )
            processes.start(
                f"som-web-{number}",
                shlex.split(unit["ExecStart"][0]),
                cwd=Path(unit["WorkingDirectory"][0]),
                env=unit_environment(unit),
            )
        start_nginx(processes, work, first, ports, http_port, https_port, {"PATH": "/usr/bin"})
        across_nodes(world, https_port, ports)
        processes.check_alive()
    finally:
        processes.stop_all()
    logs_are_clean(work)


def across_nodes(world: dict[str, Any], https_port: int, ports: list[int]) -> None:
    urls = world["urls"]
    one, two = ports

    # Logged in through nginx, on whichever node: logged in on both.
    browser = Visitor(https_port)
    browser.sign_in(urls["login"], world["secretary"], world["password"])
    for port in ports:
        status, _headers, _page = Visitor(port, node=True, cookies=browser.cookies).request(
            "GET", urls["my_som"]
        )
        check(status == 200, f"the secretary's session works on the node on {port} ({status})")

    # The anonymous calendar, cached in each node's memory, shows the free places.
    def places(port: int) -> str:
        status, _headers, page = Visitor(port, node=True).request("GET", urls["calendar"])
        found = re.search(rb'badge--success">[^<]*?(\d+)', page)
        if status != 200 or found is None:
            raise SmokeError(f"no free places on the calendar of the node on {port} ({status})")
        return found.group(1).decode()

    before = [places(port) for port in ports]
    check(before[0] == before[1], f"both nodes show {before[0]} free places")

    # She registers on the first node; the second sees her registration...
    node_one = Visitor(one, node=True, cookies=browser.cookies)
    status, _headers, _page = node_one.request("GET", urls["register"])
    status, _headers, _page = node_one.request("POST", urls["register"], form={})
    check(status == 302, f"the secretary registers on the first node ({status})")
    status, _headers, page = Visitor(two, node=True, cookies=browser.cookies).request(
        "GET", urls["my_events"]
    )
    check(
        status == 200 and world["event_title"].encode() in page,
        "the second node lists her registration",
    )
    # ...and neither node's page cache keeps the old number.
    after = [places(port) for port in ports]
    check(
        after[0] == after[1] == str(int(before[0]) - 1),
        f"both nodes' cached calendars show {int(before[0]) - 1} free places now ({after})",
    )

    # The rate limit counts across the nodes: 3 login codes a minute for one address.
    answers = []
    for port in (one, two, one, two):
        visitor = Visitor(port, node=True)
        status, _headers, page = visitor.request("GET", urls["login_code"])
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SmokeError(f"no CSRF token on the login-code page ({status})")
        status, _headers, _page = visitor.request(
            "POST",
            urls["login_code"],
            form={"csrfmiddlewaretoken": token.group(1).decode(), "email": world["contact"]},
        )
        answers.append(status)
    check(
        # allauth answers the fourth with the form again and its message (no code is mailed).
        answers[:3] == [302, 302, 302] and answers[3] in (200, 429),
        f"the login-code limit (3 a minute) counts on both nodes together ({answers})",
    )


def main() -> int:
    if not PYTHON.exists():
        say(f"{PYTHON} is missing: make install first")
        return 2
    work = Path(tempfile.mkdtemp(prefix="som-prod-smoke-"))
    work.chmod(0o755)  # nginx's workers (www-data) read the static and media files below it
    succeeded = False
    # A SIGTERM (CI's timeout) still runs the clean-up below.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    try:
        for name, cluster in clusters(os.environ.get("SOM_PG", "auto")):
            try:
                with cluster() as database_url:
                    run(database_url, work)
                    say("the scripted day went through nginx as it should: all ok")
                    succeeded = True
                    return 0
            except StartError as error:
                say(f"could not start PostgreSQL from {name}: {error}")
        say("no PostgreSQL available")
        return 1
    except SmokeError as error:
        say(f"FAILED: {error}")
        say(f"logs and configuration in {work}")
        return 1
    finally:
        if os.environ.get("SOM_SMOKE_KEEP") or not succeeded:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
