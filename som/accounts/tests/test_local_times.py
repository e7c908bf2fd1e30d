"""The API keys page shows when a key was last used in Brussels time (see
som/core/tests/local_times.py): the clock stands at 15:30 on 7 December."""

import pytest
from django.urls import reverse

from som.accounts.api_tokens import create_api_token
from som.core.tests.local_times import HALF_PAST_THREE, assert_local

COVERS = {"accounts/api_keys.html"}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


def test_the_api_keys_page_shows_the_last_use_at_its_local_time(client, client_of, teacher):
    _token, secret = create_api_token(person=teacher, name="Agenda van de school", by=teacher)
    used = client.get("/api/v1/events", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert used.status_code == 200
    assert_local(client_of(teacher), reverse("accounts:api_keys"), COVERS)
