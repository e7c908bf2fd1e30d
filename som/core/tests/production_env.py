"""A complete production environment, and a way to start the settings in it (config/production.py).

Settings are read once per process, so every start is a subprocess. Whatever the developer's
shell holds for these variables is dropped first: a test says everything it means.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

COMPLETE = {
    "SOM_ENV": "production",
    "SECRET_KEY": "Zq7-kW2_pX9" * 5,
    "MFA_ENCRYPTION_KEY": "mF4_rT8-yB1" * 5,
    "ALLOWED_HOSTS": "samenonderwijsmaken.be",
    "SITE_URL": "https://samenonderwijsmaken.be",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DEFAULT_FROM_EMAIL": "SOM Leuven <hallo@samenonderwijsmaken.be>",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    # python-stdnum's example of a Belgian account (its bank: BBRUBEBB), not the settings' default.
    "SOM_IBAN": "BE48 3200 7018 4927",
    "SOM_BIC": "BBRUBEBB",
}
# What else the settings read that would change a test's outcome when the shell sets it.
OTHERS = [
    "SECRET_KEY_FALLBACKS",
    "MFA_ENCRYPTION_KEY_FALLBACKS",
    "SERVER_EMAIL",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "DJANGO_SETTINGS_MODULE",
]


def environment(**env: str | None) -> dict[str, str]:
    """The shell's environment without any of the settings above, then `env` (None: unset)."""
    result = {k: v for k, v in os.environ.items() if k not in {*COMPLETE, *OTHERS}}
    result.update({k: v for k, v in env.items() if v is not None})
    return result


def start(*args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    """`python -c CODE` or `python manage.py ...` (args) in that environment."""
    command = [sys.executable, *(args if args[0] == "manage.py" else ["-c", *args])]
    return subprocess.run(
        command, cwd=ROOT, env=environment(**env), capture_output=True, text=True, timeout=120
    )


def start_production(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    """The complete production environment with `changes` (None: that variable unset)."""
    return start(*args, **{**COMPLETE, **changes})
