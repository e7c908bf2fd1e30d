"""Sentry: initialised only when SENTRY_DSN is set, and then without personal data."""

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from unittest import mock

import pytest

from config.observability import init_sentry

ROOT = Path(__file__).resolve().parents[3]


def test_without_a_dsn_sentry_is_not_initialised():
    with mock.patch("sentry_sdk.init") as init:
        assert init_sentry(dsn="", environment="production") is False
    init.assert_not_called()


def test_with_a_dsn_sentry_gets_the_release_the_environment_and_no_personal_data():
    with mock.patch("sentry_sdk.init") as init:
        assert init_sentry(dsn="https://key@errors.example.invalid/1", environment="production")
    init.assert_called_once()
    options = init.call_args.kwargs
    assert options["dsn"] == "https://key@errors.example.invalid/1"
    assert options["environment"] == "production"
    assert options["release"] == f"som-leuven@{metadata.version('som-leuven')}"
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"


def _initialised_after_setup(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    environment.update(SOM_ENV="development", DJANGO_SETTINGS_MODULE="config.settings", **env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, sentry_sdk; django.setup(); print(sentry_sdk.is_initialized())",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "initialised"),
    [({}, "False"), ({"SENTRY_DSN": "https://key@errors.example.invalid/1"}, "True")],
)
def test_the_settings_start_sentry_only_with_sentry_dsn(env, initialised):
    assert _initialised_after_setup(**env) == initialised
