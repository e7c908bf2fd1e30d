"""Every mail template on disk renders in Dutch and in English with the context its mail gets
(issue 21). test_mail_templates.py checks the mails the services name; this one starts from the
files: every `<name>_subject.txt` / `<name>_body.txt` pair in the project's template folders has
a row in MAILS, a template without a row fails, and a row without a template too.

A variable the context lacks renders as the engine's `string_if_invalid`, set here to a marker
the test looks for, so a missing entry fails loudly instead of leaving a blank in a sentence.
(Django ignores a missing variable in `{% if %}` and `{% for %}`: the contexts set every
condition so that the branches and loop bodies render, some with a second variant.)
"""

import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace as Row
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import engines
from django.template.backends.django import DjangoTemplates

from som.core.mail import render_mail

MISSING = "<<missing: %s>>"
LEUVEN = ZoneInfo("Europe/Brussels")
WHEN = datetime.datetime(2027, 3, 18, 9, 30, tzinfo=LEUVEN)
LATER = WHEN + datetime.timedelta(hours=6)
URL = "https://som.example/nl/link/"
NAME = "Lotte Leraar"
EMAIL = "leraar@delinde.be"
SCHOOL = "Basisschool De Linde"
EVENT = "SOM-netwerkdag maart"
CALL = "Oproep labo's 2027"
PROPOSAL = "Buiten leren rekenen"
LAB = "Labo Buiten Leren"
WHEN_TEXT = "donderdag 18 maart 2027, 19:30"

# events/mail/_details.txt, included in the mails that carry the event's details.
EVENT_DETAILS: dict[str, Any] = {
    "starts_at": WHEN,
    "ends_at": LATER,
    "venue": "Romaanse Poort, Brusselsestraat 63, Leuven",
    "online_url": URL,
    "programme": [
        Row(starts_at=WHEN, ends_at=LATER, title="Onthaal", room="Aula", speakers="Eva Expert")
    ],
}
AGENDA = [
    Row(position=1, title="Goedkeuring van de rekeningen", kind="besluit", motion="Goedgekeurd.")
]
INVOICE = Row(
    number="2027-0012",
    description="Lidmaatschap 2027",
    holder_name=SCHOOL,
    amount=Decimal("120.00"),
    due_on=datetime.date(2027, 4, 17),
)

