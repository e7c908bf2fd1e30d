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


def test_a_document_that_only_claims_to_be_a_pdf_downloads_as_bytes(
    client_of, convened, members, secretary, settings, tmp_path
):
    """The browser's content type is a claim: HTML sent as application/pdf is stored as bytes
    and downloads, and is never shown inline as a PDF; a real PDF opens in the browser."""
    settings.MEDIA_ROOT = tmp_path
    fake = services.add_document(
        meeting=convened,
        title="Begroting",
        filename="begroting-2027.pdf",
        content_type="application/pdf",
        content=b"<html><script>alert(1)</script></html>",
        by=secretary,
    )
    sheet = services.add_document(
        meeting=convened,
        title="Rekeningen",
        filename="rekeningen.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=b"PK\x03\x04 a spreadsheet",
        by=secretary,
    )
    assert fake.content_type == "application/octet-stream"
    assert sheet.content_type.endswith("spreadsheetml.sheet")
    response = client_of(members[0].representative).get(
        reverse("governance:document", args=[fake.pk])
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
