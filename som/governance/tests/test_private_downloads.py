"""The general assembly's documents are for its members: no browser or proxy keeps them."""

import pytest
from django.urls import reverse

from som.governance import services

pytestmark = pytest.mark.django_db


def test_a_meeting_document_is_private_and_not_stored(
    client_of, convened, members, secretary, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = services.add_document(
        meeting=convened,
        title="Begroting",
        filename="begroting-2027.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4 begroting",
        by=secretary,
    )
    response = client_of(members[0].representative).get(
        reverse("governance:document", args=[document.pk])
    )
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