# Template name (without _subject.txt/_body.txt) -> its context, or a list of contexts when
# the template has branches a single context cannot reach.
MAILS: dict[str, dict[str, Any] | list[dict[str, Any]]] = {
    # accounts
    "accounts/mail/erasure_confirmed": {
        "name": NAME,
        "kept": [{"record": "invoice", "reference": "2027-0012"}],
    },
    "accounts/mail/erasure_declined": {"name": NAME, "reason": "Er loopt nog een factuur."},
    "accounts/mail/erasure_requested": {"name": NAME},
    "accounts/mail/erasure_requested_team": {
        "person": NAME,
        "person_id": 12,
        "reason": "Ik verander van school.",
    },
    # events
    "events/mail/cancelled": [
        {
            **EVENT_DETAILS,
            "name": NAME,
            "event": EVENT,
            "event_url": URL,
            "cancelled_by": "Carla Contact",
            "cancel_reason": reason,
        }
        for reason in ("contact", "team")
    ],
    "events/mail/missed_you": {
        "name": NAME,
        "event": EVENT,
        "starts_at": WHEN,
        "event_url": URL,
        "materials_url": URL,
        "own_text": "We misten je!",
        "next_events": [Row(starts_at=LATER, title="Studiedag", url=URL)],
        "calendar_url": URL,
    },
    "events/mail/offer": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "offer_until": LATER,
        "place_url": URL,
        "release_url": URL,
    },
    "events/mail/offer_expired": {"name": NAME, "event": EVENT, "rejoin_url": URL},
    "events/mail/partner_item_accepted": {
        "name": NAME,
        "title": "Open klasdag",
        "when": WHEN_TEXT,
        "event_url": URL,
        "items_url": URL,
    },
    "events/mail/partner_item_declined": {
        "name": NAME,
        "title": "Open klasdag",
        "when": WHEN_TEXT,
        "reason": "Te weinig plaats.",
        "items_url": URL,
    },
    "events/mail/partner_item_team": {
        "organisation": SCHOOL,
        "title": "Open klasdag",
        "when": WHEN_TEXT,
        "place": "Leuven",
        "link": URL,
        "by": NAME,
        "by_email": EMAIL,
        "review_url": URL,
    },
    "events/mail/promoted": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "basis_reason": "Je komt als personeel van een lid.",
        "ticket_url": URL,
        "cancel_url": URL,
    },
    "events/mail/reconfirm_request": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "deadline": LATER,
        "place_url": URL,
        "release_url": URL,
    },
    "events/mail/reconfirm_warning": {
        "name": NAME,
        "event": EVENT,
        "deadline": LATER,
        "place_url": URL,
        "release_url": URL,
    },
    "events/mail/registered": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "registered_by": "Carla Contact",
        "registered_by_email": "contact@delinde.be",
        "basis_reason": "Je komt als personeel van een lid.",
        "ticket_url": URL,
        "cancel_url": URL,
    },
    "events/mail/released": {"name": NAME, "event": EVENT, "rejoin_url": URL},
    "events/mail/reminder": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "ticket_url": URL,
        "cancel_url": URL,
    },
    "events/mail/thank_you": {
        "name": NAME,
        "event": EVENT,
        "starts_at": WHEN,
        "event_url": URL,
        "materials_url": URL,
        "own_text": "Bedankt!",
    },
    "events/mail/waiting": {
        **EVENT_DETAILS,
        "name": NAME,
        "event": EVENT,
        "registered_by": "Carla Contact",
        "registered_by_email": "contact@delinde.be",
        "cancel_url": URL,
    },
    # finance
    "finance/mail/invoice": {
        "invoice": INVOICE,
        "iban": "BE68 5390 0754 7034",
        "structured_reference": "+++090/9337/55493+++",
    },
    "finance/mail/invoice_reminder": {
        "invoice": INVOICE,
        "iban": "BE68 5390 0754 7034",
        "structured_reference": "+++090/9337/55493+++",
    },
    # governance
    "governance/mail/agenda_addition": {
        "title": "Algemene vergadering",
        "when": WHEN_TEXT,
        "item": "Begroting 2028",
        "agenda": AGENDA,
        "url": URL,
    },
    "governance/mail/convocation": [
        {
            "role": "lid",
            "kind": "gewone",
            "body": "algemene vergadering",
            "title": "Algemene vergadering",
            "when": WHEN_TEXT,
            "place": "Romaanse Poort",
            "online_url": URL,
            "second_meeting": second,
            "agenda": AGENDA,
            "url": URL,
        }
        for second in (False, True)
    ],
    "governance/mail/meeting_moved": {
        "role": "lid",
        "body": "algemene vergadering",
        "title": "Algemene vergadering",
        "when": WHEN_TEXT,
        "previous": "donderdag 11 maart 2027, 19:30",
        "place": "Romaanse Poort",
        "online_url": URL,
        "agenda": AGENDA,
        "url": URL,
    },
    "governance/mail/minutes_published": {
        "title": "Algemene vergadering",
        "when": WHEN_TEXT,
        "url": URL,
        "pdf_url": URL,
    },
    "governance/mail/proxy_given": {
        "giver": NAME,
        "holder": "Bert Bestuur",
        "title": "Algemene vergadering",
        "when": WHEN_TEXT,
        "statement": "Ik geef volmacht aan Bert Bestuur.",
        "url": URL,
    },
    # labs (templates/labs/mail)
    "labs/mail/invitation": {
        "inviter": NAME,
        "email": EMAIL,
        "is_expert": True,
        "proposal": PROPOSAL,
        "call": CALL,
        "url": URL,
    },
    "labs/mail/not_eligible": {
        "proposal": PROPOSAL,
        "call": CALL,
        "reason": "Geen lid dit jaar.",
    },
    "labs/mail/submitted": {"proposal": PROPOSAL, "call": CALL, "by": NAME},
    # labs (som/labs/templates/labs/mail)
    "labs/mail/contact_lab": {
        "lab": LAB,
        "name": NAME,
        "email": EMAIL,
        "message": "Mogen we eens langskomen?",
    },
    "labs/mail/entitlement_lapsed": [
        {"person": NAME, "lab": LAB, "is_lead": True, "reason_code": "no_membership", "url": URL},
        {"person": NAME, "lab": LAB, "is_lead": False, "reason_code": "anonymous", "url": URL},
    ],
    "labs/mail/expense_rejected": {
        "lab": LAB,
        "expense": "Treinticketten",
        "amount": "€ 42,00",
        "reason": "Geen bonnetje.",
        "url": URL,
    },
    "labs/mail/lab_invitation": {"inviter": NAME, "lab": LAB, "is_expert": True, "url": URL},
    "labs/mail/not_selected": {
        "proposal": PROPOSAL,
        "call": CALL,
        "explanation": ["1. Buiten leren rekenen: 42 stemmen"],
        "result_url": URL,
        "calls_url": URL,
    },
    "labs/mail/selected": {
        "proposal": PROPOSAL,
        "call": CALL,
        "explanation": ["1. Buiten leren rekenen: 42 stemmen"],
        "result_url": URL,
        "lab_url": URL,
    },
    "labs/mail/session_cancelled": {
        "lab": LAB,
        "session": "Derde sessie",
        "when": WHEN_TEXT,
        "reason": "De trekker is ziek.",
        "url": URL,
    },
    "labs/mail/session_planned": {
        "lab": LAB,
        "session": "Derde sessie",
        "when": WHEN_TEXT,
        "place": "Romaanse Poort",
        "online_url": URL,
        "agenda": "Voorstelling van de resultaten",
        "url": URL,
    },
    # membership
    "membership/mail/application_declined": {
        "name": NAME,
        "holder": SCHOOL,
        "year": 2027,
        "reason": "Geen school in Leuven.",
    },
    "membership/mail/application_received": {
        "name": NAME,
        "holder": SCHOOL,
        "year": 2027,
        "tariff": "verminderd",
        "amount": Decimal("60.00"),
    },
    "membership/mail/application_team": {
        "applicant": NAME,
        "holder": SCHOOL,
        "year": 2027,
        "membership_type": "gewoon lid",
        "tariff": "verminderd",
        "amount": Decimal("60.00"),
        "justification": "Kleine school.",
    },
    "membership/mail/membership_active": {"name": NAME, "holder": SCHOOL, "year": 2027},
    "membership/mail/membership_lapsed": {"name": NAME, "holder": SCHOOL, "year": 2027},
    # network
    "network/mail/claim_declined": {
        "name": NAME,
        "organisation": SCHOOL,
        "decline_reason": "Je werkt er niet.",
    },
    "network/mail/claim_granted": [
        {"name": NAME, "organisation": SCHOOL, "basis": basis, "apply_url": URL}
        for basis in ("email_domain", "handover", "team")
    ],
    "network/mail/claim_granted_contact": [
        {
            "name": "Carla Contact",
            "organisation": SCHOOL,
            "person": NAME,
            "email": EMAIL,
            "basis": basis,
            "claim_url": URL,
        }
        for basis in ("email_domain", "team")
    ],
    "network/mail/claim_received": {"name": NAME, "organisation": SCHOOL, "apply_url": URL},
    "network/mail/claim_team": {
        "person": NAME,
        "email": EMAIL,
        "organisation": SCHOOL,
        "added_organisation": True,
        "city": "Leuven",
        "instellingsnummer": "012345",
        "job_title": "directeur",
        "reason": "Ik ben de nieuwe directeur.",
        "queue_url": URL,
    },
    "network/mail/claim_waits_contact": {
        "name": "Carla Contact",
        "person": NAME,
        "email": EMAIL,
        "organisation": SCHOOL,
        "job_title": "directeur",
        "reason": "Ik ben de nieuwe directeur.",
        "claim_url": URL,
    },
    "network/mail/consent_revoked_team": [
        {
            "revoked_by_name": NAME,
            "number": "T-2027-004",
            "subject_name": NAME,
            "note": "Ze verhuist.",
            "usages": usages,
            "consent_url": URL,
        }
        for usages in ([Row(kind="Foto", title="Buiten leren", url=URL)], [])
    ],
    "network/mail/staff_added": [
        {
            "name": NAME,
            "organisation": SCHOOL,
            "by": "Carla Contact",
            "invited": invited,
            "login_url": URL,
            "code_button": "Stuur me een aanmeldcode",
            "reset_link": URL,
        }
        for invited in (True, False)
    ],
    "network/mail/staff_invitation": {
        "organisation": SCHOOL,
        "by": "Carla Contact",
        "email": EMAIL,
        "url": URL,
        "valid_until": "1 april 2027",
    },
    # publishing
    "publishing/mail/contact_team": {
        "name": NAME,
        "email": EMAIL,
        "subject": "Een vraag",
        "message": "Hoe word ik lid?",
    },
    "publishing/mail/portrait_approval": {
        "person_name": NAME,
        "role": "leerkracht",
        "organisation": SCHOOL,
        "has_photo": True,
        "answers": [Row(question="Wat doe je?", answer="Ik geef les.")],
        "by": "Tine Team",
        "url": URL,
        "valid_until": "1 april 2027",
    },
    "publishing/mail/portrait_approved_team": {
        "person_name": NAME,
        "title": "Lotte leert buiten",
        "admin_url": URL,
    },
    "publishing/mail/portrait_changes_team": {
        "person_name": NAME,
        "title": "Lotte leert buiten",
        "message": "Mijn school heet anders.",
        "admin_url": URL,
    },
    "publishing/mail/portrait_message": {
        "person_name": NAME,
        "name": "Eva Expert",
        "email": "expert@kuleuven.example",
        "message": "Mooi verhaal!",
        "page_url": URL,
    },
    "publishing/mail/portrait_withdrawn_team": {
        "person_name": NAME,
        "title": "Lotte leert buiten",
        "admin_url": URL,
    },
    "publishing/mail/story_review": [
        {"title": "Buiten leren", "writer": NAME, "lab": LAB, "new": new, "url": URL}
        for new in (True, False)
    ],
}


