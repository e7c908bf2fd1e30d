"""Nobody is put on a staff list without saying yes (issue 17, point 1)."""

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from som.accounts.models import Person
from som.core import audit
from som.core.invitations import TooManyInvitations
from som.events import services as events
from som.events.services import RegistrationError
from som.events.tests.factories import make_event
from som.governance import selectors as governance
from som.membership.tests.factories import paid_membership
from som.network import selectors
from som.network.models import Affiliation, StaffInvitation
from som.network.services import StaffError, invitations
from som.network.tests.factories import make_person


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def stranger(db) -> Person:
    return make_person(email="stranger@elders.example", full_name="Sven Stranger")


def _invite(school, by, email="stranger@elders.example"):
    return invitations.invite_staff_member(organisation=school, email=email, by=by)


def _token_of(message) -> str:
    found = re.search(r"/([A-Za-z0-9_-]{40,})/", message.body)
    assert found, message.body
    return found.group(1)


def test_a_stranger_is_only_invited_and_gets_no_member_access_until_accepting(
    school, school_contact, stranger, team_member, this_year, general, client_of,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    paid_membership(
        applicant=school_contact, team=team_member, year=this_year,
        membership_type=general, organisation=school,
    )  # fmt: skip
    assert governance.is_member_person(school_contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(school_contact).post(
            reverse("network:staff", args=[school.slug]), {"email": stranger.email, "role": "staff"}
        )
    assert response.status_code == 302
    page = client_of(school_contact).get(reverse("network:staff", args=[school.slug])).text
    assert "stranger@elders.example" in page and "Sven" not in page
    assert school not in selectors.organisations_of(stranger)
    assert not governance.is_member_person(stranger)
    assert client_of(stranger).get(reverse("governance:decisions")).status_code == 404
    # Nor can the contact register them for an event as a colleague.
    event = make_event()
    with pytest.raises(RegistrationError):
        events.register(event=event, person=stranger, by=school_contact)

    invitation = StaffInvitation.objects.get(email=stranger.email)
    invitations.accept_staff_invitation(invitation=invitation, person=stranger)
    assert school in selectors.organisations_of(stranger)
    assert governance.is_member_person(stranger)


def _staff_page_after_inviting(client, school, email) -> tuple[int, str, str]:
    """The answer to the invitation and the page it leads to, without the CSRF tokens; nothing of
    it is kept (the savepoint is rolled back)."""
    with transaction.atomic():
        answer = client.post(
            reverse("network:staff", args=[school.slug]), {"email": email, "role": "staff"}
        )
        page = client.get(answer["Location"]).content.decode()
        transaction.set_rollback(True)
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return answer.status_code, answer["Location"], page


def test_known_and_unknown_addresses_get_the_same_answer(school, school_contact, client_of):
    client = client_of(school_contact)
    unknown = _staff_page_after_inviting(client, school, "jan@elders.example")
    make_person(email="jan@elders.example", full_name="Jan Janssens", language="en")
    known = _staff_page_after_inviting(client, school, "jan@elders.example")
    assert unknown == known
    assert "We sent an invitation to jan@elders.example" in known[2]
    assert "Janssens" not in known[2]


def test_no_account_is_made_for_an_unknown_address(school, school_contact):
    _invite(school, school_contact, email="nieuw@elders.example")
    assert not Person.objects.filter(email="nieuw@elders.example").exists()


def test_invitations_are_limited_per_inviter(school, school_contact, settings):
    settings.INVITATION_RATE_LIMITS = [(3, 3600), (5, 86400)]
    for n in range(3):
        _invite(school, school_contact, email=f"collega{n}@elders.example")
    with pytest.raises(TooManyInvitations) as error:
        _invite(school, school_contact, email="collega9@elders.example")
    assert error.value.code == "rate_limited"
    assert "within the hour" in error.value.message
    assert not StaffInvitation.objects.filter(email="collega9@elders.example").exists()
    # Sending again counts too.
    with pytest.raises(TooManyInvitations):
        invitations.resend_staff_invitation(
            organisation=school, email="collega0@elders.example", by=school_contact
        )


def test_the_rate_limit_is_a_clear_message_on_the_page(school, school_contact, client_of, settings):
    settings.INVITATION_RATE_LIMITS = [(1, 3600)]
    client = client_of(school_contact)
    url = reverse("network:staff", args=[school.slug])
    client.post(url, {"email": "een@elders.example", "role": "staff"})
    with translation.override("nl"):
        response = client.post(
            reverse("network:staff", args=[school.slug]),
            {"email": "twee@elders.example", "role": "staff"},
        )
    assert response.status_code == 200
    assert "uitnodigingen" in response.text
    assert not StaffInvitation.objects.filter(email="twee@elders.example").exists()


def test_accepting_with_another_account_is_refused(school, school_contact, stranger, teacher):
    invitation = _invite(school, school_contact)
    before = Affiliation.objects.filter(person=teacher).count()
    with pytest.raises(StaffError) as error:
        invitations.accept_staff_invitation(invitation=invitation, person=teacher)
    assert error.value.code == "other_address"
    assert Affiliation.objects.filter(person=teacher).count() == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_link_with_another_account_logged_in_does_not_accept(
    school, school_contact, stranger, other_school, client_of, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(school, school_contact)
    link = reverse("network:invitation", args=[_token_of(mail.outbox[-1])])
    other = make_person(email="ander@elders.example")
    client = client_of(other)
    assert "not a confirmed address" in client.get(link).text
    client.post(link, {"answer": "accept"})
    assert not Affiliation.objects.filter(person=other).exists()
    assert StaffInvitation.objects.get(email=stranger.email).accepted_at is None


def test_an_unverified_address_does_not_accept(school, school_contact):
    unverified = make_person(email="onbevestigd@elders.example", email_verified=False)
    invitation = _invite(school, school_contact, email=unverified.email)
    with pytest.raises(StaffError) as error:
        invitations.accept_staff_invitation(invitation=invitation, person=unverified)
    assert error.value.code == "other_address"


def test_an_expired_invitation_cannot_be_accepted_until_sent_again(
    school, school_contact, stranger
):
    invitation = _invite(school, school_contact)
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(StaffError) as error:
        invitations.accept_staff_invitation(invitation=invitation, person=stranger)
    assert error.value.code == "expired"
    assert list(selectors.staff_invitations_for(stranger)) == []
    invitations.resend_staff_invitation(
        organisation=school, email=stranger.email, by=school_contact
    )
    invitations.accept_staff_invitation(invitation=invitation, person=stranger)
    assert school in selectors.organisations_of(stranger)


def test_sending_again_replaces_the_link(
    school, school_contact, stranger, client_of, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(school, school_contact)
        invitations.resend_staff_invitation(
            organisation=school, email=stranger.email, by=school_contact
        )
    first, second = (_token_of(message) for message in mail.outbox)
    client = client_of(stranger)
    assert client.get(reverse("network:invitation", args=[first])).status_code == 404
    client.post(reverse("network:invitation", args=[second]), {"answer": "accept"})
    assert school in selectors.organisations_of(stranger)
    assert audit.entries_for(school).filter(action="staff_invitation.accepted").exists()


def test_the_invitee_accepts_by_the_link_after_logging_in(
    school, school_contact, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(school, school_contact, email="nieuw@elders.example")
    (message,) = mail.outbox
    assert message.to == ["nieuw@elders.example"] and "Basisschool De Linde" in message.subject
    link = reverse("network:invitation", args=[_token_of(message)])
    page = client.get(link)
    assert page.status_code == 200 and "nieuw@elders.example" in page.text
    assert client.post(link, {"answer": "accept"})["Location"].startswith(reverse("account_login"))
    person = make_person(email="nieuw@elders.example")  # signed up with the invited address
    client.force_login(person)
    client.post(link, {"answer": "accept"})
    assert school in selectors.organisations_of(person)
    assert "has been accepted" in client.get(link).text


def test_anybody_holding_the_link_may_decline(
    school, school_contact, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(school, school_contact, email="nieuw@elders.example")
    link = reverse("network:invitation", args=[_token_of(mail.outbox[0])])
    client.post(link, {"answer": "decline"})
    assert StaffInvitation.objects.get().declined_at is not None
    assert "has been declined" in client.get(link).text


def test_mijn_som_shows_the_open_invitation_to_accept(school, school_contact, stranger, client_of):
    invitation = _invite(school, school_contact)
    client = client_of(stranger)
    page = client.get(reverse("my_som:home")).text
    assert reverse("network:accept_invitation", args=[invitation.pk]) in page
    client.post(reverse("network:accept_invitation", args=[invitation.pk]))
    assert school in selectors.organisations_of(stranger)
    # Somebody else cannot answer it.
    other = _invite(school, school_contact, email="ander@elders.example")
    assert client.post(reverse("network:decline_invitation", args=[other.pk])).status_code == 404


def test_a_verified_address_on_the_organisations_domain_is_added_at_once(
    school, school_contact, django_capture_on_commit_callbacks
):
    colleague = make_person(email="an@delinde.be", full_name="An Collega")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(school, school_contact, email="AN@delinde.be")
    assert invitation.accepted_at is not None
    assert Affiliation.objects.filter(person=colleague, organisation=school).exists()
    assert [m.to for m in mail.outbox] == [["an@delinde.be"]]


def test_withdrawing_closes_the_invitation(school, school_contact, stranger, client_of):
    _invite(school, school_contact)
    client = client_of(school_contact)
    client.post(
        reverse("network:withdraw_invitation", args=[school.slug]), {"email": stranger.email}
    )
    assert StaffInvitation.objects.get().withdrawn_at is not None
    assert list(selectors.staff_invitations_for(stranger)) == []


def test_only_the_contact_or_the_team_invites(school, teacher, outsider, client_of):
    with pytest.raises(StaffError) as error:
        _invite(school, teacher)
    assert error.value.code == "not_contact"
    answer = client_of(outsider).post(
        reverse("network:resend_invitation", args=[school.slug]), {"email": "x@elders.example"}
    )
    assert answer.status_code == 404


def test_a_second_invitation_to_the_same_address_is_refused(school, school_contact, stranger):
    _invite(school, school_contact)
    with pytest.raises(StaffError) as error:
        _invite(school, school_contact)
    assert error.value.code == "already_invited"
