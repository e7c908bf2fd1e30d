import pytest

from som.core.tests.production_env import COMPLETE, start, start_production


def test_production_refuses_to_start_without_a_secret_key():
    result = start_production("import config.settings", SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_turns_on_hsts_and_secure_cookies():
    code = (
        "import config.settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    result = start_production(code)
    assert result.stdout.split() == ["31536000", "True", "True", "False"], result.stderr


def test_demo_data_can_never_be_loaded_in_production(tmp_path):
    result = start_production(
        "manage.py", "load_demo", DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}"
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
    "ab" * 30,  # long, but two characters
    "django-insecure-" + "k" * 50,
    "short",
]


@pytest.mark.parametrize("key", WEAK_KEYS)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    result = start_production("import config.settings", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert key not in result.stderr  # the key itself never goes to a log


def test_production_refuses_a_weak_old_key_too():
    result = start_production("import config.settings", SECRET_KEY_FALLBACKS="django-insecure-old")
    assert result.returncode != 0
    assert "SECRET_KEY_FALLBACKS is too weak" in result.stderr


def test_production_starts_with_a_long_random_key():
    result = start_production("import config.settings as s; print(len(s.SECRET_KEY))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "55"


# --- Production fails closed (issue 18, section 1): config/production.py -----------------------

# (variable, its value or None for unset, what the refusal says)
INCOMPLETE = [
    ("SECRET_KEY", None, "SECRET_KEY must be set"),
    ("MFA_ENCRYPTION_KEY", None, "MFA_ENCRYPTION_KEY must be set"),
    ("DEBUG", "1", "DEBUG is on"),
    ("ALLOWED_HOSTS", None, "ALLOWED_HOSTS must be set"),
    ("ALLOWED_HOSTS", "*", "not '*'"),
    ("SITE_URL", None, "SITE_URL must be the site's public https address"),
    ("SITE_URL", "http://samenonderwijsmaken.be", "SITE_URL must be"),
    ("SITE_URL", "https://localhost:8000", "SITE_URL must be"),
    ("SITE_URL", "https://127.0.0.1", "SITE_URL must be"),
    ("SITE_URL", "https://som.example.org", "SITE_URL must be"),
    ("SITE_URL", "https://www.samenonderwijsmaken.be", "is not in ALLOWED_HOSTS"),
    ("EMAIL_BACKEND", None, "EMAIL_BACKEND sends no mail"),
    ("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend", "EMAIL_BACKEND"),
    ("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend", "EMAIL_BACKEND"),
    ("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend", "EMAIL_BACKEND"),
    ("EMAIL_BACKEND", "som.demo.mailbox.EmailBackend", "EMAIL_BACKEND"),
    ("DEFAULT_FROM_EMAIL", None, "DEFAULT_FROM_EMAIL must be set"),
    ("DEFAULT_FROM_EMAIL", "SOM <som@example.org>", "DEFAULT_FROM_EMAIL must be a real"),
    ("DEFAULT_FROM_EMAIL", "webmaster@localhost", "DEFAULT_FROM_EMAIL must be a real"),
    ("SERVER_EMAIL", "root@localhost", "SERVER_EMAIL must be a real"),
    ("TASKS_BACKEND", None, "TASKS_BACKEND is ImmediateBackend"),
    ("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend", "TASKS_BACKEND is DummyBackend"),
    ("SOM_IBAN", None, "SOM_IBAN must be set"),
    ("SOM_IBAN", "BE71 0961 2345 6769", "SOM_IBAN is the example account"),
    ("SOM_IBAN", "BE48 3200 7018 4928", "SOM_IBAN is not a valid IBAN"),
    ("SOM_BIC", None, "SOM_BIC must be set"),
    ("SOM_BIC", "BBRU", "SOM_BIC BBRU is not a valid BIC"),
    ("SOM_BIC", "GKCCBEBB", "not the BIC of SOM_IBAN's bank (BBRUBEBB)"),
]


@pytest.mark.parametrize(("name", "value", "says"), INCOMPLETE)
def test_production_refuses_to_start_with_a_setting_missing_or_a_default(name, value, says):
    result = start_production("import config.settings", **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SOM_ENV=production cannot start" in result.stderr
    listed = [line for line in result.stderr.splitlines() if line.startswith("- ")]
    assert len(listed) == 1, listed  # that one, and the rest of the environment is complete
    assert says in listed[0]


def test_production_lists_every_missing_setting_at_once():
    result = start("import config.settings", SOM_ENV="production")
    assert result.returncode != 0
    listed = "\n".join(line for line in result.stderr.splitlines() if line.startswith("- "))
    for name in COMPLETE.keys() - {"SOM_ENV"}:
        assert name in listed, name


def test_a_complete_production_environment_starts_and_passes_the_deploy_checks(tmp_path):
    result = start_production(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("som_env", ["development", "demo", "test"])
def test_other_environments_start_with_no_settings_at_all(som_env, tmp_path):
    result = start(
        "manage.py", "check", SOM_ENV=som_env, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
