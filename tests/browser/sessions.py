"""Logging a person in for a browser test."""

from django.test import Client
from playwright.sync_api import Page

from som.accounts.models import Person


def log_in(page: Page, person: Person, base_url: str) -> None:
    """Log in by the session cookie: the login form has its own browser tests, and a forced login
    also passes the two-factor middleware for a team member with an authenticator."""
    client = Client()
    client.force_login(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )
