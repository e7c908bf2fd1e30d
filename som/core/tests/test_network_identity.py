"""Another network runs the platform under its own name (issue 18, section 8): the organisation's
name, contact and source address are settings, and no page, mail or PDF says "SOM Leuven" then.
The demo keeps SOM Leuven's values, the defaults."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.template import engines
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from som.events import calendar
from som.finance.tasks import mail_invoice_task
from som.finance.tests.test_views import issue
from som.membership.entitlements import free_network_day

OTHER = {
    "SOM_NETWORK_NAME": "Netwerk X",
    "SOM_NETWORK_LONG_NAME": "Netwerk Xanten",
    "SOM_LEGAL_NAME": "Netwerk X vzw",
    "SOM_TEAM_EMAIL": "info@netwerk-x.example",
    "SOM_TEAM_PHONE": "012 34 56 78",
    "SOM_ADDRESS": "Marktplein 1, 9999 Xanten",
    "SOM_SOURCE_URL": "https://git.netwerk-x.example/platform",
}
# What only SOM Leuven's own pages, mails and documents may say.
SOM_ONLY = ["SOM Leuven", "Samen Onderwijs Maken", "samenonderwijsmaken", "0470 71", "Overstraeten"]


@pytest.fixture
def other_networks_pages(db):
    """The start pages as a new install of the other network makes them: the team's pages
    (Wagtail) carry the name the settings had when they were made."""
    from wagtail.models import Page

    from som.publishing.site_pages import ensure_site_pages

    with override_settings(**OTHER):
        Page.objects.filter(depth__gt=1).delete()
        ensure_site_pages()


def _home() -> str:
    """The home page (Wagtail) in the active language."""
    return "/en/" if translation.get_language() == "en" else "/"


def assert_not_som(text: str) -> None:
    found = [word for word in SOM_ONLY if word in text]
    assert not found, found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_home_page_carries_the_other_networks_name(client, other_networks_pages, language):
    with override_settings(**OTHER), translation.override(language):
        html = client.get(_home()).content.decode()
    assert_not_som(html)
    assert "Netwerk X" in html and "Netwerk Xanten" in html and "info@netwerk-x.example" in html


def test_the_invoice_mail_and_its_pdf_carry_the_other_networks_name(team_member, school):
    with override_settings(**OTHER):
        invoice = issue(team_member, organisation=school)
        mail.outbox.clear()
        mail_invoice_task.call(invoice_id=invoice.pk, language="nl", reminder=False)
    (message,) = mail.outbox
    assert_not_som(f"{message.subject}\n{message.body}")
    assert "Netwerk X" in message.subject and "Netwerk X" in message.body
    (_name, pdf, _type) = message.attachments[0]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert_not_som(text)
    assert "Netwerk X vzw" in text and "Marktplein 1, 9999 Xanten" in text


def test_messages_from_python_name_the_network_in_each_language(teacher, this_year):
    with override_settings(**OTHER):
        for language in ("nl", "en"):
            with translation.override(language):
                reason = free_network_day(teacher, this_year.starts_on).reason
            assert "Netwerk X" in reason and "SOM Leuven" not in reason


def test_the_calendar_the_api_and_the_back_office_carry_the_other_networks_name(client, db):
    with override_settings(**OTHER):
        feed = calendar.feed([]).decode()
        admin_header = str(admin.site.site_header)
    assert "PRODID:-//Netwerk X//Platform//NL" in feed and "X-WR-CALNAME:Netwerk X" in feed
    assert "Netwerk X" in admin_header and "SOM" not in admin_header
    assert_not_som(feed)


def test_the_defaults_are_som_leuvens(client, db):
    html = client.get(_home()).content.decode()
    assert "SOM Leuven" in html and settings.SOM_NETWORK_NAME == "SOM Leuven"


def test_the_footer_links_to_the_source_of_the_running_version(client, other_networks_pages):
    """AGPL section 13: whoever uses the site over the network can get its source."""
    with override_settings(**OTHER), translation.override("nl"):
        html = client.get(_home()).content.decode()
    assert '<a href="https://git.netwerk-x.example/platform">Broncode</a>' in html
    assert "versie 0." in html


def test_an_override_folder_replaces_the_organisations_own_texts(client, db, tmp_path):
    (tmp_path / "organisation").mkdir()
    (tmp_path / "organisation" / "footer_blurb.html").write_text("<p>Ons eigen verhaal.</p>")
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path, *list(engine["DIRS"])]  # type: ignore[call-overload]
    with override_settings(TEMPLATES=[engine]):
        html = client.get(_home()).content.decode()
        assert engines["django"].from_string("{{ network.name }}").render({}) == "SOM Leuven"
    assert "Ons eigen verhaal." in html
    assert "the network of and for Leuven education" not in html


def test_settings_derived_from_the_name_follow_it():
    """The sender, the mail subjects' prefix, the authenticator app's issuer and the legal name
    are worked out when the settings load, from SOM_NETWORK_NAME."""
    code = (
        "import config.settings as s;"
        "print(repr((s.DEFAULT_FROM_EMAIL, s.ACCOUNT_EMAIL_SUBJECT_PREFIX,"
        " s.MFA_TOTP_ISSUER, s.SOM_LEGAL_NAME)))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SOM_LEGAL_NAME", "DEFAULT_FROM_EMAIL"}
    }
    env.update(SOM_NETWORK_NAME="Netwerk X", SOM_TEAM_EMAIL="info@netwerk-x.example")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == repr(
        ("Netwerk X <info@netwerk-x.example>", "[Netwerk X] ", "Netwerk X", "Netwerk X vzw")
    )
