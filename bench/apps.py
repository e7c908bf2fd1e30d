from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The reference app of the benchmark (bench/settings.py only, never in production)."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
