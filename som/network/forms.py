"""Forms only shape input; the services check the rules and report what is wrong."""

import dataclasses
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from som.network.models import Affiliation, EducationLevel, Organisation
from som.network.services import OrganisationData

_SEPARATORS = re.compile(r"[\s,;]+")


def _capitalised(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(value, capfirst(label)) for value, label in choices]


def split_domains(text: str) -> list[str]:
    """One domain a line, or separated by commas, semicolons or spaces."""
    return [part for part in _SEPARATORS.split(text) if part]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=_capitalised(Organisation.Kind.choices))
    instellingsnummer = forms.CharField(
        label=_("Institution number"),
        max_length=20,
        required=False,
        help_text=_("The Flemish education institution number: 5 or 6 digits."),
    )
    enterprise_number = forms.CharField(
        label=_("Enterprise number"),
        max_length=20,
        required=False,
        help_text=_("The KBO/BCE number, like 0123.456.749."),
    )
    network = forms.ChoiceField(
        label=_("Education network"), choices=_capitalised(Organisation.Network.choices)
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=_capitalised(Organisation.Sector.choices))
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    levels = forms.MultipleChoiceField(
        label=_("Education levels"),
        choices=_capitalised(EducationLevel.Code.choices),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    email_domains = forms.CharField(
        label=_("Email domains"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Colleagues whose verified address ends in one of these domains are recognised as "
            "staff. One a line, like delinde.be."
        ),
    )

    @classmethod
    def initial_from(cls, data: OrganisationData) -> dict[str, object]:
        initial = dataclasses.asdict(data)
        initial["email_domains"] = "\n".join(data.email_domains)
        return initial

    def to_data(self) -> OrganisationData:
        values = dict(self.cleaned_data)
        values["email_domains"] = split_domains(values["email_domains"])
        return OrganisationData(**values)


class StaffMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "Your colleague gets an invitation by email and is on the staff list once they "
            "accept it."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_capitalised(Affiliation.Role.choices),
        initial=Affiliation.Role.STAFF,
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)


# --- Finding, adding and claiming an organisation -------------------------------------------------


class FindOrganisationForm(forms.Form):
    q = forms.CharField(
        label=_("Name, town or institution number"),
        max_length=100,
        required=False,
        help_text=_("For example “De Linde”, “Kessel-Lo” or “012345”."),
    )


class ClaimForm(forms.Form):
    job_title = forms.CharField(
        label=_("Your role there"),
        max_length=100,
        required=False,
        help_text=_("For example director, coordinator or teacher."),
    )
    reason = forms.CharField(
        label=_("Why do you act for this organisation?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "The SOM team reads this before deciding, for example: “I am the director since "
            "September; the previous director has retired.”"
        ),
    )


class AddOrganisationForm(OrganisationForm, ClaimForm):
    """A new organisation and the request to act for it, in one form. The address is needed for
    the invoice; the email domain lets colleagues (and the person asking) be recognised."""

    field_order = [
        "name",
        "kind",
        "instellingsnummer",
        "levels",
        "network",
        "sector",
        "street",
        "postal_code",
        "city",
        "email_domains",
        "job_title",
        "reason",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("enterprise_number", "website"):
            del self.fields[name]
        for name in ("street", "postal_code", "city"):
            self.fields[name].required = True
        fields: dict[str, Any] = self.fields
        # No network chosen for the person: GO!, the first in the list, is as wrong as any other.
        fields["network"].choices = [("", _("Choose the network")), *fields["network"].choices]
        fields["reason"].help_text = _(
            "Only needed when your address is not on the domain above: the SOM team reads it "
            "before deciding."
        )
        self.fields["instellingsnummer"].help_text = _(
            "5 or 6 digits, like 012345; you find it on the school's documents or at "
            "onderwijs.vlaanderen.be. Without one, the organisation can take a lab membership."
        )
        self.fields["email_domains"].help_text = _(
            "The part after the @ in the organisation's own addresses, like delinde.be. When "
            "your verified address is on it, you become the contact person at once."
        )

    def to_data(self) -> OrganisationData:
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("job_title", "reason")
        }
        values["email_domains"] = split_domains(values["email_domains"])
        return OrganisationData(**values)


class DeclineClaimForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who asked receives this reason by email."),
        max_length=2000,
    )
