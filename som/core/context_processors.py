from collections.abc import Callable
from functools import cache, cached_property
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from som.core import hooks, page_cache


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "team_email": settings.SOM_TEAM_EMAIL,
        "team_phone": settings.SOM_TEAM_PHONE,
        "som_env": settings.SOM_ENV,
        "nav": Navigation(request),
    }


# The links of the header and the footer (base.html), by name in `nav.urls`. The pages the team
# edits (home, about, join, contact, ...) add theirs through `register_page_links`.
NAV_URLS = {
    "calendar": "events:calendar",
    "labs": "labs:overview",
    "login": "account_login",
    "signup": "account_signup",
    "logout": "account_logout",
    "my_som": "my_som:home",
    "registrations": "events:mine",
    "account": "accounts:home",
    "organisations": "network:mine",
    "membership": "membership:mine",
    "governance": "governance:meetings",
    "my_labs": "labs:mine",
    "calls": "labs:calls",
    "team": "reports:team_home",
    "set_language": "set_language",
}
# The main menu's items: the one for the current page gets aria-current.
MENU = ("home", "about", "labs", "stories", "calendar", "contact", "join")


# A function that answers {name: address} for the pages the team edits, in the active language
# (som.publishing registers it: the pages live there, above core).
_page_links: Callable[[], dict[str, str]] | None = None
hooks.expect(
    "som.core.context_processors: page links",
    lambda: None if _page_links is None else [_page_links],
    filled_by="PublishingConfig.ready (som.publishing)",
)


def register_page_links(provider: Callable[[], dict[str, str]]) -> None:
    global _page_links
    _page_links = provider


def page_links() -> dict[str, str]:
    return _page_links() if _page_links is not None else {}


@cache
def _urls(language: str, urlconf: str | None, prefix: str) -> dict[str, str]:
    """The same for every request in a language: reversed once per process, not per page
    (each `{% url %}` costs tens of microseconds)."""
    with translation.override(language):
        return {key: reverse(name, urlconf=urlconf) for key, name in NAV_URLS.items()}


# The header and the footer as rendered, by template and everything they depend on. They are
# the same for every page at one address in one language and login state, and only a deploy
# changes their templates, so each process keeps them (emptied when full, since addresses with
# a query string are many). Django's {% cache %} tag cost about 17 µs a lookup (the key's hash,
# the cache's lock and pickle); this costs a dictionary lookup.
_CHROME_MAX = 2000
_chrome: dict[tuple[Any, ...], SafeString] = {}


def _kept_chrome(template: str, key: tuple[Any, ...], context: dict[str, Any]) -> SafeString:
    html = _chrome.get((template, *key))
    if html is None:
        if len(_chrome) >= _CHROME_MAX:
            _chrome.clear()
        html = _chrome[(template, *key)] = SafeString(render_to_string(template, context))
    return html


@receiver(setting_changed)
def _forget_what_settings_shape(*, setting: str, **kwargs: Any) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _urls.cache_clear()
    _chrome.clear()  # the team's address, the languages, the routes: all in the chrome


class Navigation:
    """What base.html's header and footer need, worked out only when a template asks for it."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @property
    def head_links(self) -> SafeString:
        """The icon and the site's stylesheet (their addresses carry a hash of the content)."""
        return _kept_chrome("includes/site_head_links.html", (), {})

    @property
    def header(self) -> SafeString:
        """The site's header (includes/site_header.html): the menu with this page's item marked,
        the links to this page in each language, the account links of a member or a visitor."""
        user = self.request.user
        language = translation.get_language()
        key = (
            language,
            user.is_authenticated,
            user.is_staff,
            self.request.get_full_path(),
            page_cache.version(),  # a page's new address reaches the menu
        )
        return _kept_chrome("includes/site_header.html", key, {"nav": self, "user": user})

    @property
    def footer(self) -> SafeString:
        """The site's footer (includes/site_footer.html), with the team's address and the year."""
        user = self.request.user
        key = (
            translation.get_language(),
            user.is_authenticated,
            timezone.now().year,
            page_cache.version(),
        )
        context = {
            "nav": self,
            "user": user,
            "team_email": settings.SOM_TEAM_EMAIL,
            "team_phone": settings.SOM_TEAM_PHONE,
        }
        return _kept_chrome("includes/site_footer.html", key, context)

    @cached_property
    def urls(self) -> dict[str, str]:
        return {
            **_urls(translation.get_language(), get_urlconf(), get_script_prefix()),
            **page_links(),
        }

    @cached_property
    def current(self) -> str:
        """The main-menu item of this page ("" for none): the item whose address this is, or
        else the one whose address this one is under (a lab's page marks "Labs", a story
        "Stories"). The home page marks only itself."""
        path = self.request.path
        addresses = {key: self.urls.get(key, "") for key in MENU}
        exact = next((key for key, url in addresses.items() if url == path), "")
        if exact:
            return exact
        under = [
            (len(url), key)
            for key, url in addresses.items()
            if key != "home" and url and url != addresses["home"] and path.startswith(url)
        ]
        return max(under)[1] if under else ""

    @cached_property
    def languages(self) -> list[dict[str, Any]]:
        """One entry per language with `next`: this page's address in that language (Django's
        translate_url: the same view and arguments, the query kept), since the address is what
        says the language."""
        current = translation.get_language()
        return [
            {
                "code": code,
                "label": code.upper(),
                "name": capfirst(translation.get_language_info(code)["name_local"]),
                "next": self._address_in(code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]

    def _address_in(self, language: str) -> str:
        """What `translate_url` answers, from the route the request already took: routing the
        address again for every language costs more than the rest of the header."""
        match = self.request.resolver_match
        page = _wagtail_page(self.request)
        if page is not None:
            return self._page_in(page, language)
        if match is None or not match.url_name:
            return translate_url(self.request.get_full_path(), language)
        with translation.override(language):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return self.request.get_full_path()
        query = self.request.META.get("QUERY_STRING", "")
        return f"{path}?{query}" if query else path

    def _page_in(self, page: Any, language: str) -> str:
        """A page the team edits (Wagtail) in `language`: its translation while that is live,
        the home page of that language otherwise (an English story not written yet)."""
        if page.locale.language_code == language:
            return self.request.get_full_path()
        from wagtail.models import Locale

        try:
            translation_ = page.get_translation_or_none(Locale.objects.get_for_language(language))
        except Locale.DoesNotExist:
            translation_ = None
        if translation_ is not None and translation_.live:
            url = translation_.get_url(self.request)
            if url:
                query = self.request.META.get("QUERY_STRING", "")
                return f"{url}?{query}" if query else url
        with translation.override(language):
            return page_links().get("home") or reverse("wagtail_serve", args=[""])


def _wagtail_page(request: HttpRequest) -> Any:
    """The page Wagtail served for this request (its routing keeps it on the request), if any."""
    match = request.resolver_match
    if match is None or match.url_name != "wagtail_serve":
        return None
    route = getattr(request, "_wagtail_route_for_request", None)
    return route[0] if route else None
