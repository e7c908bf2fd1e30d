"""The forms of a portrait: the team's page form in Wagtail's admin, and a reader's message."""

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PortraitPageForm(WagtailAdminPageForm):
    """A new portrait starts with the seed's three questions in the page's language: a Dutch
    portrait gets Dutch questions even when the editor works in English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        page = kwargs.get("instance")
        if page is not None and page.pk is None and page.locale_id is not None:
            from som.publishing.models.pages import _portrait_questions

            with translation.override(page.locale.language_code):
                page.answers = _portrait_questions()
        super().__init__(*args, **kwargs)


class PortraitMessageForm(forms.Form):
    """A reader writes to the person portrayed; the site sends it, their address stays hidden."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"))
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea, max_length=5000)
    # A field people never see: bots fill it in, and their message is dropped.
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class ChangeRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea, max_length=5000
    )
