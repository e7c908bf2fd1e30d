"""Test data built through the real services, so tests see what users would create."""

import itertools
from typing import Any

from som.accounts.models import Person
from som.accounts.services import create_person
from som.network.models import Affiliation, Organisation
from som.network.services import OrganisationData, add_staff_member, create_organisation

_numbers = itertools.count(1)


def make_person(**overrides: Any) -> Person:
    n = next(_numbers)
    fields: dict[str, Any] = {
        "email": f"person{n}@example.org",
        "full_name": f"Persoon {n}",
        "password": "correct-horse-battery-staple",
        "email_verified": True,
    }
    fields.update(overrides)
    return create_person(**fields)


def make_organisation(**overrides: Any) -> Organisation:
    n = next(_numbers)
    fields: dict[str, Any] = {
        "name": f"Testschool {n}",
        "kind": Organisation.Kind.SCHOOL,
        "instellingsnummer": f"9{n:05d}",
        "network": Organisation.Network.GO,
        "levels": ["lager"],
    }
    fields.update(overrides)
    return create_organisation(data=OrganisationData(**fields), by=None)


def affiliate(
    person: Person, organisation: Organisation, role: str = Affiliation.Role.STAFF
) -> Affiliation:
    team = Person.objects.filter(is_staff=True).first()  # or None: the system
    return add_staff_member(
        organisation=organisation,
        email=person.email,
        full_name=person.full_name,
        role=role,
        by=team,
    )
