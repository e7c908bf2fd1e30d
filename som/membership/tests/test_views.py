import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from som.finance.models import Invoice
from som.finance.payment_codes import formatted
from som.membership import services
from som.membership.models import Application, Membership, RegisterEntry
from som.membership.tests.conftest import tariff
from som.membership.tests.factories import approved_membership, invoice_of, paid_membership
from som.network.models import Affiliation
from som.network.tests.factories import affiliate, make_organisation

TEAM_PAGES = ["membership:applications", "membership:overview", "membership:register"]


def url(name, *args):
    """The English address, so the pages answer in English whatever the default language."""
    with translation.override("en"):
        return reverse(name, args=args)


def apply_form(membership_type, year, organisation=None, code="standard", justification=""):
    return {
        "membership_type": membership_type.code,
        "tariff": tariff(membership_type, code).pk,
        "year": year.year,
        "organisation": organisation.pk if organisation else "",
        "justification": justification,
    }


@pytest.fixture
def school_member(school_contact, school, team_member, general, this_year):
    return paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )


def pending(applicant, membership_type, year, organisation=None, code="standard"):
    return services.apply(
        applicant=applicant,
        membership_type=membership_type,
        tariff=tariff(membership_type, code),
        year=year,
        organisation=organisation,
        justification="Veel kwetsbare leerlingen" if code == "reduced" else "",
    )


# --- Applying -------------------------------------------------------------------------------------


