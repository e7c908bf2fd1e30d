"""The directory's forms: the filters of the list, the contact person's choices, a person's own
listing. They only read input; the services in som/publishing/directory.py decide and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from som.network.models import EducationLevel, Organisation
from som.publishing.directory import DESCRIPTION_MAX, Facets, Filters


def _with_counts(options: list[tuple[str, str, int]]) -> list[tuple[str, Any]]:
    return [("", _("All"))] + [(value, f"{label} ({count})") for value, label, count in options]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Education level"), required=False)
    network = forms.ChoiceField(label=_("Education network"), required=False)
    city = forms.ChoiceField(label=_("Place"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, facets: Facets | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        if facets is None:  # validating a request: every known value is acceptable
            self._choices(
                level=[("", ""), *list(EducationLevel.Code.choices)],
                network=[("", ""), *list(Organisation.Network.choices)],
                kind=[("", ""), *list(Organisation.Kind.choices)],
            )
            self.fields["city"] = forms.CharField(max_length=100, required=False)
            return
        self._choices(
            level=_with_counts(facets.levels),
            network=_with_counts(facets.networks),
            kind=_with_counts(facets.kinds),
            city=[("", _("All"))] + [(city, f"{city} ({n})") for city, n in facets.cities],
        )

    def _choices(self, **choices: list[tuple[str, Any]]) -> None:
        for name, options in choices.items():
            field: forms.ChoiceField = self.fields[name]  # type: ignore[assignment]
            field.choices = options

    def filters(self) -> Filters:
        """The valid filters; an invalid request shows the whole list rather than an error."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            query=data["q"].strip(),
            level=data["level"],
            network=data["network"],
            city=data["city"].strip(),
            kind=data["kind"],
        )


class ProfileForm(forms.Form):
    listed = forms.BooleanField(
        label=_("Show our organisation in the directory"),
        required=False,
        help_text=_("Member institutions and partners appear unless you say no here."),
    )
    description = forms.CharField(
        label=_("A few words about us"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text, at most 1000 characters."),
    )
    show_address = forms.BooleanField(
        label=_("Show our address (with a link to the map)"), required=False
    )
    show_levels = forms.BooleanField(label=_("Show our education levels"), required=False)
    show_network = forms.BooleanField(label=_("Show our education network"), required=False)


class PartnerForm(forms.Form):
    is_partner = forms.BooleanField(
        label=_("Partner of the network"),
        required=False,
        help_text=_("Only the SOM team sets this: a partner appears without a membership."),
    )


class ListingForm(forms.Form):
    listed = forms.BooleanField(label=_("Show me on my organisation's page"), required=False)
    shown_role = forms.CharField(
        label=_("Role shown with my name"),
        required=False,
        max_length=200,
        help_text=_(
            "For example: teacher in the third grade, care coordinator. Never your e-mail."
        ),
    )
