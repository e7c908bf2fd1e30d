"""Issue 21, codes not sentences: a proxy's standard wording is stored as a code with its values
and written in the reader's language; a text the member wrote stays as written; the data
migration reads the old sentences (Dutch or English) back."""

import importlib

import pytest
from django.apps import apps
from django.utils import formats, timezone, translation

from som.governance import services
from som.governance.models import Proxy

migration = importlib.import_module("som.governance.migrations.0005_proxy_wording")


def test_a_proxy_given_in_dutch_reads_in_english(convened, members):
    giver, holder = members[0], members[1]
    with translation.override("nl"):
        proxy = services.give_proxy(
            meeting=convened,
            giver=giver.organisation,
            holder=holder.organisation,
            by=giver.representative,
        )
    proxy.refresh_from_db()
    assert proxy.wording == Proxy.Wording.STANDARD
    assert proxy.own_text == ""
    day = timezone.localdate(convened.starts_at)
    with translation.override("en"):
        english = proxy.statement
    with translation.override("nl"):
        dutch = proxy.statement
    assert english.startswith("Lidschool 0 gives Lidschool 1 proxy to represent it")
    assert f"at Algemene vergadering 2026 of {day.day} " in english
    assert dutch.startswith("Lidschool 0 geeft Lidschool 1 volmacht")


def test_a_proxy_the_member_wrote_keeps_its_text(convened, members):
    proxy = services.give_proxy(
        meeting=convened,
        giver=members[0].organisation,
        holder=members[1].organisation,
        by=members[0].representative,
        statement="  Onze eigen volmacht.  ",
    )
    assert proxy.wording == Proxy.Wording.OWN
    with translation.override("en"):
        assert proxy.statement == "Onze eigen volmacht."


@pytest.mark.parametrize(
    "old",
    [
        "Lidschool 0 geeft Lidschool 1 volmacht om het te vertegenwoordigen en in zijn naam te "
        "stemmen op Algemene vergadering 2026 van 7 december 2026.",
        "Lidschool 0 gives Lidschool 1 proxy to represent it and vote for it at Algemene "
        "vergadering 2026 of 7 December 2026.",
    ],
)
def test_the_migration_reads_old_sentences_back(old):
    assert migration.read_back(old) == (
        "standard",
        {
            "giver": "Lidschool 0",
            "holder": "Lidschool 1",
            "meeting": "Algemene vergadering 2026",
            "date": "2026-12-07",
        },
    )


def test_a_sentence_the_migration_does_not_know_stays_the_members_own():
    assert migration.read_back("Wij geven volmacht aan Lidschool 1.") == ("own", {})


def test_the_migration_converts_existing_rows(convened, members):
    day = timezone.localdate(convened.starts_at)
    with translation.override("nl"):
        old = (
            "Lidschool 0 geeft Lidschool 1 volmacht om het te vertegenwoordigen en in zijn naam "
            f"te stemmen op Algemene vergadering 2026 van {formats.date_format(day, 'DATE_FORMAT')}."
        )
    standard = Proxy.objects.create(
        meeting=convened,
        giver=members[0].organisation,
        holder=members[1].organisation,
        given_by=members[0].representative,
        own_text=old,
        given_at=timezone.now(),
    )
    own = Proxy.objects.create(
        meeting=convened,
        giver=members[2].organisation,
        holder=members[3].organisation,
        given_by=members[2].representative,
        own_text="Wij geven volmacht.",
        given_at=timezone.now(),
    )
    migration.read_back_proxies(apps, None)
    standard.refresh_from_db()
    own.refresh_from_db()
    assert (standard.wording, standard.own_text) == (Proxy.Wording.STANDARD, "")
    assert standard.wording_values["date"] == day.isoformat()
    with translation.override("en"):
        assert standard.statement.startswith("Lidschool 0 gives Lidschool 1 proxy")
        assert (own.wording, own.statement) == (Proxy.Wording.OWN, "Wij geven volmacht.")
