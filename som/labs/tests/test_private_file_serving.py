"""Who sends a private file's bytes (som/core/downloads.py): Django itself in development, nginx
through `X-Accel-Redirect` in production (SOM_X_ACCEL_REDIRECT). The permission check comes
first in both: a refused reader never learns the file's path."""

import pytest
from django.urls import reverse

from som.core import downloads
from som.labs.services import work
from som.labs.tests.labs_world import (  # noqa: F401 (fixtures)
    _media,
    call,
    confirmed,
    lab_data,
    members,
    network_day,
    past,
    pdf,
    proposal,
    reflection,
    running_lab,
    session_data,
    social_worker,
    submitted,
    welfare_org,
    written,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(running_lab, teacher):  # noqa: F811 (the fixture of labs_world)
    session = past(work.plan_session(lab=running_lab, data=session_data(), by=teacher))
    entry = work.record_session(
        session=session, by=teacher, attended=[teacher.pk], reflection=reflection(), uploads=[pdf()]
    )
    return entry.attachments.get()


def test_in_development_django_streams_the_file(client_of, lab_lead, attachment, settings):
    settings.SOM_X_ACCEL_REDIRECT = False
    response = client_of(lab_lead).get(reverse("labs:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_in_production_nginx_sends_the_file_after_the_check(
    client_of, lab_lead, outsider, attachment, settings
):
    settings.SOM_X_ACCEL_REDIRECT = True
    response = client_of(lab_lead).get(reverse("labs:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{attachment.file.name}"
    assert attachment.file.name.startswith("private/labs/")
    assert response.content == b""
    assert response["Content-Type"] == attachment.content_type
    assert attachment.name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]

    refused = client_of(outsider).get(reverse("labs:attachment", args=[attachment.pk]))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_a_name_with_spaces_and_accents_is_escaped_for_nginx(settings):
    settings.SOM_X_ACCEL_REDIRECT = True

    class Stored:
        name = "private/labs/1/logbook/verslag café 1.pdf"

    response = downloads.private_file(
        Stored(), filename="verslag café 1.pdf", content_type="application/pdf", as_attachment=True
    )
    expected = "/protected/private/labs/1/logbook/verslag%20caf%C3%A9%201.pdf"
    assert response["X-Accel-Redirect"] == expected
    assert response["Content-Disposition"].startswith("attachment;")
