"""The pages around acting for an organisation: find, add, ask, hand over, and the team's queue."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from som.network.models import Claim, Organisation
from som.network.services import claims
from som.network.tests.factories import make_organisation, make_person

NEW_SCHOOL = {
    "name": "Basisschool Het Nieuwe Veld",
    "kind": "school",
    "instellingsnummer": "12345",
    "levels": ["kleuter", "lager"],
    "network": "ovsg_pov",
    "sector": "education",
    "street": "Veldstraat 1",
    "postal_code": "3010",
    "city": "Kessel-Lo",
    "email_domains": "hetnieuweveld.be",
    "job_title": "directeur",
    "reason": "",
}


def url(name: str, *args: Any, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def director(db):
    return make_person(email="directie@hetnieuweveld.be", full_name="Dana Directeur")


@pytest.fixture
def waiting(school) -> Claim:
    person = make_person(email="dirk@gmail.com", full_name="Dirk Directeur")
    return claims.claim_organisation(
        person=person, organisation=school, reason="Ik ben de nieuwe directeur."
    )


# --- Finding --------------------------------------------------------------------------------------


def test_finding_needs_a_login(db):
    response = Client().get(url("network:find"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_find_by_name_lists_the_school_with_a_way_to_act_for_it(
    client_of, director, school, django_assert_max_num_queries
):
    for n in range(5):
        make_organisation(name=f"Basisschool Nummer {n}")
    client = client_of(director)
    with django_assert_max_num_queries(8):
        response = client.get(url("network:find"), {"q": "basisschool"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Basisschool De Linde" in page
    assert url("network:claim", school.slug) in page
    assert "6 instellingen gevonden" in page


def test_find_without_a_match_offers_to_add_the_school(client_of, director):
    response = client_of(director).get(url("network:find"), {"q": "Het Nieuwe Veld"})
    page = response.content.decode()
    assert "SOM Leuven kent geen instelling zoals “Het Nieuwe Veld”" in page
    assert url("network:add") in page
    assert "name=Het%20Nieuwe%20Veld" in page


# --- Adding ---------------------------------------------------------------------------------------


def test_the_add_form_suggests_the_persons_own_domain(client_of, director):
    response = client_of(director).get(url("network:add"))
    assert response.status_code == 200
    assert response.context["form"].initial["email_domains"] == "hetnieuweveld.be"


def test_the_add_form_never_suggests_a_public_mail_domain(client_of, db):
    person = make_person(email="dana@gmail.com")
    response = client_of(person).get(url("network:add"))
    assert response.context["form"].initial["email_domains"] == ""


def test_adding_a_school_on_ones_own_domain_leads_to_the_membership_application(
    client_of, director
):
    response = client_of(director).post(url("network:add"), NEW_SCHOOL)
    assert response.status_code == 302
    assert response["Location"] == url("membership:apply")
    school = Organisation.objects.get(name="Basisschool Het Nieuwe Veld")
    assert school.instellingsnummer == "012345"
    assert Claim.objects.get().status == Claim.Status.GRANTED


def test_a_bad_institution_number_gets_a_dutch_message_and_nothing_is_saved(client_of, director):
    response = client_of(director).post(
        url("network:add"), {**NEW_SCHOOL, "instellingsnummer": "12-AB"}
    )
    assert response.status_code == 200
    assert "Een instellingsnummer heeft 5 of 6 cijfers" in response.content.decode()
    assert not Organisation.objects.filter(name="Basisschool Het Nieuwe Veld").exists()
    assert not Claim.objects.exists()


def test_a_bad_institution_number_gets_an_english_message_too(client_of, director):
    response = client_of(director).post(
        url("network:add", language="en"), {**NEW_SCHOOL, "instellingsnummer": "1"}
    )
    assert "An institution number has 5 or 6 digits" in response.content.decode()


def test_a_known_number_offers_to_act_for_the_known_school(client_of, director, school):
    response = client_of(director).post(
        url("network:add"), {**NEW_SCHOOL, "instellingsnummer": school.instellingsnummer}
    )
    assert response.status_code == 200
    assert url("network:claim", school.slug) in response.content.decode()
    assert not Claim.objects.exists()


def test_a_missing_address_is_asked_for(client_of, director):
    response = client_of(director).post(url("network:add"), {**NEW_SCHOOL, "street": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["street"]
    assert not Organisation.objects.filter(name="Basisschool Het Nieuwe Veld").exists()


# --- Asking ---------------------------------------------------------------------------------------


def test_the_claim_page_says_the_team_checks_when_there_is_no_proof(client_of, school):
    person = make_person(email="dirk@gmail.com")
    page = client_of(person).get(url("network:claim", school.slug)).content.decode()
    assert "het SOM-team" in page
    assert "Verstuur mijn verzoek" in page


def test_asking_with_proof_goes_on_to_a_safe_next_only(client_of, school):
    person = make_person(email="directie@delinde.be")
    response = client_of(person).post(
        url("network:claim", school.slug), {"next": "https://evil.example/", "job_title": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == url("membership:apply")


def test_asking_without_a_reason_shows_why_it_is_needed(client_of, school):
    person = make_person(email="dirk@gmail.com")
    response = client_of(person).post(url("network:claim", school.slug), {"reason": ""})
    assert response.status_code == 200
    assert "waarom" in response.content.decode().lower()
    assert not Claim.objects.exists()


def test_a_waiting_request_shows_on_my_organisations(client_of, waiting):
    page = client_of(waiting.person).get(url("network:mine")).content.decode()
    assert "Basisschool De Linde" in page
    assert url("network:claim_detail", waiting.pk) in page


# --- The contact person hands over ----------------------------------------------------------------


def test_the_contact_person_sees_the_request_and_hands_over(client_of, waiting, school_contact):
    client = client_of(school_contact)
    assert (
        url("network:claim_detail", waiting.pk) in client.get(url("network:mine")).content.decode()
    )
    page = client.get(url("network:claim_detail", waiting.pk)).content.decode()
    assert "Ik ben de nieuwe directeur." in page
    response = client.post(url("network:hand_over", waiting.pk), {"step_down": "1"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.GRANTED


def test_an_outsider_sees_nothing_of_the_request(client_of, waiting, outsider):
    client = client_of(outsider)
    assert client.get(url("network:claim_detail", waiting.pk)).status_code == 404
    assert client.post(url("network:hand_over", waiting.pk), {"step_down": "1"}).status_code == 404
    assert client.post(url("network:withdraw_claim", waiting.pk)).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.PENDING


def test_the_person_who_asked_cannot_hand_over_to_themselves(client_of, waiting):
    response = client_of(waiting.person).post(url("network:hand_over", waiting.pk))
    assert response.status_code == 404


# --- The team -------------------------------------------------------------------------------------


def test_the_team_queue_shows_who_asks_for_which_school_and_why(
    client_of, waiting, team_member, school_contact, django_assert_max_num_queries
):
    other = make_person(email="tweede@example.org", full_name="Tweede Vrager")
    claims.add_organisation(
        person=other,
        data=claims.OrganisationData(name="Nieuwe Vzw", kind="non_profit", city="Leuven"),
        reason="Wij zijn een huiswerkklas.",
    )
    client = client_of(team_member)
    with django_assert_max_num_queries(14):
        response = client.get(url("network:claims"))
    page = response.content.decode()
    assert "Dirk Directeur" in page and "dirk@gmail.com" in page
    assert "Basisschool De Linde" in page and "Ik ben de nieuwe directeur." in page
    assert "Carla Contact" in page  # the current contact person
    assert "Nieuw: toegevoegd door deze persoon" in page


def test_the_team_home_counts_the_waiting_requests(client_of, waiting, team_member):
    page = client_of(team_member).get(reverse("reports:team_home")).content.decode()
    assert url("network:claims") in page
    assert "verzoek om op te treden voor een instelling wacht" in page


def test_the_team_approves_from_the_queue(client_of, waiting, team_member):
    response = client_of(team_member).post(url("network:grant_claim", waiting.pk))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == (Claim.Status.GRANTED, team_member)


def test_the_team_declines_with_a_reason(
    client_of, waiting, team_member, django_capture_on_commit_callbacks
):
    client = client_of(team_member)
    response = client.post(url("network:decline_claim", waiting.pk), {"reason": ""})
    assert response.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("network:decline_claim", waiting.pk), {"reason": "Onbekend."})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.DECLINED
    assert mail.outbox[0].to == ["dirk@gmail.com"]


@pytest.mark.parametrize("name", ["network:claims"])
def test_the_queue_is_the_teams_alone(client_of, outsider, school_contact, name):
    for person in (outsider, school_contact):
        assert client_of(person).get(url(name)).status_code == 404


def test_outsiders_cannot_decide(client_of, waiting, outsider, school_contact):
    for person in (outsider, school_contact):
        client = client_of(person)
        assert client.post(url("network:grant_claim", waiting.pk)).status_code == 404
        assert client.get(url("network:decline_claim", waiting.pk)).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.PENDING


# --- The membership application after it ---------------------------------------------------------


def test_without_an_organisation_the_application_points_to_finding_one(
    client_of, director, this_year
):
    page = client_of(director).get(url("membership:apply")).content.decode()
    assert url("network:find") in page


def test_an_organisation_without_number_is_told_why_it_takes_a_lab_membership(
    client_of, db, this_year
):
    person = make_person(email="info@huiswerkklas.be")
    claims.add_organisation(
        person=person,
        data=claims.OrganisationData(
            name="Huiswerkklas Het Anker",
            kind="non_profit",
            sector="welfare",
            city="Leuven",
            email_domains=["huiswerkklas.be"],
        ),
    )
    page = client_of(person).get(url("membership:apply")).content.decode()
    assert "Huiswerkklas Het Anker heeft geen instellingsnummer" in page
    assert "labolidmaatschap" in page
