"""The consent register's forms (som/publishing/views/consent.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from som.network.models import Consent


class ConsentForm(forms.Form):
    subject_name = forms.CharField(label=_("Who is shown or quoted"), max_length=200)
    is_minor = forms.BooleanField(
        label=_("Younger than 13"),
        required=False,
        help_text=_("A child under 13 cannot give this consent: a parent or guardian does."),
    )
    given_by_name = forms.CharField(
        label=_("Given by (parent or guardian)"),
        max_length=200,
        required=False,
        help_text=_("Needed for a child under 13."),
    )
    uses = forms.MultipleChoiceField(
        label=_("The consent is given for"),
        choices=Consent.Use.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Consent.Use.WEBSITE],
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty when the consent holds until it is revoked."),
    )
    note = forms.CharField(
        label=_("What it is for"),
        max_length=300,
        required=False,
        help_text=_("For instance: the photos of the network day of 14 March."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("is_minor") and not (cleaned.get("given_by_name") or "").strip():
            self.add_error(
                "given_by_name",
                _(
                    "A child younger than 13 cannot give this consent: give the name of the "
                    "parent or guardian who gave it."
                ),
            )
        return cleaned


class RevokeForm(forms.Form):
    revoked_by_name = forms.CharField(
        label=_("Who revokes it"),
        max_length=200,
        required=False,
        help_text=_("The person (or the parent) who asked; your name when left empty."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegisterFilterForm(forms.Form):
    STATES = [
        ("", _("all")),
        ("active", _("active")),
        ("revoked", _("revoked")),
        ("expired", _("expired")),
    ]
    q = forms.CharField(label=_("Name"), max_length=200, required=False)
    state = forms.ChoiceField(label=_("Status"), choices=STATES, required=False)
    minors = forms.BooleanField(label=_("Only children under 13"), required=False)
