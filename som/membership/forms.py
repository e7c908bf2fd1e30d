"""Forms only shape input; the services check the rules and report what is wrong."""

import datetime
from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from som.accounts.models import Person
from som.core.money import euros
from som.core.validators import sensible_date
from som.membership import years
from som.membership.models import (
    Application,
    Membership,
    MembershipType,
    MembershipYear,
    Tariff,
    YearSettings,
)
from som.network.models import Organisation
from som.network.selectors import organisations_contacted_by, staff_of


def _all(label: Any, choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", label), *((value, capfirst(text)) for value, text in choices)]


def tariff_label(tariff: Tariff) -> str:
    label = _("%(tariff)s: %(amount)s a year") % {
        "tariff": capfirst(tariff.get_code_display()),
        "amount": euros(tariff.amount),
    }
    if tariff.display_conditions:
        return format_html(
            '<span>{}<span class="field__help">{}</span></span>', label, tariff.display_conditions
        )
    return label


def year_label(offer: years.YearOffer, today: datetime.date) -> str:
    """What choosing the year means: when the membership starts and ends."""
    ends_on = date_format(offer.ends_on, "DATE_FORMAT")
    if offer.counts_from_payment:
        return _("%(year)s: from your payment to %(ends_on)s (the rest of %(now)s included)") % {
            "year": offer.year,
            "ends_on": ends_on,
            "now": today.year,
        }
    if offer.starts_on > today:
        return _("%(year)s: %(starts_on)s to %(ends_on)s") % {
            "year": offer.year,
            "starts_on": date_format(offer.starts_on, "DATE_FORMAT"),
            "ends_on": ends_on,
        }
    return _("%(year)s: until %(ends_on)s") % {"year": offer.year, "ends_on": ends_on}


def _year_help(offers: list[years.YearOffer]) -> str:
    if len(offers) > 1:
        return str(
            _(
                "The next year is open for applications. The fee is for a whole year: "
                "for %(year)s you pay it for the weeks that are left."
            )
            % {"year": offers[0].year}
        )
    return str(_("The fee is for a whole membership year."))


class ApplyForm(forms.Form):
    """One form that works without JavaScript: the service checks that the type, the tariff and
    the organisation go together, and its message is shown above the form."""

    membership_type = forms.ModelChoiceField(
        label=_("Membership"),
        queryset=MembershipType.objects.all(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "General membership is for education institutions with an institution number and "
            "gives a vote in the general assembly. Lab membership is for individuals and "
            "non-profits without an institution number."
        ),
    )
    tariff = forms.TypedChoiceField(
        label=_("Tariff"),
        widget=forms.RadioSelect,
        coerce=int,
        help_text=_("Choose a tariff of the membership you chose above."),
    )
    year = forms.TypedChoiceField(label=_("Membership year"), coerce=int, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("For whom"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        # Django drops the empty choice of a radio list unless the field says it may be blank.
        blank=True,
        empty_label=_("For myself (lab membership only)"),
    )
    justification = forms.CharField(
        label=_("Why do you ask for the reduced tariff?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Only for the reduced tariff. A few sentences are enough; the team reads them."
        ),
    )

    def __init__(self, *args: Any, person: Person, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tariffs = {
            tariff.pk: tariff
            for tariff in Tariff.objects.filter(is_active=True).select_related("membership_type")
        }
        fields: dict[str, Any] = self.fields
        fields["tariff"].choices = self._tariff_choices()
        self.offers = years.offered_years(today)
        fields["year"].choices = [(offer.year, year_label(offer, today)) for offer in self.offers]
        fields["year"].help_text = _year_help(self.offers)
        organisations = organisations_contacted_by(person).order_by("name")
        fields["organisation"].queryset = organisations
        fields["organisation"].label_from_instance = self._organisation_label
        default = next((offer.year for offer in self.offers if offer.is_default), None)
        self._set_initial(list(organisations), default)

    def _tariff_choices(self) -> list[tuple[str, list[tuple[int, str]]]]:
        groups: dict[str, list[tuple[int, str]]] = {}
        for tariff in self.tariffs.values():
            group = capfirst(tariff.membership_type.display_name)
            groups.setdefault(group, []).append((tariff.pk, tariff_label(tariff)))
        return list(groups.items())

    @staticmethod
    def _organisation_label(organisation: Organisation) -> str:
        if organisation.instellingsnummer:
            return str(
                _("%(name)s (institution number %(number)s)")
                % {"name": organisation.name, "number": organisation.instellingsnummer}
            )
        return str(_("%(name)s (no institution number)") % {"name": organisation.name})

    def _set_initial(self, organisations: list[Organisation], year: int | None) -> None:
        general = any(organisation.instellingsnummer for organisation in organisations)
        code = MembershipType.Code.GENERAL if general else MembershipType.Code.LAB
        self.initial.setdefault("membership_type", code)
        standard = [
            pk
            for pk, tariff in self.tariffs.items()
            if tariff.membership_type.code == code and tariff.code == Tariff.Code.STANDARD
        ]
        if standard:
            self.initial.setdefault("tariff", standard[0])
        if year is not None:
            self.initial.setdefault("year", year)
        if general:
            self.initial.setdefault("organisation", organisations[0].pk)

    def clean_tariff(self) -> Tariff:
        return self.tariffs[self.cleaned_data["tariff"]]


class ResignForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the board (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class RepresentativeForm(forms.Form):
    representative = forms.TypedChoiceField(label=_("Representative"), coerce=int)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people: dict[int, Person] = {}
        for affiliation in staff_of(organisation):
            self.people.setdefault(affiliation.person.pk, affiliation.person)
        fields: dict[str, Any] = self.fields
        fields["representative"].choices = [
            (pk, f"{person.full_name or person.email} ({person.email})")
            for pk, person in self.people.items()
        ]

    def clean_representative(self) -> Person:
        return self.people[self.cleaned_data["representative"]]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant receives this reason by email."),
        max_length=2000,
    )


class CorrectEntryForm(forms.Form):
    note = forms.CharField(
        label=_("What was wrong with this entry?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The entry stays in the register; a correction entry says it does not count."),
        max_length=2000,
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Holder"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("All"), Application.Status.choices)
    )


class MembershipFilterForm(forms.Form):
    year = forms.ModelChoiceField(
        label=_("Year"), queryset=MembershipYear.objects.all(), to_field_name="year", required=False
    )
    membership_type = forms.ModelChoiceField(
        label=_("Membership"),
        queryset=MembershipType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(_("All"), Membership.Status.choices)
    )
    q = forms.CharField(label=_("Holder"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["year"].empty_label = None


class RegisterDateForm(forms.Form):
    date = forms.DateField(
        label=_("Members on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[sensible_date],
    )


MONTH_CHOICES = [(number, capfirst(name)) for number, name in MONTHS.items()]


class YearSettingsForm(forms.Form):
    """The team's settings of the membership year; the service checks that each day exists."""

    next_year_day = forms.IntegerField(
        label=_("Day"), min_value=1, max_value=31, widget=forms.NumberInput(attrs={"size": 3})
    )
    next_year_month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=MONTH_CHOICES)
    late_application = forms.ChoiceField(
        label=_("An application from that day on is for"),
        choices=YearSettings.LateApplication.choices,
        widget=forms.RadioSelect,
    )
    renewal_day = forms.IntegerField(
        label=_("Day"), min_value=1, max_value=31, widget=forms.NumberInput(attrs={"size": 3})
    )
    renewal_month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=MONTH_CHOICES)
