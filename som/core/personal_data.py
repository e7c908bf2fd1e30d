"""What each app knows about a person, for the GDPR export and erasure.

Apps higher up the dependency chain (network, membership, events, ...) know things about a person
that `accounts` cannot import. Each app registers an exporter (and, when it holds data that must go
on erasure, an eraser; when the law makes it keep a record, a keeper that lists it) in its
AppConfig.ready(); accounts asks them all.

An eraser runs while the person still has their name and addresses: it ends the roles the person
holds in its app (through the app's services) and clears what its tables copied (an address on
an invitation or a convocation). Core then rewrites what the whole platform copied in passing
(`erase_traces`): the audit log, the back office's history, the sessions, finished mail tasks.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from som.core import hooks

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]
# What the law makes the platform keep about the person after an erasure, one dict per record:
# {"record": what it is, "reference": which one, "why": the rule, in the reader's language}.
Keeper = Callable[[Any], list[dict[str, str]]]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_keepers: dict[str, Keeper] = {}
hooks.expect(
    "som.core.personal_data: exporters",
    lambda: _exporters,
    filled_by="the ready() of each app that holds personal data (som.network, som.events...)",
)
hooks.expect(
    "som.core.personal_data: erasers",
    lambda: _erasers,
    filled_by="the ready() of each app that holds personal data (som.network, som.events...)",
)


def register(
    section: str,
    *,
    exporter: Exporter,
    eraser: Eraser | None = None,
    keeps: Keeper | None = None,
) -> None:
    _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser
    if keeps is not None:
        _keepers[section] = keeps


def export_sections(person: Any) -> dict[str, Any]:
    return {section: exporter(person) for section, exporter in sorted(_exporters.items())}


def erase_everywhere(person: Any) -> None:
    for _section, eraser in sorted(_erasers.items()):
        eraser(person)


def kept_after_erasure(person: Any) -> list[dict[str, str]]:
    """The records the law makes us keep with the person's name, for the export and the
    erasure's report (docs/decisions.md, "What erasure keeps")."""
    return [record for _section, keeper in sorted(_keepers.items()) for record in keeper(person)]


def describe_kept(record: dict[str, str]) -> str:
    """A kept record and the rule that keeps it, in the reader's language (rendered when read:
    a mail in the person's language, the export in the reader's)."""
    sentences = {
        "invoice": _("Invoice %(reference)s: the buyer's name stays for 7 years (accounting law)."),
        "payment": _(
            "The bank payment of %(reference)s: the payer's name stays for 7 years (accounting law)."
        ),
        "member_register": _(
            "Entry %(reference)s of the member register of the association (Belgian WVV)."
        ),
        "minutes": _("The minutes of %(reference)s, kept as they were approved (Belgian WVV)."),
        "election": _("The result of the election %(reference)s (Belgian WVV)."),
    }
    sentence = sentences.get(record.get("record", ""))
    return sentence % {"reference": record.get("reference", "")} if sentence else ""


# --- The person's addresses and what replaces them ------------------------------------------------


def erased_email(person: Any) -> str:
    """The address an erased person's rows get where an address is required."""
    return f"erased-{person.pk}@erased.invalid"


def addresses_of(person: Any) -> set[str]:
    """Every address the platform knows for the person, in lower case."""
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user_id=person.pk).values_list("email", flat=True)
    return {address.lower() for address in [person.email, *emails] if address}


