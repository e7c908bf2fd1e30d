"""The little world `make prod-smoke`'s scripted day needs, made through the services (not the
demo loader: that takes minutes). Run by scripts/prod_smoke.py in the production environment it
starts; prints what the day needs to know as one JSON object on the last line.

    .venv/bin/python scripts/prod_smoke_world.py
"""

import datetime
import hashlib
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from som.accounts import api_tokens  # noqa: E402
from som.accounts.models import Person  # noqa: E402
from som.accounts.services import create_person  # noqa: E402
from som.events.models import Event  # noqa: E402
from som.finance import services as finance  # noqa: E402
from som.finance.models import Invoice  # noqa: E402
from som.governance import selectors as governance_selectors  # noqa: E402
from som.governance import services as governance  # noqa: E402
from som.governance.models import Mandate  # noqa: E402
from som.network.models import Affiliation, Organisation  # noqa: E402
from som.network.services import OrganisationData, add_staff_member, create_organisation  # noqa: E402
from som.voting import services as voting  # noqa: E402
from som.voting.models import Poll  # noqa: E402
from som.voting.services import OptionData  # noqa: E402

PASSWORD = "prod-smoke-Leuven-2026"
DOCUMENT = b"%PDF-1.4\n% SOM prod-smoke: a board document served by nginx\n" + b"x" * 4096


def person(email: str, name: str, *, is_staff: bool = False) -> Person:
    return create_person(
        email=email, full_name=name, password=PASSWORD, email_verified=True, is_staff=is_staff
    )


def main() -> None:
    now = timezone.now()
    with transaction.atomic():
        team = person("tine@samenonderwijsmaken.be", "Tine Team", is_staff=True)
        school = create_organisation(
            data=OrganisationData(
                name="Basisschool De Linde",
                kind=Organisation.Kind.SCHOOL,
                instellingsnummer="012345",
                network=Organisation.Network.GO,
                levels=["lager"],
            ),
            by=None,
        )
        teacher = person("lotte@delinde.be", "Lotte Leraar")
        contact = person("carla@delinde.be", "Carla Contact")
        for who, role in ((teacher, Affiliation.Role.STAFF), (contact, Affiliation.Role.CONTACT)):
            add_staff_member(
                organisation=school, email=who.email, full_name=who.full_name, role=role, by=team
            )
        secretary = person("bert@dering.be", "Bert Bestuur")
        board = governance_selectors.board()
        assert board is not None, "the board is seeded by governance's migrations"
        governance.appoint(
            body=board,
            person=secretary,
            role=Mandate.Role.SECRETARY,
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
            by=None,
        )

        # A network day whose doors are open: the teacher registers, the team checks her in.
        starts = now + datetime.timedelta(minutes=30)
        event = Event.objects.create(
            kind=Event.Kind.NETWORK_DAY,
            title="SOM-netwerkdag (prod-smoke)",
            slug="som-netwerkdag-prod-smoke",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=6),
            venue_name="Romaanse Poort",
            venue_address="Brusselsestraat 63, 3000 Leuven",
            capacity=100,
            audience=Event.Audience.EVERYBODY,
            price=Decimal("0"),
            is_published=True,
        )
        _token, checkin_secret = api_tokens.create_api_token(
            person=team, name="prod-smoke door", scopes=["checkin"], days=1
        )

        # An open secret poll on which the teacher votes.
        poll = voting.create_poll(
            title="Welk labo krijgt steun? (prod-smoke)",
            question="Welke labo's steun je?",
            method=Poll.Method.APPROVAL,
            secrecy=Poll.Secrecy.SECRET,
            max_choices=2,
            options=[OptionData(label) for label in ("Labo A", "Labo B", "Labo C")],
            by=None,
        )
        voting.add_voters(poll=poll, people=[teacher], weight=1, by=None)
        voting.open_poll(poll=poll, by=None)
        options = list(poll.options.values_list("pk", flat=True))

        # An invoice for the school, mailed with its PDF by the worker.
        invoice = finance.issue_invoice(
            purpose=Invoice.Purpose.OTHER,
            subject_id=None,
            holder=finance.Holder(name=school.name, email=contact.email, organisation=school),
            description="Lidgeld (prod-smoke)",
            amount=Decimal("100.00"),
            by=team,
        )
        finance.mail_invoice(invoice=invoice, language="nl")

        # A private file: a board meeting's document, for the secretary only.
        meeting = governance.schedule_meeting(
            body=board,
            title="Raad van bestuur (prod-smoke)",
            starts_at=now + datetime.timedelta(days=10),
            place="Stadhuis Leuven",
            by=secretary,
        )
        document = governance.add_document(
            meeting=meeting,
            title="Begroting",
            filename="begroting 2027.pdf",
            content_type="application/pdf",
            content=DOCUMENT,
            by=secretary,
        )

    with translation.override("nl"):
        urls = {
            "login": reverse("account_login"),
            "register": reverse("events:register", kwargs={"slug": event.slug}),
            "invoice_pdf": reverse("finance:invoice_pdf", kwargs={"number": invoice.number}),
            "document": reverse("governance:document", args=[document.pk]),
            "my_som": reverse("my_som:home"),
            "calendar": reverse("events:calendar"),
            "my_events": reverse("events:mine"),
            "login_code": reverse("account_request_login_code"),
        }
    print(
        json.dumps(
            {
                "password": PASSWORD,
                "teacher": teacher.email,
                "contact": contact.email,
                "secretary": secretary.email,
                "team": team.email,
                "checkin_token": checkin_secret,
                "event": event.pk,
                "event_title": event.title,
                "poll": poll.pk,
                "options": options,
                "invoice": invoice.number,
                "invoice_email": invoice.holder_email,
                "document_name": document.file.name,
                "document_size": len(DOCUMENT),
                "document_sha256": hashlib.sha256(DOCUMENT).hexdigest(),
                "urls": urls,
            }
        )
    )


if __name__ == "__main__":
    main()
