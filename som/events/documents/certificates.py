"""The attendance certificate as a PDF (A4, one page per certificate), each page in its holder's
language, with the address of the public check page and its QR code (printed by
`som.core.pdf`)."""

from collections.abc import Sequence

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from som.core.pdf import render_html, render_pdf
from som.events.models import Certificate


def holder_language(certificate: Certificate) -> str:
    return certificate.registration.person.language or settings.LANGUAGE_CODE


def check_url(certificate: Certificate, language: str | None = None) -> str:
    """The public check page, in the language given (the holder's by default)."""
    with translation.override(language or holder_language(certificate)):
        path = reverse("certificate_check", kwargs={"code": certificate.code})
    return settings.SITE_URL.rstrip("/") + path


def _page(certificate: Certificate) -> str:
    language = holder_language(certificate)
    url = check_url(certificate, language)
    return render_html(
        "events/_certificate_page.html",
        {
            "certificate": certificate,
            "language": language,
            "check_url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=0),
        },
        language,
    )


def certificates_pdf(certificates: Sequence[Certificate]) -> bytes:
    """One PDF with a page per certificate."""
    return render_pdf("events/certificate_pdf.html", {"pages": [_page(c) for c in certificates]})


def filename_of(certificate: Certificate) -> str:
    return f"attest-{certificate.event_date.isoformat()}-{certificate.code}.pdf"
