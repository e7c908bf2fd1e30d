"""Settings for `make bench` only: the project's settings plus the reference app and its URLs.

Never used in production: the reference endpoints exist to be measured against.
"""

import os
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

# The production-shaped server needs collected static files (manifest storage); the driver
# collects them into its temporary directory rather than into the project's staticfiles/.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
