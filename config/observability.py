"""Logs and error reports, configured from config/settings.py (docs/deploy.md, "Logs and errors").

Production writes one JSON line per request and one per task to standard error, which systemd
hands to journald. Elsewhere the same records are rendered for a person at a console, and the
request lines stay off, so `make demo` prints what runserver always printed.
"""

from importlib import metadata
from typing import Any

import structlog

# What every record carries before it is rendered, whether it came from structlog or from a
# library's plain logging call.
_COMMON: list[Any] = [
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(*, json: bool, level: str, request_lines: bool) -> dict[str, Any]:
    """Django's LOGGING: one handler on the root, rendered as JSON or for a person."""
    formatter: dict[str, Any] = {"()": structlog.stdlib.ProcessorFormatter}
    if json:
        formatter["foreign_pre_chain"] = _COMMON
        formatter["processors"] = [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ]
    else:
        # A library's plain record keeps its plain text, as before structlog.
        formatter["foreign_pre_chain"] = []
        formatter["processors"] = [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            ),
        ]
    loggers: dict[str, dict[str, str]] = {
        # WeasyPrint's font subsetting (fontTools) reports every table it drops, per PDF, and
        # WeasyPrint the steps of every PDF.
        "fontTools": {"level": "ERROR"},
        "weasyprint.progress": {"level": "WARNING"},
    }
    # Both named either way: dictConfig leaves the level of a logger it does not name as it was.
    if request_lines:
        # The request's line says its status, and a failure's traceback: Django's own
        # "Not Found: /x" and "Internal Server Error: /x" would be a second line for it.
        loggers["django.request"] = {"level": "CRITICAL"}
        loggers["django_structlog"] = {"level": "NOTSET"}
    else:
        # Off (development, the demo, tests): runserver prints its own line per request, and
        # django.request the failures, as they always did.
        loggers["django.request"] = {"level": "NOTSET"}
        loggers["django_structlog"] = {"level": "CRITICAL"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": formatter},
        # The handler's level too: Django's own loggers pass their INFO lines up to the root,
        # which printed each of them a second time (the autoreloader's, for one).
        "handlers": {
            "console": {"class": "logging.StreamHandler", "level": level, "formatter": "structured"}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": loggers,
    }


def configure_structlog() -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.filter_by_level,
            *_COMMON,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.UnicodeDecoder(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def init_sentry(*, dsn: str, environment: str, traces_sample_rate: float = 0.0) -> bool:
    """Report errors to Sentry (or GlitchTip) when a DSN is set; without one nothing is sent.

    No personal data: no user, address, cookies or request bodies, and no local variables in
    the stack frames (they hold names and addresses). The log line's request id is on the event
    as a tag (som/core/structured_logs.py), to find the request in journald.
    """
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"som-leuven@{metadata.version('som-leuven')}",
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
    )
    return True
