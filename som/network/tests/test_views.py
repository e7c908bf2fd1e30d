import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from som.core import audit
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person

FORM = {
    "name": "Basisschool De Linde",
    "kind": "school",
    "instellingsnummer": "12345",
    "enterprise_number": "0403.170.701",
    "network": "kov",
    "sector": "education",
    "street": "Lindestraat 1",
    "postal_code": "3000",
    "city": "Leuven",
    "website": "https://delinde.be",
    "levels": ["kleuter", "lager"],
    "email_domains": "delinde.be\ndelinde-leuven.be, @DeLinde.org",
}


def edit_url(organisation, language=None):
    with translation.override(language or translation.get_language()):
        return reverse("network:edit", args=[organisation.slug])


def staff_url(organisation, language=None):
    with translation.override(language or translation.get_language()):
        return reverse("network:staff", args=[organisation.slug])


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def end_url(affiliation):
    return reverse("network:end_staff", args=[affiliation.organisation.slug, affiliation.pk])


# --- My organisations -----------------------------------------------------------------------------


def test_my_organisations_needs_a_login(db):
    response = Client().get(reverse("network:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_contact_sees_their_organisation_with_links_to_manage_it(
    client_of, school_contact, school
):
    response = client_of(school_contact).get(reverse("network:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Basisschool De Linde" in html
    assert edit_url(school) in html
    assert staff_url(school) in html


def test_a_teacher_sees_their_organisation_without_links_to_manage_it(client_of, teacher, school):
    html = client_of(teacher).get(reverse("network:mine")).content.decode()
    assert "Basisschool De Linde" in html
    assert edit_url(school) not in html


def test_someone_without_an_organisation_is_told_whom_to_ask(client_of, expert):
    response = client_of(expert).get(english("network:mine"))
    assert "You are not linked to an organisation yet" in response.content.decode()


def test_my_organisations_costs_the_same_queries_for_many_organisations(
    db, client_of, django_assert_max_num_queries
):
    person = make_person()
    for number in range(12):
        affiliate(person, make_organisation(name=f"School {number:02}"), Affiliation.Role.CONTACT)
    client = client_of(person)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("network:mine"))
    assert response.content.decode().count('<h2 id="organisation-') == 12


# --- Editing an organisation ----------------------------------------------------------------------


def test_a_contact_can_edit_their_organisation(client_of, school_contact, school):
    response = client_of(school_contact).post(edit_url(school), FORM)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.instellingsnummer == "012345"
    assert school.enterprise_number == "0403170701"
    assert school.network == "kov"
    assert sorted(school.levels.values_list("code", flat=True)) == ["kleuter", "lager"]
    assert sorted(school.email_domains.values_list("domain", flat=True)) == [
        "delinde-leuven.be",
        "delinde.be",
        "delinde.org",
    ]
    entry = audit.entries_for(school).filter(action="organisation.updated").get()
    assert entry.actor == school_contact


def test_the_edit_form_shows_the_current_details(client_of, school_contact, school):
    html = client_of(school_contact).get(edit_url(school)).content.decode()
    assert 'value="Basisschool De Linde"' in html
    assert "delinde.be</textarea>" in html
    assert 'value="lager"' in html and "checked" in html


def test_a_teacher_cannot_edit_their_school(client_of, teacher, school):
    client = client_of(teacher)
    assert client.get(edit_url(school)).status_code == 404
    assert client.post(edit_url(school), FORM).status_code == 404
    school.refresh_from_db()
    assert school.network == "go"


def test_a_contact_of_another_school_gets_404(client_of, outsider, school):
    client = client_of(outsider)
    assert client.get(edit_url(school)).status_code == 404
    assert client.post(edit_url(school), FORM).status_code == 404


def test_a_missing_organisation_gets_the_same_404(client_of, outsider):
    url = reverse("network:edit", args=["bestaat-niet"])
    assert client_of(outsider).get(url).status_code == 404


def test_editing_needs_a_login(school):
    response = Client().get(edit_url(school))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_team_member_can_edit_any_organisation(client_of, team_member, other_school):
    response = client_of(team_member).post(edit_url(other_school), {**FORM, "name": "De Ring"})
    assert response.status_code == 302
    other_school.refresh_from_db()
    assert other_school.name == "De Ring"


def test_a_bad_institution_number_is_shown_on_the_field_and_nothing_changes(
    client_of, school_contact, school
):
    response = client_of(school_contact).post(
        edit_url(school, "en"), {**FORM, "instellingsnummer": "12ab", "city": "Heverlee"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["instellingsnummer"] == [
        "An institution number has 5 or 6 digits, like 012345."
    ]
    school.refresh_from_db()
    assert school.city == "Leuven"


def test_a_number_another_school_has_is_refused_on_the_form(
    client_of, school_contact, school, other_school
):
    response = client_of(school_contact).post(
        edit_url(school, "en"), {**FORM, "instellingsnummer": other_school.instellingsnummer}
    )
    assert response.status_code == 200
    assert "Atheneum De Ring already has" in str(response.context["form"].errors)
    school.refresh_from_db()
    assert school.instellingsnummer != other_school.instellingsnummer
    assert school.network == "go"


def test_a_domain_another_school_has_is_refused_on_the_form(
    client_of, outsider, other_school, school
):
    response = client_of(outsider).post(
        edit_url(other_school, "en"),
        {**FORM, "name": "Atheneum De Ring", "email_domains": "delinde.be"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email_domains"] == [
        "delinde.be already belongs to Basisschool De Linde."
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_errors_are_in_the_language_of_the_user(client_of, school_contact, school, language):
    with translation.override(language):
        url = edit_url(school)
        expected = gettext("This is not a valid Belgian enterprise number (like 0123.456.749).")
    response = client_of(school_contact).post(url, {**FORM, "enterprise_number": "0403.170.702"})
    assert response.context["form"].errors["enterprise_number"] == [expected]


# --- Staff ----------------------------------------------------------------------------------------


def test_a_contact_sees_the_staff_list(client_of, school_contact, teacher, school):
    response = client_of(school_contact).get(staff_url(school))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lotte Leraar" in html
    assert "leraar@delinde.be" in html
    assert [m.person for m in response.context["members"]] == [school_contact, teacher]


def test_a_teacher_cannot_see_the_staff_list(client_of, teacher, school):
    assert client_of(teacher).get(staff_url(school)).status_code == 404


def test_an_outsider_cannot_see_or_change_the_staff_list(client_of, outsider, teacher, school):
    client = client_of(outsider)
    assert client.get(staff_url(school)).status_code == 404
    response = client.post(
        staff_url(school), {"email": "x@example.org", "full_name": "X", "role": "contact"}
    )
    assert response.status_code == 404
    affiliation = school.affiliations.get(person=teacher)
    assert client.post(end_url(affiliation)).status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.until is None


def test_the_staff_list_needs_a_login(school):
    assert Client().get(staff_url(school)).status_code == 302


def test_a_contact_invites_a_new_colleague_who_is_not_on_the_list_yet(
    client_of, school_contact, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(school_contact).post(
            staff_url(school), {"email": "nina@delinde.be", "role": "staff", "job_title": "Juf"}
        )
    assert response.status_code == 302
    assert not school.affiliations.filter(person__email="nina@delinde.be").exists()
    invitation = school.staff_invitations.get(email="nina@delinde.be")
    assert invitation.job_title == "Juf"
    assert [message.to for message in mail.outbox] == [["nina@delinde.be"]]


def test_adding_someone_twice_shows_the_reason_and_changes_nothing(
    client_of, school_contact, teacher, school
):
    response = client_of(school_contact).post(
        staff_url(school, "en"), {"email": teacher.email, "role": "staff"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "leraar@delinde.be is already on the staff list in this role."
    ]
    assert school.affiliations.filter(person=teacher).count() == 1


def test_a_contact_ends_a_colleagues_affiliation(client_of, school_contact, teacher, school):
    affiliation = school.affiliations.get(person=teacher)
    response = client_of(school_contact).post(end_url(affiliation))
    assert response.status_code == 302
    assert response["Location"] == staff_url(school)
    affiliation.refresh_from_db()
    assert affiliation.until is not None


def test_ending_needs_a_post(client_of, school_contact, teacher, school):
    affiliation = school.affiliations.get(person=teacher)
    assert client_of(school_contact).get(end_url(affiliation)).status_code == 405


def test_an_affiliation_of_another_organisation_cannot_be_ended_through_mine(
    client_of, school_contact, school, other_school, lab_lead
):
    foreign = other_school.affiliations.get(person=lab_lead)
    url = reverse("network:end_staff", args=[school.slug, foreign.pk])
    assert client_of(school_contact).post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.until is None


def test_a_contact_cannot_end_the_last_contact_and_is_told_why(client_of, school_contact, school):
    affiliation = school.affiliations.get(person=school_contact)
    url = english("network:end_staff", school.slug, affiliation.pk)
    response = client_of(school_contact).post(url, follow=True)
    assert "An organisation needs a contact person" in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.until is None


def test_a_contact_who_steps_down_is_sent_to_their_organisations(
    client_of, school_contact, teacher, school
):
    affiliate(teacher, school, Affiliation.Role.CONTACT)
    affiliation = school.affiliations.get(person=school_contact)
    response = client_of(school_contact).post(end_url(affiliation))
    assert response["Location"] == reverse("network:mine")


def test_the_staff_list_can_be_searched_when_it_is_long(client_of, school_contact, school):
    for number in range(12):
        affiliate(make_person(full_name=f"Collega {number:02}"), school)
    client = client_of(school_contact)
    response = client.get(staff_url(school))
    assert response.context["show_search"]
    response = client.get(staff_url(school), {"q": "collega 07"})
    assert [m.person.full_name for m in response.context["members"]] == ["Collega 07"]


def test_a_short_staff_list_has_no_search_box(client_of, school_contact, school):
    response = client_of(school_contact).get(staff_url(school))
    assert not response.context["show_search"]
    assert 'role="search"' not in response.content.decode()


def test_the_staff_list_costs_the_same_queries_for_25_people(
    client_of, school_contact, school, django_assert_max_num_queries
):
    for number in range(25):
        affiliate(make_person(full_name=f"Collega {number:02}"), school)
    client = client_of(school_contact)
    with django_assert_max_num_queries(8):
        response = client.get(staff_url(school))
    assert len(response.context["members"]) == 26
    assert response.content.decode().count('<th scope="row"') == 26


def test_a_team_member_manages_any_staff_list(client_of, team_member, other_school):
    response = client_of(team_member).get(staff_url(other_school))
    assert response.status_code == 200
