"""An erasure read the way somebody would look for what it left: every text column of every
table, the sessions and the cache files, searched for the person's name and addresses.

The person touched every app: lab co-author and member, representative of their school in the
general assembly (convened, gave a proxy), a board seat, a named vote, a claim, an event they
attended and one they are still registered for, a second address, the back office's history
and a logged-in session. They ask on the account page; the team confirms in the back office.
"""

import datetime
import json
import pickle
import zlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from som.accounts.models import ErasureRequest, Person
from som.accounts.services import decline_erasure, request_erasure, update_profile
from som.core.personal_data import kept_after_erasure
from som.events import services as events
from som.events.models import Registration
from som.events.services import certificates
from som.events.tests.factories import make_event
from som.governance import selectors as governance_selectors
from som.governance import services as governance
from som.governance.models import ConvocationRecipient, Mandate, MotionKind
from som.labs.models import CoAuthor, LabMember
from som.labs.services import invite_coauthor
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    members,
    network_day,
    proposal,
    running_lab,
    social_worker,
    submitted,
    welfare_org,
    written,
)
from som.membership import services as membership
from som.membership.models import Membership, RegisterEntry
from som.network.models import StaffInvitation
from som.network.services.claims import claim_organisation
from som.network.services.invitations import invite_staff_member
from som.network.tests.factories import make_organisation
from som.voting import services as voting
from som.voting.models import Poll
from som.voting.tests.test_engine import make_poll, option_ids

NAME = "Lars Labo"
FORMER_NAME = "Lars Peeters"
ADDRESSES = ("trekker@dering.be", "lars.labo@thuis.example")


@pytest.fixture
def file_cache(settings, tmp_path):
    """The cache as production keeps it: files on disk (sessions live there too)."""
    location = tmp_path / "cache"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(location),
        },
    }
    return location


