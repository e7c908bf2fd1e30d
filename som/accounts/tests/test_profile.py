"""My account: the name a person keeps (issue 17, point 12)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from som.accounts import services

pytestmark = pytest.mark.django_db


def _home() -> str:
    with translation.override("nl"):
        return reverse("accounts:home")


@pytest.mark.parametrize("blank", ["   ", "\u200b", " . ", ""])
def test_an_all_blank_name_is_refused_with_a_message(blank, teacher, client_of):
    response = client_of(teacher).post(_home(), {"full_name": blank, "language": "nl"})
    assert response.status_code == 200
    assert "Vul je naam in" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.full_name == "Lotte Leraar"


def test_a_real_name_is_saved(teacher, client_of):
    response = client_of(teacher).post(_home(), {"full_name": " Lotte Peeters ", "language": "en"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.full_name, teacher.language) == ("Lotte Peeters", "en")


def test_the_service_refuses_a_blank_name_whatever_the_entrance(teacher):
    with pytest.raises(ValidationError):
        services.update_profile(person=teacher, full_name="\t ", language="nl")
    teacher.refresh_from_db()
    assert teacher.full_name == "Lotte Leraar"
