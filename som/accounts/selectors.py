"""Shared reads about people."""

from collections.abc import Sequence
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import QuerySet
from django.db.models.functions import Lower

from som.accounts.models import Person
from som.core import rows

# What a request needs of a person, read with plain SQL on the hot paths (the session's person,
# an API token's owner): any other field loads on first access. The password (hashed) is there
# for the session's integrity check, as in Django's own get_user.
PERSON_COLUMNS = ("id", "password", "email", "full_name", "is_staff", "is_superuser", "is_active",
                  "language")  # fmt: skip


def person_from_row(row: Sequence[Any]) -> Person:
    """A Person from the PERSON_COLUMNS of a row, booleans made booleans (SQLite says 0 or 1)."""
    values = dict(zip(PERSON_COLUMNS, row, strict=True))
    for flag in ("is_staff", "is_superuser", "is_active"):
        values[flag] = bool(values[flag])
    return rows.instance(Person, **values)


def verified_emails(person: Person) -> list[str]:
    """The person's verified addresses, in lower case (what an invitation is matched with)."""
    if not person.is_authenticated:
        return []
    addresses = EmailAddress.objects.filter(user=person, verified=True)
    return [email.lower() for email in addresses.values_list("email", flat=True)]


def verified_emails_query(person: Person) -> QuerySet[EmailAddress]:
    """`verified_emails` as a subquery (`email__in=...`), so a list filtered by it stays one
    query."""
    addresses: QuerySet[EmailAddress] = (
        EmailAddress.objects.filter(user_id=person.pk, verified=True)
        .annotate(lowered=Lower("email"))
        .values("lowered")
    )
    return addresses
