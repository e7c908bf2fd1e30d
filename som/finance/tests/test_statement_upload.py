"""A bank statement upload goes through the one upload checker (som.core.files) as a plain text
file: a PDF or a photo is refused with the checker's message before anything is parsed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from som.core import files
from som.finance.models import StatementImport
from som.finance.testing import coda_file


def test_a_coda_file_is_plain_text_to_the_upload_checker():
    checked = files.check(SimpleUploadedFile("a.cod", coda_file([])), kinds={files.TEXT})
    assert checked.content_type == files.TEXT


def test_a_pdf_is_not_a_bank_statement(client_of, team_member):
    upload = SimpleUploadedFile("statement.cod", b"%PDF-1.7\n\x00\x01binary")
    response = client_of(team_member).post(reverse("finance:payments"), {"file": upload})
    assert response.status_code == 200
    assert "Het bestand statement.cod is geen tekstbestand." in response.content.decode()
    assert not StatementImport.objects.exists()


def test_the_documents_checker_keeps_its_kinds_and_messages():
    upload = SimpleUploadedFile("notes.txt", b"just text")
    with translation.override("en"), pytest.raises(files.FileRefused) as refused:
        files.check(upload)
    assert refused.value.code == "wrong_type"
    assert refused.value.message == "The file notes.txt is not a PDF, JPEG or PNG file."
