"""Why a person comes free or pays is kept as a code with its parameters (issue 21, section 3):
a registration written in Dutch reads in English for an English reader, and the data migration
reads the old sentences back in both languages."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from som.events import reasons, services
from som.events.models import Registration
from som.events.tests.factories import make_event
from som.membership.tests.factories import paid_membership

migration = importlib.import_module("som.events.migrations.0007_basis_code")


@pytest.mark.today("2026-06-15")  # the event falls in this membership year
def test_a_registration_written_in_dutch_reads_in_english(
    school, school_contact, team_member, this_year, general, teacher
):
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    starts = timezone.now() + datetime.timedelta(days=5)
    event = make_event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    with translation.override("nl"):
        services.register(event=event, person=teacher, by=school_contact)
    registration = Registration.objects.get(event=event, person=teacher)
    assert registration.basis_code == reasons.FREE
    assert registration.basis_params["entitled"] == "member_staff"
    with translation.override("en"):
        assert registration.basis_reason == f"You work for {school.name}, a member of SOM Leuven."
    with translation.override("nl"):
        assert registration.basis_reason == f"Je werkt voor {school.name}, een lid van SOM Leuven."


WHO = {"entitled": "member_staff", "name": "Sint-Jan", "kind": "network_day"}
OLD = [  # (code, params, basis, price, member price): what `entry.Terms` said before
    (reasons.TEAM, {}, "team", "25.00", None),
    (reasons.FREE_EVENT, {}, "free_event", "0.00", None),
    (reasons.NOT_ENTITLED, {}, "paying", "25.00", None),
    (reasons.FREE, {"entitled": "member_staff", "name": "Sint-Jan"}, "member_staff", "0", None),
    (reasons.FREE, {"entitled": "lab_member", "name": ""}, "lab_member", "0", None),
    (reasons.FREE, {"entitled": "invited_expert", "name": "Taal"}, "invited_expert", "0", None),
    (reasons.FREE, WHO, "member_staff", "25.00", None),
    (reasons.FREE, WHO | {"per_year": 2, "nth": 1, "year": 2027}, "member_staff", "25.00", None),
    (reasons.LIMIT_USED, WHO | {"per_year": 2, "year": 2027}, "paying", "25.00", None),
    (reasons.MEMBER_PRICE, WHO, "member_price", "25.00", "15.00"),
    (reasons.NO_MEMBER_PRICE, WHO, "paying", "25.00", None),
    (reasons.NOT_COVERED, WHO | {"kind": "community"}, "paying", "25.00", None),
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(("code", "params", "basis", "price", "member_price"), OLD)
def test_the_migration_reads_old_sentences_back(language, code, params, basis, price, member_price):
    price, member = Decimal(price), member_price and Decimal(member_price)
    amount = migration._amount(basis, price, member)
    with translation.override(language):
        old = reasons.sentence(code, params | {"price": str(price)}, amount)
        found_code, found = migration.read_back(
            old, basis=basis, price=price, member_price=member, kind=params.get("kind", "")
        )
        assert found_code == code
        assert reasons.sentence(found_code, found) == old
    for key, value in params.items():
        assert found[key] == value


def test_an_unreadable_sentence_gets_the_generic_code_and_shows_nothing():
    code, params = migration.read_back(
        "Iets wat niemand meer kent.", basis="paying", price=Decimal("25"), member_price=None
    )
    assert code == reasons.UNKNOWN
    assert reasons.sentence(code, params) == ""
    team, _ = migration.read_back("?", basis="team", price=Decimal("0"), member_price=None)
    assert team == reasons.TEAM
