"""The blocks a page, a story or a portrait is made of (Wagtail StreamField). Text is Markdown,
sanitised as the labs' results are (som.labs.text); an image block uses the site's images with
their alt text and credit; a video is a link that loads nothing from the host until clicked."""

from typing import Any
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from som.labs.text import render_markdown


class MarkdownBlock(blocks.TextBlock):
    """Text in Markdown: headings, lists, links, quotes; no raw HTML reaches the page."""

    def render_basic(self, value: str, context: dict[str, Any] | None = None) -> str:
        return mark_safe(render_markdown(value or ""))

    class Meta:
        icon = "pilcrow"
        label = _("Text (Markdown)")
        rows = 8


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "publishing/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(ImageChooserBlock(label=_("image")), label=_("images"), min_num=2)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Photo gallery")
        template = "publishing/blocks/gallery.html"


# Where a video may come from, and the address that plays it without cookies (no request to the
# host happens before the reader clicks "play": the page shows only a button and the title).
def embed_address(url: str) -> str | None:
    parts = urlparse(url.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if parts.scheme != "https":
        return None
    if host == "youtu.be":
        video = parts.path.strip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path.startswith(("/embed/", "/shorts/")):
            video = parts.path.split("/")[2]
        else:
            video = (parse_qs(parts.query).get("v") or [""])[0]
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video = parts.path.rstrip("/").split("/")[-1]
        return f"https://player.vimeo.com/video/{video}?dnt=1" if video.isdigit() else None
    else:
        return None
    if not video or not all(c.isalnum() or c in "-_" for c in video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


VIDEO_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


class VideoURLBlock(blocks.URLBlock):
    def clean(self, value: str) -> str:
        value = super().clean(value)
        if value and embed_address(value) is None:
            raise ValidationError(
                _("Give the address of a video on YouTube or Vimeo (starting with https://).")
            )
        return value


class VideoBlock(blocks.StructBlock):
    url = VideoURLBlock(label=_("video address (YouTube or Vimeo)"))
    title = blocks.CharBlock(label=_("title of the video"), max_length=200)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        context = super().get_context(value, parent_context)
        context["embed"] = embed_address(value["url"])
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "publishing/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    """A quote from a person: shown only while their consent allows the website."""

    text = blocks.TextBlock(label=_("quote"))
    name = blocks.CharBlock(label=_("name"), max_length=200)
    role = blocks.CharBlock(label=_("role"), required=False, max_length=200)
    consent = blocks.IntegerBlock(
        label=_("consent number"),
        help_text=_("The number of the person's consent in the consent register."),
        min_value=1,
    )

    def clean(self, value: Any) -> Any:
        from som.network.models import Consent

        value = super().clean(value)
        if not Consent.objects.filter(pk=value["consent"]).exists():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "consent": ValidationError(_("There is no consent with this number."))
                }
            )
        return value

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "publishing/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    link_text = blocks.CharBlock(label=_("button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or an address"),
        required=False,
        max_length=300,
        help_text=_("An address on this site (/...) or elsewhere (https://...)."),
    )

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        url = value.get("url") or ""
        if not value.get("page") and not url:
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        if url and not url.startswith(("/", "https://", "mailto:")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Start the address with / or https://."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "publishing/blocks/call_to_action.html"


class _ListingBlock(blocks.StructBlock):
    """A block that shows current data (events, stories, labs) at the moment the page is read."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=12)


class UpcomingEventsBlock(_ListingBlock):
    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import upcoming_events

        return {
            **super().get_context(value, parent_context),
            "events": upcoming_events(value["count"]),
        }

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "publishing/blocks/upcoming_events.html"


class LatestStoriesBlock(_ListingBlock):
    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import latest_stories

        return {
            **super().get_context(value, parent_context),
            "stories": latest_stories(value["count"]),
        }

    class Meta:
        icon = "doc-full"
        label = _("Latest stories")
        template = "publishing/blocks/latest_stories.html"


class LatestPortraitBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import latest_portrait

        return {**super().get_context(value, parent_context), "portrait": latest_portrait()}

    class Meta:
        icon = "user"
        label = _("Latest portrait")
        template = "publishing/blocks/latest_portrait.html"


class LabListBlock(_ListingBlock):
    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import labs

        return {**super().get_context(value, parent_context), "rows": labs(value["count"])}

    class Meta:
        icon = "list-ul"
        label = _("Labs")
        template = "publishing/blocks/lab_list.html"


class SpeerpuntenBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import speerpunten

        return {**super().get_context(value, parent_context), "speerpunten": speerpunten()}

    class Meta:
        icon = "tag"
        label = _("The three speerpunten")
        template = "publishing/blocks/speerpunten.html"


class MembershipTariffsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from som.publishing.listings import membership_types

        context = super().get_context(value, parent_context)
        return {**context, "membership_types": membership_types()}

    class Meta:
        icon = "tick"
        label = _("Membership types and tariffs")
        template = "publishing/blocks/membership_tariffs.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.TextBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "publishing/blocks/question_answer.html"


STORY_BLOCKS = [
    ("text", MarkdownBlock()),
    ("image", ImageBlock()),
    ("gallery", GalleryBlock()),
    ("video", VideoBlock()),
    ("quote", QuoteBlock()),
]

PAGE_BLOCKS = [
    ("text", MarkdownBlock()),
    ("image", ImageBlock()),
    ("call_to_action", CallToActionBlock()),
    ("upcoming_events", UpcomingEventsBlock()),
    ("latest_stories", LatestStoriesBlock()),
    ("latest_portrait", LatestPortraitBlock()),
    ("labs", LabListBlock()),
    ("speerpunten", SpeerpuntenBlock()),
    ("membership_tariffs", MembershipTariffsBlock()),
    ("video", VideoBlock()),
]

# The seed's three questions: the default template of a "Zij maken onderwijs" portrait.
PORTRAIT_QUESTIONS = [
    _("What does SOM mean to you?"),
    _("What could be different in education, in your view?"),
    _("What may education makers contact you about?"),
]
