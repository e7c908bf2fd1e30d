"""Several app nodes share one Redis (docs/deploy.md, "More than one box"): CACHE_URL moves the
shared cache (sessions, rate limits, the page cache's version) there; without it each box keeps
its own on disk. Settings are read once per process, so each case starts one."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHOW = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({k: v['BACKEND'] for k, v in settings.CACHES.items()} "
    "| {'location': settings.CACHES['default'].get('LOCATION')}))"
)


def caches(**env: str) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "SOM_ENV", "CACHE_DIR"}
    }
    environment.update(SOM_ENV="development", DJANGO_SETTINGS_MODULE="config.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_box_keeps_its_cache_on_disk(tmp_path):
    found = caches(CACHE_DIR=str(tmp_path))
    assert found["default"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert found["location"] == str(tmp_path)


def test_cache_url_puts_the_shared_cache_in_redis_and_keeps_pages_in_memory():
    found = caches(CACHE_URL="redis://10.0.0.5:6379/0")
    assert found["default"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://10.0.0.5:6379/0"
    assert found["pages"] == "django.core.cache.backends.locmem.LocMemCache"
