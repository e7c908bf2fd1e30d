"""Documents as PDF (invoices, minutes, certificates, lists, the annual report): a template
rendered in the reader's language and printed by WeasyPrint, one recipe for all of them."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_html(template: str, context: dict[str, Any], language: str | None = None) -> str:
    if language is None:
        return render_to_string(template, context)
    with translation.override(language):
        return render_to_string(template, context)


def html_to_pdf(html: str) -> bytes:
    """Stylesheets and images are found from the project's folder (static/...)."""
    from weasyprint import HTML  # imported here: loading Pango costs time at start-up

    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def render_pdf(template: str, context: dict[str, Any], language: str | None = None) -> bytes:
    """`template` rendered in `language` (None: the active language) as a PDF."""
    return html_to_pdf(render_html(template, context, language))
