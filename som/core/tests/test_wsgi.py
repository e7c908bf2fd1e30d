import subprocess
import sys

from django.conf import settings


def test_the_worker_keeps_what_it_loaded_out_of_the_garbage_collectors_sight() -> None:
    """config.wsgi freezes what loading the site made (a fresh interpreter: importing it here
    would freeze the test run's objects)."""
    script = "import gc, config.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert int(result.stdout.strip()) > 10_000
