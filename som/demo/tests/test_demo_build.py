"""`load_demo` builds one consistent story, on whatever day it runs: the turn of the year
included (a fixed clock). Each check is what a newcomer saw go wrong on the demo (issue 16)."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from som.accounts.models import Person
from som.demo import guide, loader
from som.demo import reconfirmation as demo_reconfirmation
from som.demo.models import SentMail
from som.demo.selection import FOLLOWED_LAB, LAB_LEAD, TEACHER
from som.events.models import Event, Registration
from som.events.services import reconfirmation
from som.governance.models import Body, Meeting
from som.labs import eligibility, selectors
from som.labs.models import Call, Lab, Proposal
from som.membership.models import Membership
from som.network.models import Organisation

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
ENDED = (Lab.Status.FINISHED, Lab.Status.STOPPED)


def _load(settings, django_capture_on_commit_callbacks) -> None:
    settings.SOM_ENV = "demo"
    settings.SITE_URL = "http://127.0.0.1:8123"
    # The test's transaction sends the mails after load_demo has returned (in the demo they go
    # when its transaction commits, inside the command): the mailbox must still be the backend.
    settings.EMAIL_BACKEND = "som.demo.mailbox.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--no-logins", stdout=io.StringIO())


def _check_the_story() -> None:
    today = timezone.localdate()
    now = timezone.now()

    # The no-show loop: the study day sits in its reconfirmation window, the teacher asked and
    # not yet answered, the outsider holding the offered place (som/demo/reconfirmation.py).
    study_day = Event.objects.get(title=demo_reconfirmation.TITLE)
    figures = reconfirmation.figures(study_day)
    assert reconfirmation.ask_moment(study_day) < now < reconfirmation.deadline(study_day)
    assert (figures.asked, figures.confirmed, figures.unconfirmed) == (10, 5, 4)
    assert [offer.person.email for offer in figures.offers] == [demo_reconfirmation.OUTSIDER]
    teacher_place = study_day.registrations.get(person__email=TEACHER)
    assert reconfirmation.pending_request(teacher_place) is not None
    assert study_day.registrations.filter(status=Registration.Status.WAITING).count() == 3
    assert reconfirmation.run().asked == 0  # the timer's next run changes nothing

    # Organisations: every school has its levels and its network, so a proposal can span them.
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
    assert schools.count() > 60
    assert not schools.filter(levels__isnull=True).exists()
    assert not schools.filter(network=Organisation.Network.NONE).exists()

    # Every proposal past its draft was submitted by the rules, and still meets them.
    screened = Proposal.objects.exclude(status=Proposal.Status.DRAFT)
    assert screened.count() == 11
    for proposal in screened:
        assert proposal.submitted_at is not None
        rules = selectors.eligibility_of(proposal, timezone.localdate(proposal.submitted_at))
        assert not eligibility.unmet(rules), (proposal.title, eligibility.unmet(rules))

    # Every login the guide lists signs in with the one password it shows (hashed once).
    for login in loader.LOGINS:
        assert Person.objects.get(email=login.email).check_password(loader.DEMO_PASSWORD)

    # The school contact's invitation waits: the colleague has no account and is not staff yet.
    invited = Organisation.objects.get(name="De Wijnpers").staff_invitations.get()
    assert invited.accepted_at is None
    assert not Person.objects.filter(email=invited.email).exists()

    # An open call with the lab lead's draft, which misses what the invited teacher brings.
    call = Call.objects.get(status=Call.Status.OPEN)
    assert call.deadline > now and call.network_day is not None
    draft = call.proposals.get(status=Proposal.Status.DRAFT)
    assert draft.created_by.email == LAB_LEAD
    assert draft.coauthors.filter(email=TEACHER, accepted_at__isnull=True).exists()
    assert {rule.code for rule in eligibility.unmet(selectors.eligibility_of(draft))} == {
        "authors",
        "diversity",
    }

    # Labs that go on plan their end ahead; each lab's texts are its own.
    for lab in Lab.objects.exclude(status__in=ENDED):
        assert lab.planned_end_on > today, lab.title
        assert lab.starts_on <= today, lab.title
    for lab in Lab.objects.filter(proposal__isnull=False).select_related("proposal"):
        assert lab.proposal is not None
        assert lab.title == lab.proposal.title
        assert lab.challenge.startswith(lab.proposal.challenge)
        if lab.title != FOLLOWED_LAB:
            assert "taalrijk" not in lab.challenge.lower(), lab.title
            assert "taal rijker" not in lab.challenge.lower(), lab.title
    followed = Lab.objects.get(title=FOLLOWED_LAB)
    assert all("taalrijk" in result.title.lower() for result in followed.results.all())
    assert followed.results.count() == 2

    # Every general assembly has members with a vote in the year it meets.
    for meeting in Meeting.objects.filter(body__kind=Body.Kind.GENERAL_ASSEMBLY):
        year = timezone.localtime(meeting.starts_at).year
        voters = Membership.objects.filter(
            year__year=year, status=Membership.Status.ACTIVE, membership_type__gives_vote=True
        )
        assert voters.count() > 30, (meeting.title, year)

    # Network days are free for the staff of members, not for everybody.
    for day in Event.objects.filter(kind=Event.Kind.NETWORK_DAY):
        assert day.price > 0, day.title
        assert day.audience == Event.Audience.EVERYBODY

    # Today's network day: doors open, the vote on, the teacher registered but not yet in.
    story = guide.story()
    assert story.network_day is not None and story.network_day.doors_are_open(now)
    assert story.voting_call is not None and story.voting_call.status == Call.Status.VOTING
    assert story.voting_call.network_day == story.network_day
    entry = Registration.objects.get(event=story.network_day, person__email=TEACHER)
    assert entry.status == Registration.Status.REGISTERED and entry.checked_in_at is None
    assert (
        Registration.objects.filter(event=story.network_day, checked_in_at__isnull=False).count()
        > 30
    )
    assert story.assembly is not None and story.open_call == call and story.draft == draft

    # The teacher's ticket is in the mailbox, its link on the demo's port.
    ticket = SentMail.objects.get(
        recipients=TEACHER, subject__contains=f"ticket voor {story.network_day.title}"
    )
    assert b"http://127.0.0.1:8123/" in bytes(ticket.message)


def _check_the_guide_links_work_for_their_persona() -> None:
    client = Client()
    page = client.get("/demo/")
    assert page.status_code == 200
    for persona in guide.personas(guide.story()):
        assert persona.steps, persona.key
        client.force_login(Person.objects.get(email=persona.email))
        for step in persona.steps:
            for link in step.links:
                response = client.get(link.url)
                assert response.status_code == 200, (persona.key, link.url)
        client.logout()
    logins = {login.email for login in loader.LOGINS}
    assert logins == {persona.email for persona in guide.personas(guide.story())}


@pytest.mark.parametrize(
    "moment",
    [
        # The assembly's second meeting, 16 days ahead, lies in next year's membership year.
        datetime.datetime(2026, 12, 20, 10, 0, tzinfo=BRUSSELS),
        # Last round's network day lies in the old year, the memberships in the new one.
        datetime.datetime(2027, 1, 2, 10, 0, tzinfo=BRUSSELS),
    ],
    ids=["20-december", "2-january"],
)
def test_the_demo_tells_one_story_around_new_year(
    settings, django_capture_on_commit_callbacks, moment
):
    """The turn of the year is where dates built from today break. A load takes a minute or
    two."""
    with time_machine.travel(moment, tick=True):
        _load(settings, django_capture_on_commit_callbacks)
        _check_the_story()
        _check_the_guide_links_work_for_their_persona()
