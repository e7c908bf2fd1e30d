"""The page types of the public site (Wagtail). The team edits them in Wagtail's admin (/cms/),
with revisions, preview, scheduled publication and the review workflow; what they show besides
their own text (the next events, the latest stories, the labs) is read when the page is served.

The tree, per language (the English one a translation of the Dutch one):
    HomePage
      ContentPage (Over SOM, Word lid, the lab cycle, privacy, the statutes: `purpose` says which)
      ContactPage
      StoryIndexPage ("storys") -> StoryPage
      PortraitIndexPage ("zij-maken-onderwijs") -> PortraitPage
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from som.publishing.blocks import PAGE_BLOCKS, PORTRAIT_QUESTIONS, STORY_BLOCKS, QuestionAnswerBlock
from som.publishing.forms.portrait import PortraitPageForm

if TYPE_CHECKING:
    from som.labs.models import Lab
    from som.network.models import Consent, Organisation
    from som.publishing.models.images import SiteImage


class SharedPage(Page):
    """What every public page has: a description and an image for links shared on LinkedIn or
    Facebook (Open Graph), falling back to the page's own lead and cover."""

    # Wagtail has no type information: mypy sees Page as Any, so the django-stubs plugin does not
    # infer the field types of these page models and they are annotated (as strings: Django's
    # field classes cannot be subscripted at runtime).
    share_image: "models.ForeignKey[SiteImage | None, SiteImage | None]" = models.ForeignKey(
        "publishing.SiteImage",
        verbose_name=_("image when shared"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]

    class Meta:
        abstract = True

    def share_description(self) -> str:
        return self.search_description or getattr(self, "lead", "") or getattr(self, "intro", "")

    def share_picture(self) -> Any:
        return self.share_image


class HomePage(SharedPage):
    hero_title: "models.CharField[str, str]" = models.CharField(
        _("title in the banner"), max_length=200
    )
    hero_lead: "models.TextField[str, str]" = models.TextField(_("text in the banner"), blank=True)
    body = StreamField(PAGE_BLOCKS, verbose_name=_("blocks"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_lead")], heading=_("Banner")),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "publishing.ContentPage",
        "publishing.ContactPage",
        "publishing.StoryIndexPage",
        "publishing.PortraitIndexPage",
    ]
    template = "publishing/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def share_description(self) -> str:
        return self.search_description or self.hero_lead


class ContentPage(SharedPage):
    class Purpose(models.TextChoices):
        NONE = "", _("(another page)")
        ABOUT = "about", _("About SOM")
        JOIN = "join", _("Become a member")
        LAB_CYCLE = "lab_cycle", _("The lab cycle")
        PRIVACY = "privacy", _("Privacy")
        STATUTES = "statutes", _("Statutes")

    intro: "models.TextField[str, str]" = models.TextField(_("introduction"), blank=True)
    body = StreamField(PAGE_BLOCKS, verbose_name=_("blocks"), blank=True)
    purpose: "models.CharField[str, str]" = models.CharField(
        _("role in the site"),
        max_length=20,
        choices=Purpose.choices,
        blank=True,
        help_text=_("The menu and the footer link to the page with this role."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    settings_panels = [*Page.settings_panels, FieldPanel("purpose")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["publishing.HomePage", "publishing.ContentPage"]
    subpage_types = ["publishing.ContentPage"]
    template = "publishing/content_page.html"

    class Meta:
        verbose_name = _("page")


class ContactPage(SharedPage):
    """The contact page: its text, and the form that mails the team (som.publishing.views.pages)."""

    intro: "models.TextField[str, str]" = models.TextField(_("introduction"), blank=True)
    body = StreamField(PAGE_BLOCKS, verbose_name=_("blocks"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "publishing/contact_page.html"

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from som.publishing.views.pages import serve_contact_page

        return serve_contact_page(self, request)


class StoryIndexPage(SharedPage):
    intro: "models.TextField[str, str]" = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.StoryPage"]
    max_count_per_parent = 1
    template = "publishing/story_index_page.html"

    class Meta:
        verbose_name = _("story list")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from som.publishing.selectors import story_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_list_context(self, request))
        return context


class StoryPage(SharedPage):
    """A story: an interview, a photo or video report, an account that shares what was learnt."""

    class Kind(models.TextChoices):
        # With a context: "account" alone is a bank account elsewhere in the catalogue.
        INTERVIEW = "interview", pgettext_lazy("kind of story", "interview")
        PHOTO_REPORT = "photo_report", pgettext_lazy("kind of story", "photo report")
        VIDEO_REPORT = "video_report", pgettext_lazy("kind of story", "video report")
        ACCOUNT = "account", pgettext_lazy("kind of story", "account")
        KNOWLEDGE = "knowledge", pgettext_lazy("kind of story", "knowledge shared")

    kind: "models.CharField[str, str]" = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ACCOUNT
    )
    lead: "models.TextField[str, str]" = models.TextField(_("lead"), max_length=600)
    cover: "models.ForeignKey[SiteImage | None, SiteImage | None]" = models.ForeignKey(
        "publishing.SiteImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(STORY_BLOCKS, verbose_name=_("story"))
    speerpunten = ParentalManyToManyField(
        "network.Speerpunt", verbose_name=_("speerpunten"), blank=True, related_name="stories"
    )
    labs = ParentalManyToManyField(
        "labs.Lab", verbose_name=_("labs"), blank=True, related_name="stories"
    )
    events = ParentalManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="stories"
    )
    results = ParentalManyToManyField(
        "labs.Result", verbose_name=_("lab results"), blank=True, related_name="stories"
    )
    organisations = ParentalManyToManyField(
        "network.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="stories",
    )
    portraits = ParentalManyToManyField(
        "publishing.PortraitPage",
        verbose_name=_("people (portraits)"),
        blank=True,
        related_name="stories",
    )
    # The lab whose lead wrote the story (through som.publishing.services.lab_stories), if any:
    # that lead may change it until the team publishes it.
    written_for_lab: "models.ForeignKey[Lab | None, Lab | None]" = models.ForeignKey(
        "labs.Lab",
        verbose_name=_("written by the lab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldPanel("cover"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("speerpunten"),
                FieldPanel("labs"),
                FieldPanel("events"),
                FieldPanel("results"),
                FieldPanel("organisations"),
                FieldPanel("portraits"),
            ],
            heading=_("What the story is about"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["publishing.StoryIndexPage"]
    subpage_types: list[str] = []
    template = "publishing/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def share_picture(self) -> Any:
        return self.share_image or self.cover


class PortraitIndexPage(SharedPage):
    intro: "models.TextField[str, str]" = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.PortraitPage"]
    max_count_per_parent = 1
    template = "publishing/portrait_index_page.html"

    class Meta:
        verbose_name = _("portrait list")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from som.publishing.selectors import public_portraits

        context = super().get_context(request, *args, **kwargs)
        context["portraits"] = public_portraits().child_of(self)
        return context


def _portrait_questions() -> list[tuple[str, dict[str, str]]]:
    """The seed's three questions in the active language (PortraitPageForm puts them in the
    page's language when the team starts a portrait in Wagtail's admin)."""
    return [("qa", {"question": str(question), "answer": ""}) for question in PORTRAIT_QUESTIONS]


class PortraitPage(SharedPage):
    """A "Zij maken onderwijs" portrait. The person approves the text before it is published
    (PortraitApproval) and may withdraw it later; readers contact them through the site."""

    person_name: "models.CharField[str, str]" = models.CharField(_("name"), max_length=200)
    role: "models.CharField[str, str]" = models.CharField(_("role"), max_length=200)
    organisation: "models.ForeignKey[Organisation | None, Organisation | None]" = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portraits",
    )
    organisation_name: "models.CharField[str, str]" = models.CharField(
        _("organisation (if not in the network)"), max_length=200, blank=True
    )
    person_email: "models.EmailField[str, str]" = models.EmailField(
        _("their e-mail address (never shown)"),
        help_text=_("For the approval of the text and for readers' messages."),
    )
    photo: "models.ForeignKey[SiteImage | None, SiteImage | None]" = models.ForeignKey(
        "publishing.SiteImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent: "models.ForeignKey[Consent | None, Consent | None]" = models.ForeignKey(
        "network.Consent",
        verbose_name=_("consent for the photo and the text"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portraits",
    )
    answers = StreamField(
        [("qa", QuestionAnswerBlock())],
        verbose_name=_("questions and answers"),
        default=_portrait_questions,
    )
    accepts_messages: "models.BooleanField[bool, bool]" = models.BooleanField(
        _("readers may send a message"), default=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldPanel("role"),
                FieldPanel("organisation"),
                FieldPanel("organisation_name"),
                FieldPanel("person_email"),
                FieldPanel("photo"),
                FieldPanel("consent"),
                FieldPanel("accepts_messages"),
            ],
            heading=_("The person"),
        ),
        FieldPanel("answers"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("person_name"),
        index.SearchField("role"),
        index.SearchField("answers"),
    ]
    parent_page_types = ["publishing.PortraitIndexPage"]
    subpage_types: list[str] = []
    template = "publishing/portrait_page.html"
    # New portraits start with the three questions in the page's language (not the editor's).
    base_form_class = PortraitPageForm

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")

    def share_description(self) -> str:
        return self.search_description or f"{self.person_name}, {self.role}"

    def share_picture(self) -> Any:
        return self.share_image or self.photo

    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name

    def save(self, *args: Any, **kwargs: Any) -> Any:
        """The guarantee of issue 19: a portrait's row is live only with a text its person
        approved (PortraitApproval.content_hash). Checked here because every publication writes
        the row: Wagtail's publish (admin, scheduled, workflow, bulk, `revision.publish()`) and
        any code that sets `live`. A save that leaves the content alone (Wagtail's bookkeeping
        of revisions, `update_fields` without content) is not checked: it publishes nothing."""
        from som.publishing.models.portraits import PortraitNotApproved, is_approved

        update_fields = kwargs.get("update_fields")
        writes_content = update_fields is None or bool(_PORTRAIT_CONTENT & set(update_fields))
        if self.live and writes_content and not is_approved(self):
            raise PortraitNotApproved()
        return super().save(*args, **kwargs)

    def shown_publicly(self) -> bool:
        """Live, and the person's consent (if recorded) still allows the website."""
        return self.live and (self.consent is None or self.consent.allows("website"))

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from som.publishing.portraits import portrait_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(portrait_page_context(self, request))
        return context

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from som.publishing.views.portrait import serve_portrait_page

        return serve_portrait_page(self, request)


_PORTRAIT_CONTENT = {
    "live",
    "person_name",
    "role",
    "organisation",
    "organisation_id",
    "organisation_name",
    "photo",
    "photo_id",
    "answers",
}
