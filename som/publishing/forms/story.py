"""The form a lab lead writes a story with (som/publishing/views/story.py). The rules are the
service's (som/publishing/stories.py); the form turns the fields into a StoryData."""

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from som.network.models import Speerpunt
from som.publishing.blocks import embed_address
from som.publishing.images import strip_metadata
from som.publishing.models import SiteImage, StoryPage
from som.publishing.stories import CoverData, StoryData


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of story"), choices=StoryPage.Kind.choices)
    lead = forms.CharField(
        label=_("Lead paragraph"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences that make people want to read on."),
    )
    body = forms.CharField(
        label=_("The story"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "In Markdown: an empty line between paragraphs, ## for a heading, - for a list, "
            "[text](https://...) for a link."
        ),
    )
    speerpunten = forms.ModelMultipleChoiceField(
        label=_("Speerpunten"),
        queryset=Speerpunt.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    video_url = forms.URLField(
        label=_("Video (address on YouTube or Vimeo)"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Shown as a button: nothing is loaded from YouTube or Vimeo until a reader clicks."
        ),
    )
    cover = WagtailImageField(label=_("Cover image"), required=False)
    cover_alt = forms.CharField(
        label=_("Alt text of the cover image"),
        max_length=255,
        required=False,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    cover_credit = forms.CharField(
        label=_("Photo credit"),
        max_length=200,
        required=False,
        help_text=_("Who made the photo, as it should appear under it."),
    )
    cover_recognisable = forms.ChoiceField(
        label=_("People on the image"),
        choices=SiteImage.Recognisable.choices,
        initial=SiteImage.Recognisable.NOBODY,
        help_text=_(
            "When people can be recognised, the team asks for their consent before the image "
            "is shown."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The words of the team's own image upload (som/publishing/images.py SiteImageForm).
        self.fields["cover"].error_messages["file_too_large"] = _(
            "This file is too big (%(file_size)s). An image may be at most %(max_size)s: "
            "make it smaller (for instance 2000 pixels wide) and upload it again."
        )
        self.fields["cover"].help_text = _(
            "JPG, PNG or WebP, at most %(max_size)s. The location and other data the camera "
            "wrote into the photo are removed."
        ) % {"max_size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)}

    def clean_cover(self) -> Any:
        """The photo without the location and the other data the camera wrote into it."""
        upload = self.cleaned_data.get("cover")
        return strip_metadata(upload) if upload else upload

    def clean_video_url(self) -> str:
        url: str = self.cleaned_data.get("video_url") or ""
        if url and embed_address(url) is None:
            raise forms.ValidationError(
                _("Give the address of a video on YouTube or Vimeo (starting with https://).")
            )
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cover") and not (data.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Say what the image shows (the alt text)."))
        return data

    def story_data(self) -> StoryData:
        data = self.cleaned_data
        cover = None
        if data.get("cover"):
            cover = CoverData(
                file=data["cover"],
                alt=data["cover_alt"].strip(),
                credit=data.get("cover_credit", "").strip(),
                recognisable=data["cover_recognisable"],
            )
        return StoryData(
            title=data["title"].strip(),
            kind=data["kind"],
            lead=data["lead"].strip(),
            body=data["body"],
            video_url=data.get("video_url") or "",
            speerpunten=list(data.get("speerpunten") or []),
            cover=cover,
        )


def initial_of(story: StoryPage) -> dict[str, Any]:
    """The form's fields from the story's latest draft."""
    texts = [str(b.value) for b in story.body if b.block_type == "text"]
    videos = [b.value for b in story.body if b.block_type == "video"]
    return {
        "title": story.title,
        "kind": story.kind,
        "lead": story.lead,
        "body": "\n\n".join(texts),
        "video_url": videos[0]["url"] if videos else "",
        "speerpunten": list(story.speerpunten.all()),
    }
