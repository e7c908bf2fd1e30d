from som.core import audit
from som.core.models import AuditEntry


def test_diff_keeps_only_changed_fields():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


def test_entries_for_an_object_are_newest_first(school, team_member):
    audit.record(actor=team_member, action="organisation.checked", obj=school)
    entries = list(audit.entries_for(school))
    assert entries[0].action == "organisation.checked"
    assert entries[-1].action == "organisation.created"
    assert entries[0].actor == team_member


def test_team_reads_the_audit_log_of_an_organisation_in_the_back_office(
    client_of, team_member, school
):
    audit.record(actor=team_member, action="organisation.checked", obj=school)
    response = client_of(team_member).get(f"/admin/network/organisation/{school.pk}/history/")
    assert response.status_code == 200
    assert b"organisation.checked" in response.content


def test_outsider_cannot_read_the_audit_log(client_of, outsider, school):
    response = client_of(outsider).get(f"/admin/network/organisation/{school.pk}/history/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_id=str(school.pk)).exists()
