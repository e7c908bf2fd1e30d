"""The site's pages as a new install starts with them: the home page and its children in Dutch,
each with its English translation. `manage.py site_pages` (run by `make demo` and by the upgrade
step in docs/deploy.md) makes what is missing and leaves what the team has edited alone."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import override as translation_override
from wagtail.models import Locale, Page, Site

from som.publishing import start_content
from som.publishing.models import (
    ContactPage,
    ContentPage,
    HomePage,
    PortraitIndexPage,
    StoryIndexPage,
)
from som.publishing.team_editors import ensure_team_editors, remove_wagtails_defaults


@dataclass(frozen=True)
class PageText:
    """A page's title, slug and fields in one language."""

    title: str
    slug: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StartPage:
    model: type[Page]
    nl: PageText
    en: PageText
    # Its start content's name in som/publishing/start_content.py ("" for none).
    name: str = ""


HOME = StartPage(
    HomePage,
    PageText("Home", "home", {"hero_title": "De toekomst van onderwijs maken we samen"}),
    PageText(
        "Home", "home-en", {"hero_title": "The future of education is something we make together"}
    ),
    name="home",
)

CHILDREN = [
    StartPage(
        ContentPage,
        PageText("Over SOM", "over-som", {"purpose": ContentPage.Purpose.ABOUT}),
        PageText("About SOM", "about-som", {"purpose": ContentPage.Purpose.ABOUT}),
        name="about",
    ),
    StartPage(
        ContentPage,
        PageText("Word lid", "word-lid", {"purpose": ContentPage.Purpose.JOIN}),
        PageText("Become a member", "become-a-member", {"purpose": ContentPage.Purpose.JOIN}),
        name="join",
    ),
    StartPage(
        ContentPage,
        PageText("De labcyclus", "labcyclus", {"purpose": ContentPage.Purpose.LAB_CYCLE}),
        PageText("The lab cycle", "lab-cycle", {"purpose": ContentPage.Purpose.LAB_CYCLE}),
        name="lab_cycle",
    ),
    StartPage(
        StoryIndexPage,
        PageText("Story's", "storys"),
        PageText("Stories", "stories"),
    ),
    StartPage(
        PortraitIndexPage,
        PageText("Zij maken onderwijs", "zij-maken-onderwijs"),
        PageText("They make education", "they-make-education"),
    ),
    StartPage(
        ContactPage,
        PageText("Contact", "contact"),
        PageText("Contact", "contact"),
        name="contact",
    ),
    StartPage(
        ContentPage,
        PageText("Privacy", "privacy", {"purpose": ContentPage.Purpose.PRIVACY}),
        PageText("Privacy", "privacy", {"purpose": ContentPage.Purpose.PRIVACY}),
        name="privacy",
    ),
    StartPage(
        ContentPage,
        PageText("Statuten", "statuten", {"purpose": ContentPage.Purpose.STATUTES}),
        PageText("Statutes", "statutes", {"purpose": ContentPage.Purpose.STATUTES}),
        name="statutes",
    ),
]


def ensure_site_pages(using: str = "default") -> HomePage:
    """The home page as the site's root, its children, and their English translations; the
    team's Wagtail group with every team member in it (som/publishing/team_editors.py)."""
    with transaction.atomic(using=using):
        home = _ensure_site_pages()
        ensure_team_editors()
        remove_wagtails_defaults()
        # The team's review of the stories lab leads write (som/publishing/stories.py).
        from som.publishing.stories import ensure_review_workflow

        ensure_review_workflow()
        return home


def _ensure_site_pages() -> HomePage:
    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    english, _ = Locale.objects.get_or_create(language_code="en")
    # Each language's start pages by name, and those made now: only these get the start
    # content (som/publishing/start_content.py), once every page they link to exists.
    pages: dict[str, dict[str, Page]] = {"nl": {}, "en": {}}
    made: list[tuple[str, str, Page]] = []
    home = HomePage.objects.filter(locale=dutch).first()
    if home is None:
        home = _make_home(dutch)
        made.append(("nl", HOME.name, home))
    home_en = home.get_translation_or_none(english)
    if home_en is None:
        home_en = _translate(home, english, HOME.en)
        made.append(("en", HOME.name, home_en))
    pages["nl"][HOME.name], pages["en"][HOME.name] = home, home_en
    for start in CHILDREN:
        page = _child(home, start.model, start.nl)
        if page is None:
            page = _add(home, start.model, start.nl)
            made.append(("nl", start.name, page))
        translation = page.get_translation_or_none(english)
        if translation is None:
            translation = _translate(page, english, start.en)
            made.append(("en", start.name, translation))
        if start.name:
            pages["nl"][start.name], pages["en"][start.name] = page, translation
    if made:
        # Fresh from the database: a page just published has its final slug and address there,
        # not in the instance this run made (copy_for_translation, then a new slug).
        fresh = {
            page.pk: page for page in Page.objects.filter(locale__in=[dutch, english]).specific()
        }
        pages = {
            language: {n: fresh[p.pk] for n, p in named.items()}
            for language, named in pages.items()
        }
    for language, name, page in made:
        _fill(page, name, pages[language], language)
    return home


def _fill(page: Page, name: str, pages: dict[str, Page], language: str) -> None:
    """A new page's start content in its language, published as its next revision."""
    content = start_content.CONTENT.get(name)
    if content is None:
        return
    # Fresh from the database: the instance made earlier in this run does not know the children
    # added since (treebeard's numchild), and publishing it would save that stale count.
    page = Page.objects.get(pk=page.pk).specific
    with translation_override(language):
        fields = content(pages)
    for field_name, value in fields.items():
        setattr(page, field_name, value)
    page.save_revision().publish()


def _make_home(dutch: Locale) -> HomePage:
    root = Page.get_first_root_node()
    # Wagtail's first migration makes a "Welcome to your new Wagtail site!" page and a site on
    # it: both make way for ours (the site goes with its page).
    for page in root.get_children():
        page.delete()
    home = HomePage(title=HOME.nl.title, slug=HOME.nl.slug, locale=dutch, **HOME.nl.fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def _child(parent: Page, model: type[Page], text: PageText) -> Page | None:
    for page in parent.get_children().type(model).specific():
        if page.slug == text.slug or (
            text.fields.get("purpose") and getattr(page, "purpose", None) == text.fields["purpose"]
        ):
            return page
    if model is not ContentPage:
        return parent.get_children().type(model).specific().first()
    return None


def _add(parent: Page, model: type[Page], text: PageText) -> Page:
    page = model(title=text.title, slug=text.slug, **text.fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page: Page, locale: Locale, text: PageText) -> Page:
    """The page's English twin (Wagtail's copy_for_translation), with its own title and slug."""
    translation = page.copy_for_translation(locale, copy_parents=False, alias=False)
    translation.title = text.title
    translation.slug = text.slug
    for name, value in text.fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
