import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, their models, settings and URL patterns) lives as long
# as the worker: out of the garbage collector's sight with it. Otherwise every full collection
# walks those ~130 000 objects again and stops the worker for 60-100 ms, now and then, in the
# middle of a network-day vote (it was the p99 of PERFORMANCE.md G4). The collector still
# collects what requests create. (Python's documentation recommends the same before a fork.)
gc.freeze()