def mail_templates_on_disk() -> dict[str, set[str]]:
    """{name: the suffixes found} for the project's own template folders (not the packages')."""
    root = Path(settings.BASE_DIR).resolve()
    found: dict[str, set[str]] = {}
    for name_of_folder in engines["django"].template_dirs:
        folder = Path(name_of_folder).resolve()
        if not folder.is_relative_to(root) or ".venv" in folder.parts:
            continue
        for suffix in ("_subject.txt", "_body.txt"):
            for path in folder.rglob(f"*{suffix}"):
                name = str(path.relative_to(folder).as_posix()).removesuffix(suffix)
                found.setdefault(name, set()).add(suffix)
    return found


ON_DISK = mail_templates_on_disk()


def test_every_mail_template_on_disk_has_a_row_and_every_row_a_template():
    assert len(ON_DISK) >= 50
    assert sorted(set(ON_DISK) - set(MAILS)) == []  # a new mail: add its context to MAILS
    assert sorted(set(MAILS) - set(ON_DISK)) == []  # a mail that is gone: remove its row


def test_every_mail_template_comes_as_a_subject_and_a_body():
    assert {name: s for name, s in ON_DISK.items() if len(s) != 2} == {}


def _contexts(name: str) -> list[dict[str, Any]]:
    contexts = MAILS[name]
    return contexts if isinstance(contexts, list) else [contexts]


@pytest.fixture
def missing_variables_show(monkeypatch):
    """A variable the context lacks renders as MISSING with its name."""
    engine = cast(DjangoTemplates, engines["django"]).engine
    monkeypatch.setattr(engine, "string_if_invalid", MISSING)


@pytest.mark.parametrize("name", sorted(MAILS))
def test_every_mail_renders_in_dutch_and_english_with_its_context(name, missing_variables_show):
    for context in _contexts(name):
        rendered = {language: render_mail(name, context, language) for language in ("nl", "en")}
        for language, (subject, body) in rendered.items():
            assert "<<missing" not in subject + body, (language, subject + body)
            assert subject.strip(), language
            assert body.strip(), language
        assert rendered["nl"] != rendered["en"], "the mail is not translated"


def test_a_missing_context_entry_is_caught(missing_variables_show):
    context = dict(_contexts("events/mail/released")[0])
    del context["rejoin_url"]
    _subject, body = render_mail("events/mail/released", context, "en")
    assert "<<missing: rejoin_url>>" in body
