import json

import pytest
from django.core import mail

from som.accounts import services
from som.accounts.models import ErasureRequest, Person
from som.core.models import AuditEntry
from som.network.models import Affiliation


def test_a_person_downloads_all_their_data_as_json(client_of, teacher, school):
    response = client_of(teacher).get("/mijn-account/mijn-gegevens.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == teacher.email
    assert data["network"]["affiliations"][0]["organisation"] == school.name


def test_the_data_download_needs_a_login(client, db):
    response = client.get("/mijn-account/mijn-gegevens.json")
    assert response.status_code == 302


def test_asking_for_erasure_tells_the_team_and_changes_nothing_yet(
    client_of, teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(teacher).post(
            "/mijn-account/wissen/", {"reason": "Ik werk hier niet meer", "confirm": "on"}
        )
    assert response.status_code == 302
    assert ErasureRequest.objects.get(person=teacher).status == "pending"
    assert Person.objects.get(pk=teacher.pk).is_active
    assert {message.to[0] for message in mail.outbox} == {
        "hallo@samenonderwijsmaken.be",
        teacher.email,
    }


def test_asking_twice_says_it_is_already_asked(teacher):
    services.request_erasure(person=teacher)
    with pytest.raises(services.ErasureError) as error:
        services.request_erasure(person=teacher)
    assert error.value.code == "already_requested"
    assert ErasureRequest.objects.filter(person=teacher).count() == 1


def test_team_confirms_erasure_and_history_stays_pseudonymised(teacher, team_member):
    request = services.request_erasure(person=teacher)
    services.confirm_erasure(request=request, by=team_member)

    erased = Person.objects.get(pk=teacher.pk)
    assert not erased.is_active
    assert "delinde" not in erased.email and erased.email.endswith("@erased.invalid")
    assert "Lotte" not in erased.full_name
    assert not erased.has_usable_password()
    assert not Affiliation.objects.filter(person=erased).exists()
    # The audit log keeps the history, now pointing at the nameless account.
    assert AuditEntry.objects.filter(actor=erased).exists()
    assert AuditEntry.objects.filter(action="person.erased", object_id=str(erased.pk)).exists()


def test_only_the_team_confirms_erasure(teacher, school_contact):
    request = services.request_erasure(person=teacher)
    with pytest.raises(services.ErasureError) as error:
        services.confirm_erasure(request=request, by=school_contact)
    assert error.value.code == "not_team"
    assert Person.objects.get(pk=teacher.pk).is_active


def test_a_request_is_decided_once(teacher, team_member):
    request = services.request_erasure(person=teacher)
    services.decline_erasure(request=request, by=team_member, reason="Lopende factuur")
    with pytest.raises(services.ErasureError) as error:
        services.confirm_erasure(request=request, by=team_member)
    assert error.value.code == "already_decided"
    assert Person.objects.get(pk=teacher.pk).is_active


def test_team_confirms_erasure_from_the_back_office(client_of, teacher, team_member):
    request = services.request_erasure(person=teacher)
    response = client_of(team_member).post(
        "/admin/accounts/erasurerequest/",
        {"action": "confirm", "_selected_action": [request.pk]},
    )
    assert response.status_code == 302
    assert not Person.objects.get(pk=teacher.pk).is_active


def test_team_declines_erasure_in_the_back_office_with_a_reason_that_is_mailed(
    client_of, teacher, team_member, django_capture_on_commit_callbacks
):
    request = services.request_erasure(person=teacher)
    url = "/admin/accounts/erasurerequest/"
    client = client_of(team_member)
    asked = client.post(url, {"action": "decline", "_selected_action": [request.pk]})
    assert asked.status_code == 200  # the page asking for a reason
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"action": "decline", "_selected_action": [request.pk], "reason": "Open factuur"},
        )
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.DECLINED
    assert any("Open factuur" in str(message.body) for message in mail.outbox)
    assert Person.objects.get(pk=teacher.pk).is_active


def test_the_export_holds_what_every_app_knows_about_the_person(
    client_of, school_contact, school, general, this_year, team_member
):
    from som.events import services as events
    from som.events.tests.factories import make_event
    from som.membership.tests.factories import paid_membership

    paid_membership(
        applicant=school_contact,
        team=team_member,
        year=this_year,
        membership_type=general,
        organisation=school,
    )
    events.register(event=make_event(title="Netwerkdag"), person=school_contact)
    data = json.loads(client_of(school_contact).get("/mijn-account/mijn-gegevens.json").content)
    assert data["membership"]["membership_applications"][0]["for"] == school.name
    assert data["membership"]["represents_in_general_assembly"] == [school.name]
    assert data["events"]["event_registrations"][0]["event"] == "Netwerkdag"
    assert data["finance"] == {"invoices": []}  # the school's invoice is the school's
    assert data["voting"] == {"votes_cast": [], "named_votes": []}


def test_the_export_holds_the_persons_audit_entries_and_named_votes_never_secret_ones(
    client_of, teacher
):
    from som.voting import services as voting
    from som.voting.models import Poll
    from som.voting.tests.test_engine import make_poll, option_ids

    named = make_poll(secrecy=Poll.Secrecy.NAMED, labels=["Labo A", "Labo B"], voters=[teacher])
    secret = make_poll(secrecy=Poll.Secrecy.SECRET, labels=["Labo C", "Labo D"], voters=[teacher])
    voting.cast_ballot(poll=named, voter=teacher, choices=option_ids(named)[1:])
    voting.cast_ballot(poll=secret, voter=teacher, choices=option_ids(secret)[:1])
    services.update_profile(person=teacher, full_name="Lotte Leraar-Peeters", language="nl")

    data = json.loads(client_of(teacher).get("/mijn-account/mijn-gegevens.json").content)
    assert [vote["choices"] for vote in data["voting"]["named_votes"]] == [["Labo B"]]
    assert len(data["voting"]["votes_cast"]) == 2  # that they voted in both
    assert "Labo C" not in json.dumps(data)  # how they voted in secret: never
    actions = [entry["action"] for entry in data["audit_log"]]
    assert "person.updated" in actions
    assert all(entry["at"] for entry in data["audit_log"])
    other_entries = AuditEntry.objects.exclude(actor=teacher).count()
    assert (
        other_entries and len(data["audit_log"]) == AuditEntry.objects.filter(actor=teacher).count()
    )
