"""The public directory: who is listed (from the membership data), what each page shows (only
what the contact chose), who may change it, and the list's query budget."""

import datetime
from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from som.core.models import AuditEntry
from som.membership import services as membership_services
from som.membership.models import Membership
from som.membership.tests.factories import approved_membership, invoice_of, paid_membership
from som.network.models import Affiliation, Organisation
from som.network.services import end_affiliation
from som.network.tests.factories import affiliate, make_organisation, make_person
from som.publishing import directory
from som.publishing.models import DirectoryListing, OrganisationProfile


@pytest.fixture
def member(school, school_contact, team_member, this_year, general) -> Organisation:
    """De Linde: a paying general member this year."""
    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    Organisation.objects.filter(pk=school.pk).update(
        street="Naamsestraat 1", postal_code="3000", website="https://delinde.example"
    )
    school.refresh_from_db()
    return school


@pytest.fixture
def unpaid(other_school, outsider, team_member, this_year, general) -> Organisation:
    """De Ring: applied and approved, the invoice not paid yet."""
    approved_membership(
        applicant=outsider,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=other_school,
    )
    return other_school


@pytest.fixture
def city(db) -> Organisation:
    return make_organisation(
        name="Stad Leuven - Dienst Onderwijs",
        kind=Organisation.Kind.CITY,
        instellingsnummer="",
        network=Organisation.Network.NONE,
        sector=Organisation.Sector.GOVERNMENT,
        levels=[],
    )


def names(**filters: str) -> list[str]:
    page = directory.directory_page(directory.Filters(**filters))
    return [row["organisation"].name for row in page["rows"]]


def page_of(organisation: Organisation, client: Client | None = None):  # type: ignore[no-untyped-def]
    return (client or Client()).get(reverse("publishing:organisation", args=[organisation.slug]))


def choose(organisation: Organisation, by, **changes):  # type: ignore[no-untyped-def]
    choices: dict[str, Any] = {
        "listed": True,
        "description": "",
        "show_address": False,
        "show_levels": True,
        "show_network": True,
    }
    choices.update(changes)
    return directory.update_profile(organisation=organisation, by=by, **choices)


# --- Who is listed ---------------------------------------------------------------------------------


def test_a_paying_member_is_listed_and_an_unpaid_applicant_is_not(member, unpaid):
    assert names() == ["Basisschool De Linde"]
    assert page_of(member).status_code == 200
    assert page_of(unpaid).status_code == 404


def test_a_member_whose_renewal_lapsed_is_no_longer_listed(member, this_year, next_year):
    call_command("renew_memberships", str(next_year.year))
    renewal = Membership.objects.get(year=next_year, organisation=member)
    invoice = invoice_of(renewal)
    # The renewal counts from the first day of its year, while its invoice is in its grace time.
    assert [o.name for o in directory.listed_organisations(on=next_year.starts_on)] == [member.name]
    lapse_day = invoice.due_on + datetime.timedelta(days=next_year.grace_days)
    membership_services.send_reminders_and_lapse(today=lapse_day)
    renewal.refresh_from_db()
    assert renewal.status == Membership.Status.LAPSED
    assert not directory.listed_organisations(on=lapse_day).exists()


def test_a_partner_is_listed_without_a_membership_once_the_team_marks_it(city, team_member):
    assert names() == []
    assert page_of(city).status_code == 404
    directory.set_partner(organisation=city, is_partner=True, by=team_member)
    assert names() == [city.name]
    response = page_of(city)
    assert response.status_code == 200
    assert "Partner" in response.content.decode()
    assert AuditEntry.objects.filter(action="directory_partner_marked").count() == 1


def test_only_the_team_marks_partners(city, school_contact, teacher):
    for person in (school_contact, teacher):
        with pytest.raises(directory.DirectoryError):
            directory.set_partner(organisation=city, is_partner=True, by=person)
    assert not OrganisationProfile.objects.filter(is_partner=True).exists()


def test_a_member_that_chose_not_to_be_listed_disappears_and_its_page_is_gone(
    member, school_contact
):
    choose(member, school_contact, listed=False)
    assert names() == []
    assert page_of(member).status_code == 404
    choose(member, school_contact, listed=True)
    assert page_of(member).status_code == 200


def test_a_partner_that_chose_not_to_be_listed_is_not_listed(city, team_member):
    directory.set_partner(organisation=city, is_partner=True, by=team_member)
    choose(city, team_member, listed=False)
    assert names() == []
    assert page_of(city).status_code == 404


def test_the_list_is_sorted_by_name_and_says_how_many(member, team_member, this_year, general):
    for name in ("atheneum Zuid", "Zonnebloem", "Klim Op"):
        organisation = make_organisation(name=name)
        contact = make_person()
        affiliate(contact, organisation, Affiliation.Role.CONTACT)
        paid_membership(
            applicant=contact,
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )
    assert names() == ["atheneum Zuid", "Basisschool De Linde", "Klim Op", "Zonnebloem"]
    response = Client().get(reverse("publishing:directory"))
    assert response.status_code == 200
    assert response.context["facets"].members == 4
    assert response.context["facets"].partners == 0