@dataclass(frozen=True)
class Traces:
    """The person's name and addresses as other rows may have copied them, and what replaces
    them there: their pseudonym and their erased address."""

    names: tuple[str, ...]
    addresses: tuple[str, ...]
    pseudonym: str
    pseudonym_email: str

    @classmethod
    def of(cls, person: Any, *, pseudonym: str) -> "Traces":
        """The current name and every earlier one the audit log saw the person change."""
        found = {person.full_name.strip(), *_former_names(person)}
        # A name of one or two letters would rewrite every word that holds them.
        names = tuple(sorted(name for name in found if len(name) >= 3))
        return cls(
            names=names,
            addresses=tuple(sorted(addresses_of(person))),
            pseudonym=pseudonym,
            pseudonym_email=erased_email(person),
        )

    def _pattern(self) -> re.Pattern[str] | None:
        needles = sorted([*self.addresses, *self.names], key=len, reverse=True)
        if not needles:
            return None
        return re.compile("|".join(re.escape(needle) for needle in needles), re.IGNORECASE)

    def _replacement(self, match: re.Match[str]) -> str:
        return self.pseudonym_email if "@" in match.group(0) else self.pseudonym

    def scrub(self, value: Any) -> Any:
        """`value` (text, or JSON: lists, dicts) with the name and addresses replaced."""
        pattern = self._pattern()
        if pattern is None:
            return value
        if isinstance(value, str):
            return pattern.sub(self._replacement, value)
        if isinstance(value, list):
            return [self.scrub(item) for item in value]
        if isinstance(value, dict):
            return {self.scrub(key): self.scrub(item) for key, item in value.items()}
        return value

    def needles(self) -> set[str]:
        """What to look for in the database: each name and address, also as JSON escapes it
        (SQLite keeps JSON with non-ASCII letters as \\u escapes)."""
        plain = {*self.names, *self.addresses}
        return plain | {json.dumps(needle)[1:-1] for needle in plain}

    def matching(self, *fields: str) -> Q:
        """Rows where one of `fields` holds a name or an address (JSON fields: cast to text)."""
        condition = Q(pk__in=[])
        for field in fields:
            for needle in self.needles():
                condition |= Q(**{f"{field}__icontains": needle})
        return condition


def _former_names(person: Any) -> set[str]:
    from som.core.models import AuditEntry

    changes = AuditEntry.objects.filter(
        object_type=person._meta.label_lower,
        object_id=str(person.pk),
        changes__has_key="full_name",
    ).values_list("changes", flat=True)
    return {
        str(name).strip()
        for change in changes
        if isinstance(change.get("full_name"), list)
        for name in change["full_name"]
        if name
    }


# --- What core rewrites after the apps' erasers ---------------------------------------------------


def erase_traces(person: Any, traces: Traces) -> None:
    """Rewrite the copies of the person's name and addresses that the platform as a whole
    keeps (the audit log, the back office's history, finished mail tasks) and end their
    sessions. Runs after the apps' erasers, inside the erasure's transaction."""
    _rewrite_audit(person, traces)
    _rewrite_admin_log(person, traces)
    _forget_finished_tasks(traces)
    end_sessions(person, traces)
    from som.core import page_cache

    page_cache.invalidate()  # public pages that showed the name (a lab's members)


def _rewrite(rows: Iterable[Any], traces: Traces, fields: tuple[str, ...]) -> None:
    for row in rows:
        for field in fields:
            setattr(row, field, traces.scrub(getattr(row, field)))
        row.save(update_fields=list(fields))


def _rewrite_audit(person: Any, traces: Traces) -> None:
    from som.core.models import AuditEntry

    about_them = Q(object_type=person._meta.label_lower, object_id=str(person.pk))
    entries = AuditEntry.objects.annotate(changes_text=Cast("changes", TextField())).filter(
        about_them | traces.matching("object_repr", "changes_text")
    )
    for entry in entries:
        if entry.object_type == person._meta.label_lower and entry.object_id == str(person.pk):
            entry.object_repr = traces.pseudonym
        entry.object_repr = traces.scrub(entry.object_repr)[:200]
        entry.changes = traces.scrub(entry.changes)
        entry.save(update_fields=["object_repr", "changes"])


def _rewrite_admin_log(person: Any, traces: Traces) -> None:
    from django.contrib.admin.models import LogEntry

    entries = LogEntry.objects.filter(traces.matching("object_repr", "change_message"))
    _rewrite(entries, traces, ("object_repr", "change_message"))


def _forget_finished_tasks(traces: Traces) -> None:
    """django-tasks-db keeps a finished task's arguments (a mail's address and greeting)."""
    from django.apps import apps

    try:
        results = apps.get_model("django_tasks_database", "DBTaskResult")
    except LookupError:
        return
    finished = results.objects.exclude(status__in=["READY", "RUNNING"])
    finished.annotate(
        arguments=Cast("args_kwargs", TextField()), result=Cast("return_value", TextField())
    ).filter(traces.matching("arguments", "result")).delete()


def end_sessions(person: Any, traces: Traces | None = None) -> int:
    """Delete every session of the person (logged in as them, or holding their name or address,
    such as a login by code under way), from the database and the cache of `cached_db`."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.iterator():
        data = session.get_decoded()
        text = json.dumps(data, default=str).lower()
        theirs = str(data.get("_auth_user_id")) == str(person.pk) or (
            traces is not None and any(needle.lower() in text for needle in traces.needles())
        )
        if theirs:
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