def test_the_apply_page_needs_a_login(db):
    response = Client().get(url("membership:apply"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_apply_page_offers_the_tariffs_with_the_reduced_conditions(
    client_of, school_contact, school, general, this_year
):
    response = client_of(school_contact).get(url("membership:apply"))
    assert response.status_code == 200
    reduced = tariff(general, "reduced")
    with translation.override("en"):
        assert reduced.display_conditions
        assert reduced.display_conditions in response.content.decode()
    assert school.name in response.content.decode()
    assert response.context["form"].initial["organisation"] == school.pk


def test_a_contact_can_also_apply_for_a_lab_membership_for_themselves(
    client_of, school_contact, school, lab, this_year
):
    """The radio list of "for whom" offers the person themselves next to their schools."""
    page = client_of(school_contact).get(url("membership:apply"))
    choices = [value for value, _label in page.context["form"].fields["organisation"].choices]
    assert "" in choices and school.pk in [getattr(v, "value", v) for v in choices]
    response = client_of(school_contact).post(
        url("membership:apply"), apply_form(lab, this_year, code="standard")
    )
    assert response.status_code == 302
    assert Application.objects.get().organisation is None


def test_a_contact_applies_for_general_membership_of_their_school(
    client_of, school_contact, school, general, this_year
):
    response = client_of(school_contact).post(
        url("membership:apply"), apply_form(general, this_year, school)
    )
    assert response.status_code == 302
    assert response["Location"] == url("membership:mine")
    application = Application.objects.get()
    assert (application.organisation, application.applicant) == (school, school_contact)
    assert application.status == Application.Status.PENDING


def test_a_person_applies_for_a_reduced_lab_membership_with_a_justification(
    client_of, teacher, lab, this_year
):
    data = apply_form(lab, this_year, code="reduced", justification="Ik ben student.")
    response = client_of(teacher).post(url("membership:apply"), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.organisation is None
    assert application.justification == "Ik ben student."


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("general_for_myself", "General membership is for education institutions"),
        ("lab_for_a_school", "has an institution number"),
        ("tariff_of_the_other_type", "This tariff is not offered"),
        ("reduced_without_justification", "Explain briefly why"),
    ],
)
def test_a_refused_application_shows_the_reason_on_the_form_and_changes_nothing(
    client_of, school_contact, school, general, lab, this_year, case, message
):
    data = {
        "general_for_myself": apply_form(general, this_year),
        "lab_for_a_school": apply_form(lab, this_year, school),
        "tariff_of_the_other_type": {
            **apply_form(general, this_year, school),
            "tariff": tariff(lab).pk,
        },
        "reduced_without_justification": apply_form(general, this_year, school, code="reduced"),
    }[case]
    response = client_of(school_contact).post(url("membership:apply"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].non_field_errors())
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_second_application_for_the_same_year_is_refused_on_the_form(
    client_of, school_contact, school, general, this_year
):
    pending(school_contact, general, this_year, school)
    response = client_of(school_contact).post(
        url("membership:apply"), apply_form(general, this_year, school)
    )
    assert response.status_code == 200
    assert "already is an application" in response.content.decode()
    assert Application.objects.count() == 1


def test_nobody_applies_for_an_organisation_they_are_not_contact_of(
    client_of, outsider, school, general, this_year
):
    response = client_of(outsider).post(
        url("membership:apply"), apply_form(general, this_year, school)
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Application.objects.exists()


# --- My membership --------------------------------------------------------------------------------


def test_my_membership_invites_to_apply_when_there_is_nothing(client_of, teacher):
    response = client_of(teacher).get(url("membership:mine"))
    assert response.status_code == 200
    assert url("membership:apply") in response.content.decode()
    assert response.context["cards"] == []


def test_the_contact_sees_the_membership_its_invoice_and_the_register(
    client_of, school_contact, school_member
):
    invoice = invoice_of(school_member)
    response = client_of(school_contact).get(url("membership:mine"))
    content = response.content.decode()
    assert response.status_code == 200
    assert invoice.number in content
    assert formatted(invoice.structured_reference) in content
    assert "+++" in formatted(invoice.structured_reference)
    with translation.override("en"):
        assert reverse("finance:invoice_pdf", kwargs={"number": invoice.number}) in content
    assert url("membership:resign", school_member.pk) in content
    assert url("membership:representative", school_member.pk) in content
    assert [entry.kind for entry in response.context["register_entries"]] == ["admission"]


def test_the_contact_withdraws_a_pending_application(
    client_of, school_contact, school, general, this_year
):
    application = pending(school_contact, general, this_year, school)
    client = client_of(school_contact)
    assert (
        url("membership:withdraw", application.pk)
        in client.get(url("membership:mine")).content.decode()
    )
    response = client.post(url("membership:withdraw", application.pk))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_an_outsider_does_not_see_another_schools_membership_or_invoices(
    client_of, outsider, school_member
):
    invoice = invoice_of(school_member)
    response = client_of(outsider).get(url("membership:mine"))
    assert response.context["cards"] == []
    assert invoice.number not in response.content.decode()


@pytest.mark.parametrize("person", ["outsider", "teacher"])
def test_others_cannot_resign_or_change_the_representative_of_a_school(
    client_of, request, school_member, person
):
    client = client_of(request.getfixturevalue(person))
    for name in ["membership:resign", "membership:representative"]:
        assert client.get(url(name, school_member.pk)).status_code == 404
        assert client.post(url(name, school_member.pk), {"note": "weg"}).status_code == 404
    school_member.refresh_from_db()
    assert school_member.status == Membership.Status.ACTIVE


def test_nobody_withdraws_someone_elses_application(
    client_of, outsider, school_contact, school, general, this_year
):
    application = pending(school_contact, general, this_year, school)
    assert client_of(outsider).post(url("membership:withdraw", application.pk)).status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_the_contact_resigns_after_reading_what_it_means(
    client_of, school_contact, school, school_member
):
    client = client_of(school_contact)
    page = client.get(url("membership:resign", school_member.pk))
    assert page.status_code == 200
    assert "What resigning means" in page.content.decode()
    response = client.post(url("membership:resign", school_member.pk), {"note": "We stoppen."})
    assert response.status_code == 302
    school_member.refresh_from_db()
    assert school_member.status == Membership.Status.ENDED
    last = RegisterEntry.objects.filter(organisation=school).latest("number")
    assert (last.kind, last.note) == (RegisterEntry.Kind.RESIGNATION, "We stoppen.")


def test_the_contact_makes_a_colleague_the_representative(
    client_of, school_contact, teacher, school, school_member
):
    client = client_of(school_contact)
    page = client.get(url("membership:representative", school_member.pk))
    assert teacher.email in page.content.decode()
    response = client.post(
        url("membership:representative", school_member.pk), {"representative": teacher.pk}
    )
    assert response.status_code == 302
    school_member.refresh_from_db()
    assert school_member.representative == teacher
    assert RegisterEntry.objects.filter(kind=RegisterEntry.Kind.REPRESENTATIVE).exists()


def test_only_current_staff_can_become_the_representative(
    client_of, school_contact, outsider, school_member
):
    response = client_of(school_contact).post(
        url("membership:representative", school_member.pk), {"representative": outsider.pk}
    )
    assert response.status_code == 200
    school_member.refresh_from_db()
    assert school_member.representative != outsider


def test_my_membership_costs_the_same_queries_for_many_memberships(
    client_of,
    school_contact,
    team_member,
    general,
    this_year,
    next_year,
    django_assert_max_num_queries,
):
    for n in range(6):
        organisation = make_organisation(name=f"School {n}")
        affiliate(school_contact, organisation, Affiliation.Role.CONTACT)
        for year in (this_year, next_year):
            paid_membership(
                applicant=school_contact,
                team=team_member,
                year=year,
                membership_type=general,
                organisation=organisation,
            )
    client = client_of(school_contact)
    with django_assert_max_num_queries(7):
        response = client.get(url("membership:mine"))
    assert len(response.context["cards"]) == 12


# --- The team pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["outsider", "teacher", "school_contact"])
@pytest.mark.parametrize("name", TEAM_PAGES)
def test_team_pages_do_not_exist_for_others(client_of, request, name, person, this_year):
    assert client_of(request.getfixturevalue(person)).get(url(name)).status_code == 404


def test_others_cannot_approve_decline_or_correct(
    client_of, outsider, school_contact, school, school_member, general, next_year
):
    application = pending(school_contact, general, next_year, school)
    entry = RegisterEntry.objects.get()
    client = client_of(outsider)
    assert client.post(url("membership:approve", application.pk)).status_code == 404
    assert (
        client.post(url("membership:decline", application.pk), {"reason": "x"}).status_code == 404
    )
    assert (
        client.post(url("membership:correct_entry", entry.number), {"note": "x"}).status_code == 404
    )
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert RegisterEntry.objects.count() == 1


def test_the_team_sees_pending_applications_first_oldest_first(
    client_of,
    team_member,
    school_contact,
    outsider,
    school,
    other_school,
    teacher,
    general,
    lab,
    this_year,
):
    first = pending(school_contact, general, this_year, school, code="reduced")
    second = pending(outsider, general, this_year, other_school)
    handled = pending(teacher, lab, this_year)
    services.decline(application=handled, reason="Geen lid", by=team_member)
    response = client_of(team_member).get(url("membership:applications"))
    assert response.context["pending"] == [first, second]
    assert list(response.context["handled"]) == [handled]
    assert "Veel kwetsbare leerlingen" in response.content.decode()


def test_the_team_searches_and_filters_applications(
    client_of, team_member, school_contact, teacher, school, general, lab, this_year
):
    mine = pending(school_contact, general, this_year, school)
    pending(teacher, lab, this_year)
    client = client_of(team_member)
    response = client.get(url("membership:applications"), {"q": "linde"})
    assert response.context["pending"] == [mine]
    response = client.get(url("membership:applications"), {"status": "declined"})
    assert response.context["pending"] == []


def test_the_team_approves_from_the_page(
    client_of, team_member, school_contact, school, general, this_year
):
    application = pending(school_contact, general, this_year, school)
    response = client_of(team_member).post(url("membership:approve", application.pk))
    assert response.status_code == 302
    membership = Membership.objects.get(application=application)
    assert invoice_of(membership).status == Invoice.Status.OPEN


def test_the_team_declines_with_a_reason(
    client_of, team_member, school_contact, school, general, this_year
):
    application = pending(school_contact, general, this_year, school)
    client = client_of(team_member)
    assert client.get(url("membership:decline", application.pk)).status_code == 200
    response = client.post(url("membership:decline", application.pk), {"reason": "Geen school."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == ("declined", "Geen school.")


def test_declining_without_a_reason_is_refused(
    client_of, team_member, school_contact, school, general, this_year
):
    application = pending(school_contact, general, this_year, school)
    response = client_of(team_member).post(
        url("membership:decline", application.pk), {"reason": " "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_the_applications_page_costs_the_same_queries_for_many_rows(
    client_of, team_member, general, this_year, django_assert_max_num_queries
):
    for n in range(8):
        organisation = make_organisation(name=f"School {n}")
        contact = affiliate_contact(organisation, n)
        application = pending(contact, general, this_year, organisation)
        if n % 2:
            services.decline(application=application, reason="Nee", by=team_member)
    client = client_of(team_member)
    with django_assert_max_num_queries(6):
        response = client.get(url("membership:applications"))
    assert len(response.context["pending"]) == 4


def affiliate_contact(organisation, n):
    from som.network.tests.factories import make_person

    person = make_person(email=f"contact{n}@school{n}.be")
    affiliate(person, organisation, Affiliation.Role.CONTACT)
    return person


# --- The overview ---------------------------------------------------------------------------------


def test_the_overview_counts_members_and_lists_unpaid_invoices(
    client_of, team_member, school_member, outsider, other_school, general, this_year
):
    unpaid = approved_membership(
        applicant=outsider,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=other_school,
    )
    response = client_of(team_member).get(url("membership:overview"))
    assert response.status_code == 200
    general_row = response.context["counts"][0]
    assert general_row.total == 2
    assert [invoice for invoice, age in response.context["unpaid"]] == [invoice_of(unpaid)]
    paid = invoice_of(school_member)
    assert [row.total for row in response.context["income"]] == [paid.amount]


def test_the_overview_filters_by_status_and_holder(
    client_of, team_member, school_member, outsider, other_school, general, this_year
):
    approved_membership(
        applicant=outsider,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=other_school,
    )
    client = client_of(team_member)
    response = client.get(url("membership:overview"), {"status": "active"})
    assert list(response.context["memberships"]) == [school_member]
    response = client.get(url("membership:overview"), {"q": "ring"})
    assert [m.organisation for m in response.context["memberships"]] == [other_school]


def test_the_overview_exports_the_filtered_list_as_csv_for_excel(
    client_of, team_member, school_member, school
):
    response = client_of(team_member).get(url("membership:overview"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Holder"
    assert rows[1][0] == school.name
    assert rows[1][6] == "Active"


def test_the_overview_costs_the_same_queries_for_many_rows(
    client_of, team_member, general, this_year, django_assert_max_num_queries
):
    for n in range(8):
        organisation = make_organisation(name=f"School {n}")
        contact = affiliate_contact(organisation, n)
        make = paid_membership if n % 2 else approved_membership
        make(
            applicant=contact,
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )
    client = client_of(team_member)
    with django_assert_max_num_queries(14):
        response = client.get(url("membership:overview"))
    assert len(response.context["unpaid"]) == 4


# --- The member register --------------------------------------------------------------------------


def test_the_register_shows_the_voting_members_on_a_date(
    client_of, team_member, school_member, school
):
    client = client_of(team_member)
    today = timezone.localdate()
    response = client.get(url("membership:register"), {"date": today.isoformat()})
    assert [line.organisation for line in response.context["lines"]] == [school]
    before = today - datetime.timedelta(days=400)
    response = client.get(url("membership:register"), {"date": before.isoformat()})
    assert response.context["lines"] == []
    assert len(response.context["entries"]) == 1


def test_the_register_exports_csv(client_of, team_member, school_member, school):
    response = client_of(team_member).get(url("membership:register"), {"format": "csv"})
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0][:2] == ["Number", "Member"]
    assert rows[1][1] == school.name
    assert len(rows) == 2


def test_the_register_exports_xlsx(client_of, team_member, school_member, school):
    response = client_of(team_member).get(url("membership:register"), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B1"].value == "Member"
    assert sheet["B2"].value == school.name


def test_the_register_exports_pdf(client_of, team_member, school_member):
    response = client_of(team_member).get(url("membership:register"), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_team_corrects_a_register_entry_with_a_note(
    client_of, team_member, school_member, school
):
    entry = RegisterEntry.objects.get()
    client = client_of(team_member)
    refused = client.post(url("membership:correct_entry", entry.number), {"note": ""})
    assert refused.status_code == 200
    assert RegisterEntry.objects.count() == 1
    response = client.post(url("membership:correct_entry", entry.number), {"note": "Dubbel."})
    assert response.status_code == 302
    correction = RegisterEntry.objects.get(corrects=entry)
    assert (correction.kind, correction.note) == (RegisterEntry.Kind.CORRECTION, "Dubbel.")
    assert client.get(url("membership:register")).context["lines"] == []


def test_the_register_page_costs_the_same_queries_for_many_entries(
    client_of, team_member, general, this_year, django_assert_max_num_queries
):
    for n in range(8):
        organisation = make_organisation(name=f"School {n}")
        paid_membership(
            applicant=affiliate_contact(organisation, n),
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )
    client = client_of(team_member)
    with django_assert_max_num_queries(7):
        response = client.get(url("membership:register"))
    assert len(response.context["lines"]) == 8
