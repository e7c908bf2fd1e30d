"""The error pages a visitor can meet, in the site's language and look instead of Django's bare
English ones: not found (with the site's header), no access, a server error, a refused form."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation
from django.views.defaults import permission_denied, server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_dutch_with_the_site_around_it(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in page
    assert 'class="site-header"' in page and 'href="/agenda/"' in page


def test_a_missing_english_page_says_so_in_english(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "This page does not exist (any more)" in response.content.decode()


def test_no_access_and_a_server_error_have_their_own_pages(rf):
    request = rf.get("/")
    request.user = AnonymousUser()  # as after the authentication middleware
    with translation.override("nl"):
        refused = permission_denied(request, PermissionDenied())
        failed = server_error(request)
    assert (
        refused.status_code == 403 and "Je kan deze pagina niet openen" in refused.content.decode()
    )
    assert failed.status_code == 500
    assert "Er liep iets mis bij ons" in failed.content.decode()


def test_an_expired_form_says_what_to_do():
    address = "/contact/"  # the contact page (Wagtail), with its form
    response = Client(enforce_csrf_checks=True).post(address, {"message": "Hallo"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit formulier is verlopen" in page and "herlaad de pagina" in page
