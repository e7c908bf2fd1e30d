"""The world of the labs-at-work tests: a proposal confirmed by the board becomes a lab led by
its starter (the teacher of De Linde), with two co-authors as members (the lab lead of De Ring
and a social worker with a personal lab membership). Test modules import these fixtures.
"""

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from som.labs.models import Proposal, SelectionDecision
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.labs.tests.test_proposals import (  # noqa: F401 (fixtures)
    _in_english,
    call,
    join,
    members,
    network_day,
    proposal,
    social_worker,
    submitted,
    welfare_org,
    write,
    written,
)

# The smallest files of each kind: what the type check reads is the first bytes.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf(name: str = "verslag.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def confirmed(submitted, board_member) -> Proposal:  # noqa: F811
    """The board's decision, recorded as confirmation.confirm_selection does (no vote needed)."""
    Proposal.objects.filter(pk=submitted.pk).update(status=Proposal.Status.CONFIRMED)
    decision = SelectionDecision.objects.create(call=submitted.call, decided_by=board_member)
    decision.selected.add(submitted)
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def running_lab(confirmed, team_member):
    return lab_services.create_lab_from_proposal(proposal=confirmed, by=team_member)


def lab_data(**changes):
    fields: dict[str, Any] = {
        "title": "Diverse leraarskamer",
        "summary": "Meer kleur voor de klas",
        "challenge": "Leerkrachten met diverse achtergronden vinden moeilijk hun weg.",
        "starts_on": datetime.date(2026, 9, 1),
        "planned_end_on": datetime.date(2027, 8, 31),
        "partners": "UCLL\nKU Leuven",
    }
    fields.update(changes)
    return lab_services.LabData(**fields)


def session_data(**changes):
    fields: dict[str, Any] = {
        "title": "Eerste labosessie",
        "starts_at": timezone.now() + datetime.timedelta(days=7),
        "place": "Romaanse Poort, Leuven",
        "agenda": "Kennismaking en startnota",
    }
    fields.update(changes)
    return work.SessionData(**fields)


def past(session):
    """Move a session into the past (as time would)."""
    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3)
    )
    session.refresh_from_db()
    return session


def reflection(**changes):
    fields: dict[str, Any] = {
        "title": "Sessie 1: kennismaking",
        "tried": "Een gedeeld kader rond de leaky pipeline.",
        "learnt": "Elke school ziet andere drempels.",
        "next_steps": "Een experiment kiezen.",
    }
    fields.update(changes)
    return work.ReflectionData(**fields)


def granted(lab, amount):
    from som.finance.models import Budget

    Budget.objects.filter(pk=lab.budget_id).update(granted=Decimal(amount))
    lab.budget.refresh_from_db()


__all__ = ["io"]
