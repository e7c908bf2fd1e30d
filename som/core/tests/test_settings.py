import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MFA_KEY = "m" * 50  # production needs one too (som/accounts/tests/test_mfa_secrets.py)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SOM_ENV"}}
    environment["MFA_ENCRYPTION_KEY"] = MFA_KEY
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("import config.settings", SOM_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_turns_on_hsts_and_secure_cookies():
    code = (
        "import config.settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    result = _run(code, SOM_ENV="production", SECRET_KEY="x" * 50)
    assert result.stdout.split() == ["31536000", "True", "True", "False"]


def test_demo_data_can_never_be_loaded_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env={
            **os.environ,
            "SOM_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "MFA_ENCRYPTION_KEY": MFA_KEY,
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "never be loaded" in result.stderr
    assert not (tmp_path / "prod.sqlite3").exists() or "Person" not in result.stdout


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/healthz")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


WEAK_KEYS = [
    "x" * 49,
    "django-insecure-" + "k" * 50,
    "short",
]


@pytest.mark.parametrize("key", WEAK_KEYS)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    result = _run("import config.settings", SOM_ENV="production", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert key not in result.stderr  # the key itself never goes to a log


def test_production_refuses_a_weak_old_key_too():
    result = _run(
        "import config.settings",
        SOM_ENV="production",
        SECRET_KEY="y" * 50,
        SECRET_KEY_FALLBACKS="django-insecure-old",
    )
    assert result.returncode != 0
    assert "SECRET_KEY_FALLBACKS is too weak" in result.stderr


def test_production_starts_with_a_long_random_key():
    result = _run(
        "import config.settings as s; print(len(s.SECRET_KEY))",
        SOM_ENV="production",
        SECRET_KEY="Zq7" * 17,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "51"
