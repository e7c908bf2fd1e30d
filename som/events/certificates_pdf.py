"""The attendance certificate as a PDF (A4, one page per certificate), each page in its holder's
language, with the address of the public check page and its QR code.

The WeasyPrint recipe is the one of som/finance/documents.py (there is no shared helper yet: a
sixth copy, noted for issue 21 to gather them in som/core)."""

from collections.abc import Sequence

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

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
    with translation.override(language):
        return render_to_string(
            "events/_certificate_page.html",
            {
                "certificate": certificate,
                "language": language,
                "check_url": url,
                "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=0),
            },
        )


def certificates_pdf(certificates: Sequence[Certificate]) -> bytes:
    """One PDF with a page per certificate."""
    from weasyprint import HTML  # imported here: loading Pango costs time at start-up

    html = render_to_string(
        "events/certificate_pdf.html", {"pages": [_page(c) for c in certificates]}
    )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def filename_of(certificate: Certificate) -> str:
    return f"attest-{certificate.event_date.isoformat()}-{certificate.code}.pdf"