def test_an_empty_directory_says_so(db):
    response = Client().get(reverse("publishing:directory"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "notice" in response.content.decode()


# --- Filters and search ----------------------------------------------------------------------------


@pytest.fixture
def several(member, team_member, this_year, general, city):
    """De Linde (lager, GO!, Leuven), a secondary KOV school in Heverlee, a partner city."""
    secondary = make_organisation(
        name="Sint-Pieterscollege",
        levels=["secundair"],
        network=Organisation.Network.KOV,
        city="Heverlee",
    )
    contact = make_person()
    affiliate(contact, secondary, Affiliation.Role.CONTACT)
    paid_membership(
        applicant=contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=secondary,
    )
    directory.set_partner(organisation=city, is_partner=True, by=team_member)
    return secondary


def test_filters_narrow_the_list(several, member, city):
    assert names(level="secundair") == ["Sint-Pieterscollege"]
    assert names(level="lager") == ["Basisschool De Linde"]
    assert names(network=Organisation.Network.KOV) == ["Sint-Pieterscollege"]
    assert names(city="heverlee") == ["Sint-Pieterscollege"]
    assert names(kind=Organisation.Kind.CITY) == [city.name]
    assert names(query="linde") == ["Basisschool De Linde"]
    assert names(query="de linde basis") == ["Basisschool De Linde"]
    assert names(query="nobody") == []


def test_the_filters_from_the_address_bar(several, client):
    url = reverse("publishing:directory")
    response = client.get(url, {"level": "secundair"})
    assert [r["organisation"].name for r in response.context["rows"]] == ["Sint-Pieterscollege"]
    # Nonsense in the address: the whole list, not an error.
    response = client.get(url, {"level": "<script>", "network": "x" * 500, "kind": "?"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    response = client.get(url, {"q": "zzz"})
    assert response.context["rows"] == []
    assert "No organisation matches" in response.content.decode() or "Geen" in (
        response.content.decode()
    )


def test_a_filter_never_reveals_levels_or_network_an_organisation_hides(
    several, school_contact, member
):
    choose(member, school_contact, show_levels=False, show_network=False)
    assert names(level="lager") == []
    assert names(network=Organisation.Network.GO) == []
    facets = directory.directory_page(directory.Filters())["facets"]
    assert "lager" not in [code for code, _label, _n in facets.levels]
    assert Organisation.Network.GO not in [code for code, _label, _n in facets.networks]
    content = page_of(member).content.decode()
    assert "GO!" not in content


def test_the_list_stays_within_five_queries_whatever_the_number(
    several, team_member, this_year, general, django_assert_max_num_queries
):
    url = reverse("publishing:directory")
    Client().get(url)  # the menu's links, kept per process once read
    with django_assert_max_num_queries(5):
        Client().get(url, {"q": "o"})
    for n in range(12):
        organisation = make_organisation(name=f"School {n}", levels=["lager", "kleuter"])
        contact = make_person()
        affiliate(contact, organisation, Affiliation.Role.CONTACT)
        paid_membership(
            applicant=contact,
            team=team_member,
            year=this_year,
            membership_type=general,
            organisation=organisation,
        )
    with django_assert_max_num_queries(5):
        response = Client().get(url, {"q": "o", "level": "lager"})
    assert len(response.context["rows"]) == 13


# --- An organisation's page ------------------------------------------------------------------------


def test_the_address_appears_only_when_the_contact_chose_it(
    member, school_contact, django_capture_on_commit_callbacks
):
    content = page_of(member).content.decode()
    assert "Naamsestraat" not in content
    assert "openstreetmap.org" not in content
    assert "https://delinde.example" in content  # the website is public anyway
    # The anonymous visitor's cached page goes once the choice is committed.
    with django_capture_on_commit_callbacks(execute=True):
        choose(member, school_contact, show_address=True, description="Een school <b>met</b> hart.")
    content = page_of(member).content.decode()
    assert "Naamsestraat 1" in content
    assert "https://www.openstreetmap.org/search?query=Naamsestraat+1%2C+3000+Leuven" in content
    assert "Een school &lt;b&gt;met&lt;/b&gt; hart." in content  # plain text, escaped


def test_only_people_who_chose_it_are_shown_and_never_their_address(
    member, teacher, school_contact, team_member
):
    colleague = make_person(email="stil@delinde.be", full_name="Stijn Stil")
    affiliate(colleague, member)
    directory.set_own_listing(
        person=teacher, organisation=member, listed=True, shown_role="Leerkracht 3de leerjaar"
    )
    content = page_of(member).content.decode()
    assert "Lotte Leraar" in content
    assert "Leerkracht 3de leerjaar" in content
    assert "Stijn Stil" not in content
    assert "Carla Contact" not in content
    assert "leraar@delinde.be" not in content
    assert "@" not in content.split("<main", 1)[1].split("</main>", 1)[0]
    # Once they leave the school, they no longer appear.
    affiliation = Affiliation.objects.get(person=teacher, organisation=member)
    end_affiliation(affiliation=affiliation, by=school_contact)
    assert not directory.listed_people(member).exists()
    caches["pages"].clear()  # an anonymous visitor's copy lives at most PAGE_SECONDS
    assert "Lotte Leraar" not in page_of(member).content.decode()


def test_a_person_takes_their_name_off_the_page_again(member, teacher):
    directory.set_own_listing(person=teacher, organisation=member, listed=True, shown_role="")
    directory.set_own_listing(person=teacher, organisation=member, listed=False)
    assert not DirectoryListing.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="directory_listing")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["directory_listing_added", "directory_listing_removed"]


def test_somebody_who_does_not_work_there_cannot_list_themselves(member, outsider, team_member):
    for person in (outsider, team_member):
        with pytest.raises(directory.DirectoryError):
            directory.set_own_listing(person=person, organisation=member, listed=True)
    assert not DirectoryListing.objects.exists()


def test_hidden_levels_and_network_are_not_on_the_page(
    member, school_contact, django_capture_on_commit_callbacks
):
    content = page_of(member).content.decode()
    assert "GO!" in content
    with django_capture_on_commit_callbacks(execute=True):
        choose(member, school_contact, show_levels=False, show_network=False)
    content = page_of(member).content.decode()
    assert "GO!" not in content
    assert "primary (lager)" not in content and "lager onderwijs" not in content.lower()


# --- Who may change it -----------------------------------------------------------------------------


def test_the_contact_changes_the_profile_and_it_is_audited(member, school_contact, client_of):
    url = reverse("publishing:edit_profile", args=[member.slug])
    client = client_of(school_contact)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "profile",
            "listed": "on",
            "description": "Wij zijn De Linde.",
            "show_address": "on",
            "show_levels": "on",
        },
    )
    assert response.status_code == 302
    profile = OrganisationProfile.objects.get(organisation=member)
    assert profile.description == "Wij zijn De Linde."
    assert profile.show_address and not profile.show_network
    entry = AuditEntry.objects.get(action="directory_profile_changed")
    assert entry.actor == school_contact
    assert entry.changes["show_network"] == [True, False]


def test_nobody_else_reaches_the_settings_and_a_forged_post_changes_nothing(
    member, teacher, outsider, client_of
):
    url = reverse("publishing:edit_profile", args=[member.slug])
    assert Client().get(url).status_code == 302  # to the login
    for person in (teacher, outsider):
        client = client_of(person)
        assert client.get(url).status_code == 404
        for action in ("profile", "partner", "listing"):
            response = client.post(url, {"action": action, "description": "Gekaapt"})
            assert response.status_code == 404
    assert not OrganisationProfile.objects.exists()
    assert not DirectoryListing.objects.exists()
    with pytest.raises(directory.DirectoryError):
        choose(member, teacher, listed=False)
    assert not OrganisationProfile.objects.filter(listed=False).exists()


def test_a_contact_cannot_mark_their_own_organisation_a_partner(unpaid, outsider, client_of):
    url = reverse("publishing:edit_profile", args=[unpaid.slug])
    response = client_of(outsider).post(url, {"action": "partner", "is_partner": "on"})
    assert response.status_code == 404  # that form is the team's only
    assert not OrganisationProfile.objects.filter(is_partner=True).exists()
    assert page_of(unpaid).status_code == 404


def test_a_description_too_long_is_refused_with_a_message(member, school_contact, client_of):
    url = reverse("publishing:edit_profile", args=[member.slug])
    response = client_of(school_contact).post(
        url, {"action": "profile", "listed": "on", "description": "x" * 1001}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert not OrganisationProfile.objects.exists()


def test_a_staff_member_chooses_their_own_place_on_the_page(member, teacher, client_of):
    url = reverse("publishing:my_listing", args=[member.slug])
    client = client_of(teacher)
    assert client.get(url).status_code == 200
    response = client.post(url, {"listed": "on", "shown_role": "Zorgleerkracht"})
    assert response.status_code == 302
    listing = DirectoryListing.objects.get()
    assert (listing.person, listing.shown_role) == (teacher, "Zorgleerkracht")
    content = page_of(member, client).content.decode()
    assert "Zorgleerkracht" in content


def test_the_own_listing_page_is_404_for_who_does_not_work_there(
    member, outsider, team_member, client_of
):
    url = reverse("publishing:my_listing", args=[member.slug])
    for person in (outsider, team_member):
        client = client_of(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"listed": "on", "shown_role": "Indringer"}).status_code == 404
    assert not DirectoryListing.objects.exists()


def test_the_contact_also_lists_themselves_from_the_settings_page(
    member, school_contact, client_of
):
    url = reverse("publishing:edit_profile", args=[member.slug])
    response = client_of(school_contact).post(
        url, {"action": "listing", "listed": "on", "shown_role": "Directeur"}
    )
    assert response.status_code == 302
    assert DirectoryListing.objects.get().shown_role == "Directeur"
