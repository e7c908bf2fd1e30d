import pytest
from django.urls import reverse
from django.utils import translation

from som.core import audit
from som.core.tests.admin_forms import change_form_data, form_errors
from som.network.models import Affiliation, EducationLevel, Organisation, Speerpunt
from som.network.tests.factories import make_organisation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def inline_management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def organisation_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Sint-Jansschool Leuven",
        "kind": "school",
        "sector": "education",
        "network": "kov",
        "levels": [EducationLevel.objects.get(code="lager").pk],
        "instellingsnummer": "12345",
        "enterprise_number": "",
        "street": "",
        "postal_code": "3000",
        "city": "Leuven",
        "website": "",
        **inline_management("email_domains", 1),
        "email_domains-0-domain": "@SintJans.be",
        **inline_management("affiliations", 0),
    }
    data.update(overrides)
    return data


def test_the_team_adds_an_organisation_in_the_back_office_and_it_is_audited(client_of, team_member):
    response = client_of(team_member).post(
        reverse("admin:network_organisation_add"), organisation_form()
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(name="Sint-Jansschool Leuven")
    assert organisation.slug == "sint-jansschool-leuven"
    assert organisation.instellingsnummer == "012345"
    assert list(organisation.email_domains.values_list("domain", flat=True)) == ["sintjans.be"]
    entry = audit.entries_for(organisation).get()
    assert (entry.action, entry.actor) == ("organisation.created", team_member)
    assert entry.changes["email_domains"] == [None, ["sintjans.be"]]
    assert entry.changes["levels"] == [None, ["lager"]]


def test_a_change_in_the_back_office_is_audited_with_before_and_after(client_of, team_member):
    organisation = make_organisation(name="De Ark", instellingsnummer="123456", levels=["lager"])
    url = reverse("admin:network_organisation_change", args=[organisation.pk])
    data = organisation_form(
        name="De Ark",
        instellingsnummer="123456",
        levels=[EducationLevel.objects.get(code="kleuter").pk],
        **{"email_domains-0-domain": "ark.be"},
    )
    response = client_of(team_member).post(url, data)
    assert response.status_code == 302
    entry = audit.entries_for(organisation).filter(action="organisation.updated").get()
    assert entry.actor == team_member
    assert entry.changes["levels"] == [["lager"], ["kleuter"]]
    assert entry.changes["email_domains"] == [[], ["ark.be"]]
    assert entry.changes["network"] == ["go", "kov"]
    history = client_of(team_member).get(
        reverse("admin:network_organisation_history", args=[organisation.pk])
    )
    assert "organisation.updated" in history.content.decode()


def test_the_back_office_refuses_a_bad_enterprise_number_and_changes_nothing(
    client_of, team_member
):
    response = client_of(team_member).post(
        reverse("admin:network_organisation_add"),
        organisation_form(enterprise_number="0403.170.702"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["enterprise_number"] == [
        "This is not a valid Belgian enterprise number (like 0123.456.749)."
    ]
    assert not Organisation.objects.exists()


def test_the_back_office_stores_a_dotted_enterprise_number_as_digits(client_of, team_member):
    client_of(team_member).post(
        reverse("admin:network_organisation_add"),
        organisation_form(enterprise_number="0403.170.701"),
    )
    assert Organisation.objects.get().enterprise_number == "0403170701"


def test_the_back_office_refuses_a_number_another_organisation_has(client_of, team_member, school):
    response = client_of(team_member).post(
        reverse("admin:network_organisation_add"),
        organisation_form(instellingsnummer=school.instellingsnummer),
    )
    assert response.status_code == 200
    assert "Basisschool De Linde already has" in str(response.context["adminform"].form.errors)


@pytest.mark.parametrize("value", ["1234", "12ab"])
def test_the_back_office_refuses_a_bad_institution_number(client_of, team_member, value):
    response = client_of(team_member).post(
        reverse("admin:network_organisation_add"), organisation_form(instellingsnummer=value)
    )
    assert response.status_code == 200
    assert not Organisation.objects.exists()


def test_the_back_office_refuses_a_domain_another_organisation_has(client_of, team_member, school):
    response = client_of(team_member).post(
        reverse("admin:network_organisation_add"),
        organisation_form(**{"email_domains-0-domain": "DeLinde.be"}),
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Sint-Jansschool Leuven").exists()


@pytest.mark.parametrize("term", ["delinde.be", "Linde", "basisschool de"])
def test_the_organisation_list_can_be_searched(client_of, team_member, school, other_school, term):
    response = client_of(team_member).get(
        reverse("admin:network_organisation_changelist"), {"q": term}
    )
    assert list(response.context["cl"].queryset) == [school]


def test_the_organisation_list_finds_a_dotted_enterprise_number(client_of, team_member):
    organisation = make_organisation(name="Vzw", enterprise_number="0403170701")
    response = client_of(team_member).get(
        reverse("admin:network_organisation_changelist"), {"q": "0403.170.701"}
    )
    assert list(response.context["cl"].queryset) == [organisation]


def test_the_organisation_list_can_be_filtered(client_of, team_member, school, other_school):
    client = client_of(team_member)
    url = reverse("admin:network_organisation_changelist")
    secundair = EducationLevel.objects.get(code="secundair")
    response = client.get(url, {"levels__id__exact": secundair.pk})
    assert list(response.context["cl"].queryset) == [other_school]
    response = client.get(url, {"kind__exact": "school", "network__exact": "go"})
    assert set(response.context["cl"].queryset) == {school, other_school}


def test_the_affiliation_list_is_searchable_and_filterable(
    client_of, team_member, school, teacher, school_contact, outsider
):
    client = client_of(team_member)
    url = reverse("admin:network_affiliation_changelist")
    response = client.get(url, {"q": "leraar"})
    assert [a.person for a in response.context["cl"].queryset] == [teacher]
    response = client.get(url, {"role__exact": "contact", "organisation__id__exact": school.pk})
    assert [a.person for a in response.context["cl"].queryset] == [school_contact]


def test_a_person_can_be_found_by_autocomplete_for_an_affiliation(client_of, team_member, teacher):
    response = client_of(team_member).get(
        reverse("admin:autocomplete"),
        {
            "term": "lotte",
            "app_label": "network",
            "model_name": "affiliation",
            "field_name": "person",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Lotte Leraar"]


def test_an_affiliation_is_only_read_in_the_back_office(client_of, team_member, school, teacher):
    """The staff page and the claims change affiliations, through their services."""
    affiliation = school.affiliations.get(person=teacher)
    url = reverse("admin:network_affiliation_change", args=[affiliation.pk])
    client = client_of(team_member)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "person": teacher.pk,
            "organisation": school.pk,
            "role": Affiliation.Role.CONTACT,
            "job_title": "Directeur",
            "since": affiliation.since.isoformat(),
            "until": "",
        },
    )
    assert response.status_code == 403
    affiliation.refresh_from_db()
    assert affiliation.role == Affiliation.Role.STAFF
    assert client.get(reverse("admin:network_affiliation_add")).status_code == 403


def test_an_organisation_changed_in_the_back_office_goes_through_update_organisation(
    client_of, team_member, school, monkeypatch, django_capture_on_commit_callbacks
):
    from som.network import services

    calls = []
    update = services.update_organisation

    def spy(**kwargs):
        calls.append(kwargs)
        return update(**kwargs)

    monkeypatch.setattr(services, "update_organisation", spy)
    client = client_of(team_member)
    url = reverse("admin:network_organisation_change", args=[school.pk])
    data = change_form_data(client, url, name="Basisschool De Linde Leuven")

    response = client.post(url, data)

    assert response.status_code == 302, form_errors(response)
    assert [call["by"] for call in calls] == [team_member]
    assert calls[0]["data"].email_domains == ["delinde.be"]
    entry = audit.entries_for(school).get(action="organisation.updated")
    assert entry.actor == team_member
    assert entry.changes == {"name": ["Basisschool De Linde", "Basisschool De Linde Leuven"]}


def test_the_back_office_sets_an_organisations_speerpunten_through_the_service(
    client_of, team_member, school
):
    speerpunt = Speerpunt.objects.order_by("position")[0]
    client = client_of(team_member)
    url = reverse("admin:network_organisation_change", args=[school.pk])

    response = client.post(url, change_form_data(client, url, speerpunten=[str(speerpunt.pk)]))

    assert response.status_code == 302, form_errors(response)
    assert list(school.speerpunten.all()) == [speerpunt]
    entry = audit.entries_for(school).get(action="organisation.updated")
    assert entry.changes == {"speerpunten": [[], [speerpunt.slug]]}


def test_a_speerpunt_changed_in_the_back_office_is_audited(client_of, team_member):
    speerpunt = Speerpunt.objects.order_by("position")[0]
    client = client_of(team_member)
    url = reverse("admin:network_speerpunt_change", args=[speerpunt.pk])

    response = client.post(url, change_form_data(client, url, name_en="Something else"))

    assert response.status_code == 302, form_errors(response)
    entry = audit.entries_for(speerpunt).get()
    assert (entry.action, entry.actor) == ("speerpunt.updated", team_member)
    assert entry.changes["name_en"][1] == "Something else"


def test_the_claims_are_listed_read_only_in_the_back_office(client_of, team_member):
    client = client_of(team_member)
    assert client.get(reverse("admin:network_claim_changelist")).status_code == 200
    assert client.get(reverse("admin:network_claim_add")).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "admin:network_organisation_changelist",
        "admin:network_organisation_add",
        "admin:network_affiliation_changelist",
        "admin:network_speerpunt_changelist",
        "admin:network_educationlevel_changelist",
    ],
)
def test_the_back_office_pages_open(client_of, team_member, school, name):
    assert client_of(team_member).get(reverse(name)).status_code == 200


def test_an_outsider_has_no_back_office(client_of, outsider):
    response = client_of(outsider).get(reverse("admin:network_organisation_changelist"))
    assert response.status_code == 302


def test_the_order_of_the_levels_is_changed_in_the_list_through_the_service(client_of, team_member):
    levels = list(EducationLevel.objects.order_by("position", "pk"))
    first = levels[0]
    data = {
        "form-TOTAL_FORMS": str(len(levels)),
        "form-INITIAL_FORMS": str(len(levels)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for n, level in enumerate(levels):
        data[f"form-{n}-id"] = str(level.pk)
        data[f"form-{n}-position"] = str(99 if level == first else level.position)

    response = client_of(team_member).post(reverse("admin:network_educationlevel_changelist"), data)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.position == 99
    entry = audit.entries_for(first).get()
    assert (entry.action, entry.actor) == ("educationlevel.updated", team_member)
