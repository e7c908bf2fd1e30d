"""The restore drill (issue 18): the demo is backed up with `manage.py backup`, restored with
`manage.py restore` into a new database and media folder, compared table by table (rows and a
checksum of their contents, sequences) and file by file, and the restored site serves a lab's
page and a result's photo from gunicorn, as production does."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from html import escape

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from som.core import backups
from som.core.tests.restoring import (
    DROPPED,
    ROOT,
    connect,
    empty_database,
    files_of,
    fingerprint,
    manage,
    needs_pg_tools,
)
from som.labs.models import Lab, ResultFile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return bytes(answer.read())


def _serve(port: int, **env: str) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in DROPPED}
    environment.update({"SOM_ENV": "test", **env})
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/healthz")
            return server
        except OSError:
            if server.poll() is not None:
                raise AssertionError(
                    server.stderr.read().decode() if server.stderr else ""
                ) from None
            time.sleep(0.3)
    server.kill()
    raise AssertionError("gunicorn did not answer within a minute")


def test_the_demo_comes_back_table_for_table_and_file_for_file(settings, tmp_path):
    needs_pg_tools()
    settings.SOM_ENV = "demo"
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SOM_BACKUP_DIR = tmp_path / "backups"
    call_command("load_demo", "--no-logins", stdout=io.StringIO())
    photo = ResultFile.objects.filter(result__published_at__isnull=False, is_photo=True).first()
    assert photo is not None, "the demo has a published result with a photo"
    lab = Lab.objects.order_by("title").first()
    assert lab is not None
    with translation.override("nl"):
        lab_page = reverse("labs:lab", kwargs={"slug": lab.slug})
        photo_url = reverse("labs:result_file", kwargs={"pk": photo.pk})

    out = io.StringIO()
    call_command("backup", stdout=out)
    folder = backups.latest(settings.SOM_BACKUP_DIR)
    assert str(folder) in out.getvalue()

    name = f"{connection.settings_dict['NAME']}_restored"
    restored_media = tmp_path / "restored-media"
    with empty_database(name) as url:
        result = manage("restore", str(folder), DATABASE_URL=url, MEDIA_ROOT=str(restored_media))
        assert result.returncode == 0, result.stderr
        assert f"Restored {folder}." in result.stdout

        with connection.cursor() as cursor:
            original = fingerprint(cursor)
        with connect(name) as restored, restored.cursor() as cursor:
            copy = fingerprint(cursor)
        assert len(original) > 100
        assert original["labs_lab"][0] == Lab.objects.count() > 0
        assert copy == original
        assert files_of(restored_media) == files_of(settings.MEDIA_ROOT)
        assert files_of(restored_media), "the demo's receipts and photos"

        port = _free_port()
        server = _serve(port, DATABASE_URL=url, MEDIA_ROOT=str(restored_media))
        try:
            page = _get(f"http://127.0.0.1:{port}{lab_page}").decode()
            image = _get(f"http://127.0.0.1:{port}{photo_url}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert escape(lab.title) in page
    assert image == photo.file.read()
