"""The invitation's page declines only on the Decline button: a POST without an answer (or with
an unknown one) changes nothing and says why (found by tests/security's route matrix)."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from som.core import invitations as tokens
from som.network.models import StaffInvitation
from som.network.services import invitations


@pytest.fixture
def link(school, school_contact):
    invitation = invitations.invite_staff_member(
        organisation=school, email="nieuwkomer@example.org", by=school_contact
    )
    token, token_hash = tokens.new_token()
    StaffInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    with translation.override("en"):
        return invitation, reverse("network:invitation", kwargs={"token": token})


@pytest.mark.parametrize("answer", [None, "", "nee"])
def test_no_answer_declines_nothing(link, answer):
    invitation, url = link
    response = Client().post(url, {} if answer is None else {"answer": answer})
    invitation.refresh_from_db()
    assert invitation.declined_at is None
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose to accept or to decline the invitation."
    ]


def test_the_decline_button_declines(link):
    invitation, url = link
    Client().post(url, {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
