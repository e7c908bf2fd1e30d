"""Writing a proposal together, submitting it, screening and pitch slots: the services.

The fixtures here (a call, three entitled co-authors from different organisations, a proposal
they wrote) are imported by test_views.py too.
"""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from som.accounts.models import Person
from som.core.invitations import TooManyInvitations
from som.core.models import AuditEntry
from som.events.models import ProgrammeItem
from som.events.tests.factories import make_event
from som.labs import selectors, services
from som.labs.models import Call, CoAuthor, Proposal
from som.labs.services import BudgetLineData, ProposalData, ProposalError
from som.membership.tests.factories import paid_membership
from som.network.models import Affiliation, Organisation, Speerpunt
from som.network.tests.factories import affiliate, make_organisation, make_person


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English, whatever the translators make of them."""
    with translation.override("en"):
        yield


@pytest.fixture
def network_day(db):
    return make_event(title="SOM-netwerkdag voorjaar")


@pytest.fixture
def pitch_slot(network_day):
    return ProgrammeItem.objects.create(
        event=network_day,
        kind=ProgrammeItem.Kind.PITCH,
        title="Pitches van labovoorstellen",
        starts_at=network_day.starts_at + datetime.timedelta(hours=1),
        ends_at=network_day.starts_at + datetime.timedelta(hours=2),
    )


@pytest.fixture
def call(network_day):
    return Call.objects.create(
        title="Labo-oproep voorjaar",
        network_day=network_day,
        deadline=timezone.now() + datetime.timedelta(days=14),
        total_budget=Decimal("20000"),
        max_budget_per_proposal=Decimal("5000"),
        rule=Call.Rule.GREEDY,
    )


@pytest.fixture
def members(school, other_school, school_contact, outsider, team_member, this_year, general):
    """De Linde (primary) and De Ring (secondary) are paying general members."""
    for organisation, contact in ((school, school_contact), (other_school, outsider)):
        paid_membership(
            applicant=contact,
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )


@pytest.fixture
def welfare_org(db) -> Organisation:
    return make_organisation(
        name="CAW Oost-Brabant",
        kind=Organisation.Kind.NON_PROFIT,
        instellingsnummer="",
        network=Organisation.Network.NONE,
        sector=Organisation.Sector.WELFARE,
        levels=[],
    )


@pytest.fixture
def social_worker(welfare_org, team_member, this_year, lab) -> Person:
    """Works for a non-member welfare organisation, with a personal lab membership."""
    person = make_person(email="wout@caw.example", full_name="Wout Welzijn")
    affiliate(person, welfare_org, Affiliation.Role.STAFF)
    paid_membership(applicant=person, team=team_member, year=this_year, membership_type=lab)
    return person


def write(proposal, by, **changes):
    fields = {
        "title": proposal.title,
        "summary": "Samen werken aan welbevinden",
        "challenge": "Jongeren haken af tussen lager en secundair.",
        "beyond_one_school": "De overgang raakt elke school.",
        "approach": "Een jaar lang samen observeren en uitproberen.",
        "duration_months": 12,
        "budget_lines": [BudgetLineData("Vervanging leerkrachten", Decimal("3000"))],
    }
    fields.update(changes)
    return services.update_proposal(proposal=proposal, by=by, data=ProposalData(**fields))


def join(proposal, inviter, person, is_expert=False):
    invitation = services.invite_coauthor(
        proposal=proposal, email=person.email, by=inviter, is_expert=is_expert
    )
    return services.accept_invitation(coauthor=invitation, person=person)


@pytest.fixture
def proposal(call, members, teacher) -> Proposal:
    return services.start_proposal(call=call, by=teacher, title="Zachte overgang")


@pytest.fixture
def written(proposal, teacher, lab_lead, social_worker) -> Proposal:
    """Three co-authors from a primary school, a secondary school and a welfare organisation."""
    join(proposal, teacher, lab_lead)
    join(proposal, teacher, social_worker)
    return write(proposal, teacher)


def after_deadline(call):
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    call.refresh_from_db()


@pytest.fixture
def submitted(written, teacher) -> Proposal:
    proposal = services.submit_proposal(proposal=written, by=teacher)
    after_deadline(proposal.call)
    return proposal


# --- Starting -----------------------------------------------------------------------------------


def test_an_entitled_person_starts_a_proposal_and_is_its_first_co_author(proposal, teacher):
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.coauthors.get().person == teacher
    assert proposal.revisions.count() == 1
    assert AuditEntry.objects.filter(action="proposal.started").exists()


def test_a_person_without_membership_cannot_start_a_proposal(call, teacher):
    with pytest.raises(ProposalError) as error:
        services.start_proposal(call=call, by=teacher, title="Zonder lidmaatschap")
    assert error.value.code == "not_entitled"


def test_no_proposal_starts_after_the_deadline(call, members, teacher):
    after_deadline(call)
    with pytest.raises(ProposalError) as error:
        services.start_proposal(call=call, by=teacher, title="Te laat")
    assert error.value.code == "deadline_passed"


# --- Editing and its history ----------------------------------------------------------------------


def test_every_save_keeps_a_revision_and_an_audit_entry_with_the_changes(proposal, teacher):
    write(proposal, teacher)
    write(proposal, teacher, challenge="Een andere uitdaging.")
    revisions = list(selectors.revisions_of(proposal))
    assert len(revisions) == 3
    assert revisions[0].snapshot["challenge"] == "Een andere uitdaging."
    assert revisions[0].author == teacher
    entry = AuditEntry.objects.filter(action="proposal.updated").latest("pk")
    assert entry.changes["challenge"][1] == "Een andere uitdaging."


def test_a_save_without_changes_adds_no_revision(proposal, teacher):
    write(proposal, teacher)
    write(proposal, teacher)
    assert proposal.revisions.count() == 2


def test_budget_lines_are_replaced_by_the_saved_ones(proposal, teacher):
    write(proposal, teacher, budget_lines=[BudgetLineData("A", Decimal("100"))] * 3)
    write(
        proposal,
        teacher,
        budget_lines=[
            BudgetLineData("Materiaal", Decimal("250.50")),
            BudgetLineData("", Decimal("9")),
        ],
    )
    assert [line.description for line in proposal.budget_lines.all()] == ["Materiaal"]
    assert proposal.requested_budget == Decimal("250.50")


def test_speerpunten_are_saved_and_kept_in_the_revision(proposal, teacher):
    speerpunt = Speerpunt.objects.all()[0]
    write(proposal, teacher, speerpunten=[speerpunt])
    assert list(proposal.speerpunten.all()) == [speerpunt]
    assert proposal.revisions.all()[0].snapshot["speerpunten"] == [speerpunt.name]


def test_an_accepted_co_author_edits_but_a_pending_invitee_does_not(
    proposal, teacher, lab_lead, expert
):
    join(proposal, teacher, lab_lead)
    write(proposal, lab_lead, title="Zachte overgang 2")
    services.invite_coauthor(proposal=proposal, email=expert.email, by=teacher)
    with pytest.raises(ProposalError) as error:
        write(proposal, expert)
    assert error.value.code == "not_author"


# --- Invitations ------------------------------------------------------------------------------------


def test_an_invitation_is_mailed_and_no_account_is_made(
    proposal, teacher, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_coauthor(
            proposal=proposal, email="Nieuw@School.example", by=teacher
        )
    assert invitation.person is None and invitation.email == "nieuw@school.example"
    assert not Person.objects.filter(email__iexact="nieuw@school.example").exists()
    assert mail.outbox[0].to == ["nieuw@school.example"]
    assert "Zachte overgang" in mail.outbox[0].body


def test_the_invitee_without_an_account_becomes_an_author_after_signing_up(proposal, teacher):
    invitation = services.invite_coauthor(
        proposal=proposal, email="nieuw@school.example", by=teacher
    )
    newcomer = make_person(email="nieuw@school.example")  # signed up with the invited address
    assert list(selectors.invitations_of(newcomer)) == [invitation]
    services.accept_invitation(coauthor=invitation, person=newcomer)
    assert services.is_author(proposal, newcomer)


def test_co_author_invitations_are_limited_per_inviter(
    proposal, teacher, settings, django_capture_on_commit_callbacks
):
    settings.INVITATION_RATE_LIMITS = [(3, 3600), (10, 86400)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.invite_coauthor(proposal=proposal, email=f"n{n}@school.example", by=teacher)
        with pytest.raises(TooManyInvitations):
            services.invite_coauthor(proposal=proposal, email="n9@school.example", by=teacher)
    assert len(mail.outbox) == 3
    assert not Person.objects.filter(email__endswith="@school.example").exists()
    assert not proposal.coauthors.filter(email="n9@school.example").exists()


def test_accepting_with_another_account_is_refused(proposal, teacher, lab_lead, outsider):
    invitation = services.invite_coauthor(proposal=proposal, email=lab_lead.email, by=teacher)
    with pytest.raises(ProposalError) as error:
        services.accept_invitation(coauthor=invitation, person=outsider)
    assert error.value.code == "not_invitee"
    assert not services.is_author(proposal, outsider)
    assert list(selectors.invitations_of(outsider)) == []


def test_an_expired_invitation_cannot_be_accepted(proposal, teacher, lab_lead):
    invitation = services.invite_coauthor(proposal=proposal, email=lab_lead.email, by=teacher)
    CoAuthor.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert list(selectors.invitations_of(lab_lead)) == []
    with pytest.raises(ProposalError) as error:
        services.accept_invitation(coauthor=invitation, person=lab_lead)
    assert error.value.code == "expired"
    assert not services.is_author(proposal, lab_lead)


def test_the_same_address_is_invited_once(proposal, teacher, lab_lead):
    services.invite_coauthor(proposal=proposal, email=lab_lead.email, by=teacher)
    with pytest.raises(ProposalError) as error:
        services.invite_coauthor(proposal=proposal, email=lab_lead.email.upper(), by=teacher)
    assert error.value.code == "already_invited"


def test_only_the_invitee_accepts_and_only_once(proposal, teacher, lab_lead, outsider):
    invitation = services.invite_coauthor(proposal=proposal, email=lab_lead.email, by=teacher)
    with pytest.raises(ProposalError):
        services.accept_invitation(coauthor=invitation, person=outsider)
    services.accept_invitation(coauthor=invitation, person=lab_lead)
    with pytest.raises(ProposalError) as error:
        services.accept_invitation(coauthor=invitation, person=lab_lead)
    assert error.value.code == "already_accepted"


def test_a_declined_invitation_goes_away(proposal, teacher, lab_lead):
    invitation = services.invite_coauthor(proposal=proposal, email=lab_lead.email, by=teacher)
    services.decline_invitation(coauthor=invitation, person=lab_lead)
    assert not CoAuthor.objects.filter(pk=invitation.pk).exists()
    assert AuditEntry.objects.filter(action="proposal.invitation_declined").exists()


# --- Eligibility from the database ------------------------------------------------------------------


def rule(proposal, code, on=None):
    return next(r for r in selectors.eligibility_of(proposal, on) if r.code == code)


def test_the_written_proposal_meets_every_rule(written):
    assert all(r.met for r in selectors.eligibility_of(written))


def test_an_invited_expert_does_not_count(proposal, teacher, lab_lead, expert):
    join(proposal, teacher, lab_lead)
    join(proposal, teacher, expert, is_expert=True)
    assert "2 co-authors count" in rule(proposal, "authors").explanation


def test_a_co_author_without_membership_is_named(proposal, teacher, lab_lead, welfare_org):
    stranger = make_person(email="zonder@caw.example", full_name="Zoë Zonder")
    affiliate(stranger, welfare_org)
    join(proposal, teacher, lab_lead)
    join(proposal, teacher, stranger)
    entitled = rule(proposal, "entitled")
    assert not entitled.met and "Zoë Zonder" in entitled.explanation


def test_entitlement_is_judged_on_the_day(written):
    next_year = timezone.localdate().replace(month=1, day=1) + datetime.timedelta(days=400)
    assert rule(written, "entitled").met
    assert not rule(written, "entitled", on=next_year).met


def test_organisations_count_on_the_day_of_the_check(written, lab_lead, other_school):
    Affiliation.objects.filter(person=lab_lead, organisation=other_school).update(
        since=timezone.localdate() + datetime.timedelta(days=5)
    )
    assert "De Ring" not in rule(written, "organisations").explanation


# --- Submitting -------------------------------------------------------------------------------------


def test_a_complete_eligible_proposal_is_submitted_and_the_authors_get_a_mail(
    written, teacher, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_proposal(proposal=written, by=teacher)
    written.refresh_from_db()
    assert written.status == Proposal.Status.SUBMITTED and written.submitted_at
    assert len(mail.outbox[0].to) == 3
    with pytest.raises(ProposalError) as error:
        write(written, teacher, title="Nog even aanpassen")
    assert error.value.code == "not_draft"


def test_submission_names_the_rule_that_fails(proposal, teacher, lab_lead):
    join(proposal, teacher, lab_lead)
    write(proposal, teacher, duration_months=6)
    with pytest.raises(ProposalError) as error:
        services.submit_proposal(proposal=proposal, by=teacher)
    assert error.value.code == "authors"
    assert "Invite 1 more co-author" in error.value.message
    assert "at least 12 months" in error.value.message
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT


def test_submission_after_the_deadline_is_refused(written, teacher):
    after_deadline(written.call)
    with pytest.raises(ProposalError) as error:
        services.submit_proposal(proposal=written, by=teacher)
    assert error.value.code == "deadline_passed"


def test_a_budget_over_the_maximum_is_refused_at_submission(written, teacher):
    write(written, teacher, budget_lines=[BudgetLineData("Alles", Decimal("5000.01"))])
    with pytest.raises(ProposalError) as error:
        services.submit_proposal(proposal=written, by=teacher)
    assert error.value.code == "budget"


# --- Screening and pitch slots ----------------------------------------------------------------------


def test_only_the_team_screens(submitted, teacher):
    with pytest.raises(ProposalError) as error:
        services.screen_proposal(proposal=submitted, eligible=True, reason="", by=teacher)
    assert error.value.code == "not_team"


def test_screening_waits_for_the_deadline(written, teacher, team_member):
    services.submit_proposal(proposal=written, by=teacher)
    with pytest.raises(ProposalError) as error:
        services.screen_proposal(proposal=written, eligible=True, reason="", by=team_member)
    assert error.value.code == "before_deadline"


def test_not_eligible_needs_a_reason_which_is_mailed_to_the_authors(
    submitted, team_member, django_capture_on_commit_callbacks
):
    with pytest.raises(ProposalError) as error:
        services.screen_proposal(proposal=submitted, eligible=False, reason=" ", by=team_member)
    assert error.value.code == "reason_required"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.screen_proposal(
            proposal=submitted, eligible=False, reason="Geen link met onderwijs.", by=team_member
        )
    submitted.refresh_from_db()
    assert submitted.status == Proposal.Status.NOT_ELIGIBLE
    assert len(mail.outbox) == 1 and len(mail.outbox[0].to) == 3
    assert "Geen link met onderwijs." in mail.outbox[0].body


def test_an_eligible_proposal_is_scheduled_in_a_pitch_slot_and_shows_on_the_programme(
    submitted, team_member, pitch_slot, network_day
):
    services.screen_proposal(proposal=submitted, eligible=True, reason="", by=team_member)
    services.schedule_pitch(proposal=submitted, slot=pitch_slot, order=2, by=team_member)
    assert list(selectors.pitched_proposals_for_event(network_day)) == [submitted]
    assert selectors.pitches_by_slot(network_day) == {pitch_slot.pk: [submitted]}


def test_a_pitch_goes_only_in_a_pitch_slot_of_the_calls_network_day(
    submitted, team_member, pitch_slot
):
    services.screen_proposal(proposal=submitted, eligible=True, reason="", by=team_member)
    keynote = ProgrammeItem.objects.create(
        event=pitch_slot.event,
        kind=ProgrammeItem.Kind.KEYNOTE,
        title="Keynote",
        starts_at=pitch_slot.starts_at,
        ends_at=pitch_slot.ends_at,
    )
    other_day = make_event()
    elsewhere = ProgrammeItem.objects.create(
        event=other_day,
        kind=ProgrammeItem.Kind.PITCH,
        title="Pitches",
        starts_at=other_day.starts_at,
        ends_at=other_day.ends_at,
    )
    for slot in (keynote, elsewhere):
        with pytest.raises(ProposalError) as error:
            services.schedule_pitch(proposal=submitted, slot=slot, order=1, by=team_member)
        assert error.value.code == "not_a_pitch_slot"


def test_a_proposal_that_is_not_eligible_is_not_pitched(submitted, team_member, pitch_slot):
    with pytest.raises(ProposalError) as error:
        services.schedule_pitch(proposal=submitted, slot=pitch_slot, order=1, by=team_member)
    assert error.value.code == "not_eligible"