def _in_days(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _touch_everything(
    person,
    *,
    lab,
    other_school,
    school,
    outsider,
    team_member,
    board_member,
    next_year,
    school_contact,
):
    lab_proposal, lead = lab.proposal, lab.proposal.created_by
    EmailAddress.objects.create(user=person, email=ADDRESSES[1], verified=True)
    # A name they had before (the audit log keeps the change).
    update_profile(person=person, full_name=FORMER_NAME, language="nl")
    update_profile(person=person, full_name=NAME, language="nl")
    # The representative of De Ring in the general assembly, so in the member register.
    de_ring = Membership.objects.get(organisation=other_school, year__year=timezone.now().year)
    membership.change_representative(membership=de_ring, representative=person, by=outsider)
    membership.renew_all(year=next_year, by=team_member)  # a meeting after New Year counts too
    # A board seat, a general assembly they are convened to, and a proxy they sign.
    board, assembly = governance_selectors.board(), governance_selectors.general_assembly()
    assert board is not None and assembly is not None  # seeded by governance's migrations
    today = timezone.localdate()
    governance.appoint(
        body=board,
        person=board_member,
        role=Mandate.Role.SECRETARY,
        starts_on=today - datetime.timedelta(days=30),
        by=None,
    )
    governance.appoint(
        body=board,
        person=person,
        role="member",
        starts_on=today - datetime.timedelta(days=365),
        by=None,
    )
    meeting = governance.schedule_meeting(
        body=assembly,
        title="Algemene vergadering",
        starts_at=_in_days(20),
        place="Stadhuis Leuven",
        by=board_member,
    )
    governance.add_agenda_item(
        meeting=meeting,
        title="Begroting",
        motion="De algemene vergadering keurt de begroting goed.",
        motion_kind=MotionKind.objects.get(code="budget"),
        by=board_member,
    )
    governance.send_convocation(meeting=meeting, by=board_member)
    governance.give_proxy(meeting=meeting, giver=other_school, holder=school, by=person)
    # A named vote.
    poll = make_poll(secrecy=Poll.Secrecy.NAMED, voters=[person])
    voting.cast_ballot(poll=poll, voter=person, choices=option_ids(poll)[:1])
    # A claim to act for another organisation.
    claim_organisation(
        person=person, organisation=make_organisation(name="VBS Sint-Jozef"), reason="Ik help"
    )
    # An event they attended, and one they are still registered for.
    past = make_event(title="SOM start")
    ticket = events.register(event=past, person=person).ticket_code
    events.check_in(event=past, ticket_code=ticket, by=team_member, now=past.starts_at)
    # Its attendance certificate, which copied their name (erasure empties it, keeps the proof).
    certificates.issue_certificate(
        registration=Registration.objects.get(person=person, event=past),
        by=person,
        now=past.starts_at,
    )
    events.register(event=make_event(title="Netwerkdag najaar"), person=person)
    # Open invitations to their second address: to a school's staff list, and as an expert.
    invite_staff_member(organisation=school, email=ADDRESSES[1], by=school_contact)
    invite_coauthor(proposal=lab_proposal, email=ADDRESSES[1], by=lead, is_expert=True)
    # An earlier request to be erased, declined, that named them.
    earlier = request_erasure(person=person, reason=f"Ik ben {NAME} ({ADDRESSES[0]})")
    decline_erasure(request=earlier, by=team_member, reason="Je vertegenwoordigt De Ring nog")
    # The back office's own history of a change to their account.
    LogEntry.objects.log_actions(
        user_id=team_member.pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message=f"Changed email to {ADDRESSES[0]}",
    )
    assert LabMember.objects.filter(lab=lab, person=person, ended_on__isnull=True).exists()
    assert CoAuthor.objects.filter(person=person).exists()
    assert ConvocationRecipient.objects.filter(person=person, email=ADDRESSES[0]).exists()
    assert StaffInvitation.objects.filter(email=ADDRESSES[1], accepted_at__isnull=True).exists()
    assert CoAuthor.objects.filter(email=ADDRESSES[1], person__isnull=True).exists()


def _text_columns(model: type[models.Model]) -> list[str]:
    kinds = (models.CharField, models.TextField, models.JSONField)
    return [field.attname for field in model._meta.concrete_fields if isinstance(field, kinds)]


def _rows_that_name_them() -> set[tuple[str, object]]:
    found = set()
    needles = [NAME.lower(), FORMER_NAME.lower(), *ADDRESSES]
    for model in apps.get_models():
        columns = _text_columns(model)
        if not columns:
            continue
        for row in model._default_manager.values_list("pk", *columns):
            text = json.dumps(row[1:], default=str, ensure_ascii=False).lower()
            if any(needle in text for needle in needles):
                found.add((model._meta.label, row[0]))
    return found


def _cache_files_that_name_them(location) -> list[str]:
    found = []
    for path in location.rglob("*.djcache"):
        with open(path, "rb") as stored:
            pickle.load(stored)  # the expiry
            value = zlib.decompress(stored.read()).decode("utf-8", "replace").lower()
        if any(needle in value for needle in [NAME.lower(), FORMER_NAME.lower(), *ADDRESSES]):
            found.append(path.name)
    return found


def test_an_erased_person_leaves_their_name_and_addresses_only_where_the_law_keeps_them(
    file_cache,
    running_lab,  # noqa: F811
    lab_lead,
    other_school,
    school,
    outsider,
    team_member,
    board_member,
    next_year,
    school_contact,
    client_of,
    django_capture_on_commit_callbacks,
):
    person = lab_lead  # Lars Labo of De Ring: a co-author of the proposal and member of its lab
    assert (person.full_name, person.email) == (NAME, ADDRESSES[0])
    _touch_everything(
        person,
        lab=running_lab,
        other_school=other_school,
        school=school,
        outsider=outsider,
        team_member=team_member,
        board_member=board_member,
        next_year=next_year,
        school_contact=school_contact,
    )
    browser = Client()
    browser.force_login(person)
    session_key = browser.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()
    assert cache.get(f"django.contrib.sessions.cached_db{session_key}") is not None
    # Somebody asks for a login code to their address: an anonymous session that holds it.
    stranger = Client()
    stranger.post(reverse("account_request_login_code"), {"email": ADDRESSES[0]})
    assert _cache_files_that_name_them(file_cache) and _rows_that_name_them()
    kept = kept_after_erasure(person)

    with django_capture_on_commit_callbacks(execute=True):
        asked = browser.post("/mijn-account/wissen/", {"reason": "", "confirm": "on"})
        assert asked.status_code == 302
        request = ErasureRequest.objects.get(person=person, status=ErasureRequest.Status.PENDING)
        team = client_of(team_member)
        confirmed = team.post(
            "/admin/accounts/erasurerequest/",
            {"action": "confirm", "_selected_action": [request.pk]},
        )
    assert confirmed.status_code == 302
    # The team's report names what keeps the name.
    report = team.get(confirmed["Location"]).content.decode()
    assert "in het ledenregister van de vzw" in report

    # What the law keeps is exactly what the erasure listed: the member register's entry.
    assert [record["record"] for record in kept] == ["member_register"]
    register_entries = set(
        RegisterEntry.objects.filter(details__representative=NAME).values_list("pk", flat=True)
    )
    assert register_entries
    assert _rows_that_name_them() == {("membership.RegisterEntry", pk) for pk in register_entries}
    # Sessions: the database's and the cache's.
    assert not Session.objects.filter(session_key=session_key).exists()
    assert cache.get(f"django.contrib.sessions.cached_db{session_key}") is None
    assert all(
        str(session.get_decoded().get("_auth_user_id")) != str(person.pk)
        for session in Session.objects.all()
    )
    assert _cache_files_that_name_them(file_cache) == []
    # Their roles ended; their history stays, nameless.
    erased = Person.objects.get(pk=person.pk)
    assert not erased.is_active and erased.erased_at is not None
    assert not LabMember.objects.filter(person=erased, ended_on__isnull=True).exists()
    assert LabMember.objects.filter(person=erased).exists()
    assert not Membership.objects.filter(representative=erased).exists()
    latest = RegisterEntry.objects.filter(organisation=other_school).latest("number")
    assert latest.kind == RegisterEntry.Kind.REPRESENTATIVE
    assert latest.details["representative"] == ""
    assert not Mandate.objects.filter(person=erased, ends_on__isnull=True).exists()
    coming = Registration.objects.get(person=erased, event__title="Netwerkdag najaar")
    assert coming.status == Registration.Status.CANCELLED
    attended = Registration.objects.get(person=erased, event__title="SOM start")
    assert attended.checked_in_at is not None
    assert browser.get("/mijn-account/").status_code == 302  # logged out


def test_the_export_lists_what_an_erasure_would_keep_and_why(
    client_of, school_contact, school, general, this_year, team_member
):
    from som.membership.tests.factories import paid_membership

    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    data = json.loads(client_of(school_contact).get("/mijn-account/mijn-gegevens.json").content)
    (kept,) = data["kept_after_erasure"]
    assert kept["record"] == "member_register"
    assert kept["reference"] == f"1 ({school.name})"
    assert "ledenregister" in kept["why"]
