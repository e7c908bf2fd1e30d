"""The template engine: Django's, with the organisation that runs the platform in every context.

Templates, mails and PDFs name the organisation as `{{ network.name }}` (and `long_name`,
`legal_name`, `email`, `phone`, `address`, `logo`, `source_url`, `version`), read from the
settings (config/settings.py, "The organisation that runs the platform"). A context processor
would only reach templates rendered for a request; mails and PDFs are rendered by tasks without
one, so the engine adds it to every render. A context that names `network` itself keeps its own.
"""

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates, Template, reraise


@cache
def _version() -> str:
    try:
        return version("som-leuven")
    except PackageNotFoundError:  # a checkout that was never installed
        return ""


class Network:
    """The organisation's identity, read from the settings at each use (tests change them)."""

    @property
    def name(self) -> str:
        return str(settings.SOM_NETWORK_NAME)

    @property
    def long_name(self) -> str:
        return str(settings.SOM_NETWORK_LONG_NAME)

    @property
    def legal_name(self) -> str:
        return str(settings.SOM_LEGAL_NAME)

    @property
    def email(self) -> str:
        return str(settings.SOM_TEAM_EMAIL)

    @property
    def phone(self) -> str:
        return str(settings.SOM_TEAM_PHONE)

    @property
    def address(self) -> str:
        return str(settings.SOM_ADDRESS)

    @property
    def logo(self) -> str:
        return str(settings.SOM_LOGO)

    @property
    def source_url(self) -> str:
        return str(settings.SOM_SOURCE_URL)

    @property
    def version(self) -> str:
        """The running version, from the installed package's metadata (pyproject.toml)."""
        return _version()


NETWORK = Network()


class NetworkTemplate(Template):
    def render(
        self, context: dict[str, Any] | None = None, request: HttpRequest | None = None
    ) -> Any:
        return super().render({"network": NETWORK, **(context or {})}, request)


class NetworkTemplates(DjangoTemplates):
    def from_string(self, template_code: str) -> NetworkTemplate:
        return NetworkTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> NetworkTemplate:
        try:
            return NetworkTemplate(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)
