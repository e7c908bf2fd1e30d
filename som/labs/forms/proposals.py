from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.events.models import Event, ProgrammeItem
from som.labs.models import Call, Proposal
from som.labs.services import BudgetLineData, ProposalData
from som.labs.services.calls import CallData
from som.network.models import Speerpunt


class StartProposalForm(forms.Form):
    title = forms.CharField(label=_("Working title"), max_length=200)


def _text(label: Any, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("One-line summary"),
        max_length=200,
        required=False,
        help_text=_("Shown on the ballot at the network day."),
    )
    challenge = _text(_("The complex challenge"), _("What do you face, and who feels it?"), 5)
    beyond_one_school = _text(
        _("Why it exceeds one school"),
        _("Why can no school tackle this alone? Which levels, networks and sectors are involved?"),
    )
    speerpunten = forms.ModelMultipleChoiceField(
        label=_("Speerpunten"),
        queryset=Speerpunt.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approach = _text(
        _("The approach"),
        _("How will the group explore and try things out, for at least a year?"),
        5,
    )
    duration_months = forms.IntegerField(
        label=_("Duration (months)"),
        min_value=1,
        max_value=60,
        help_text=_("At least %(months)s months.") % {"months": settings.SOM_PROPOSAL_MIN_MONTHS},
    )
    expertise_needed = _text(_("Expertise the group needs from SOM"), rows=3)
    room_needed = _text(
        _("Room the group needs"), _("Time, a place to meet, room to experiment."), 3
    )

    def data_with(self, lines: list[BudgetLineData]) -> ProposalData:
        values = dict(self.cleaned_data)
        values["speerpunten"] = list(values["speerpunten"])
        return ProposalData(budget_lines=lines, **values)

    @staticmethod
    def initial_for(proposal: Proposal) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(proposal, name) for name in ProposalData.__dataclass_fields__
        }
        initial.pop("budget_lines")
        initial["speerpunten"] = list(proposal.speerpunten.all())
        return initial


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("What for"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("description") and cleaned.get("amount") is None:
            self.add_error("amount", _("Give the amount of this line."))
        if cleaned.get("amount") and not cleaned.get("description"):
            self.add_error("description", _("Say what this amount is for."))
        return cleaned


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=1, max_num=20, absolute_max=30)


def budget_lines_of(formset: Any) -> list[BudgetLineData]:
    return [
        BudgetLineData(form.cleaned_data["description"], form.cleaned_data["amount"])
        for form in formset.forms
        if form.cleaned_data.get("description")
    ]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    is_expert = forms.BooleanField(
        label=_("Invite as an expert"),
        required=False,
        help_text=_("An invited expert needs no membership but does not count as a co-author."),
    )


class ScreeningForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (when not eligible)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mailed to the authors."),
    )


class PitchForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Pitch slot"), queryset=ProgrammeItem.objects.none())
    order = forms.IntegerField(label=_("Order in the slot"), min_value=0, max_value=99, initial=1)

    def __init__(self, *args: Any, slots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots  # type: ignore[attr-defined]


class RevisionChoiceForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


# --- The team's call form --------------------------------------------------------------------------


class CallForm(forms.Form):
    """A call for lab proposals, as the team opens or edits it (som.labs.services.calls)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to everybody on the calls page."),
    )
    network_day = forms.ModelChoiceField(
        label=_("Network day"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("Not chosen yet"),
        help_text=_("Where the proposals are pitched and the network votes."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline for proposals"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[sensible_date],
    )
    total_budget = forms.DecimalField(
        label=_("Total budget (EUR)"), min_value=Decimal(1), max_digits=10, decimal_places=2
    )
    max_budget_per_proposal = forms.DecimalField(
        label=_("At most per proposal (EUR)"), min_value=Decimal(1), max_digits=10, decimal_places=2
    )
    min_labs = forms.IntegerField(label=_("At least this many labs"), min_value=1, max_value=20)
    max_labs = forms.IntegerField(label=_("At most this many labs"), min_value=1, max_value=20)
    rule = forms.ChoiceField(
        label=_("Selection rule"), choices=Call.Rule.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, call: Call | None = None, **kwargs: Any) -> None:
        if call is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(call, name)
                for name in self.base_fields
                if name not in ("network_day", "deadline")
            } | {
                "network_day": call.network_day_id,
                "deadline": timezone.localtime(call.deadline),
            }
        elif "initial" not in kwargs:  # SOM chooses three to five labs a year
            kwargs["initial"] = {"min_labs": 3, "max_labs": 5}
        super().__init__(*args, **kwargs)
        # Network days still to come, and the call's own one even when it has passed.
        days = Event.objects.filter(kind=Event.Kind.NETWORK_DAY).filter(
            Q(starts_at__gte=timezone.now()) | Q(pk=call.network_day_id if call else None)
        )
        self.fields["network_day"].queryset = days.order_by("starts_at")  # type: ignore[attr-defined]
        self.fields["network_day"].label_from_instance = lambda event: (  # type: ignore[attr-defined]
            f"{event.title} ({date_format(timezone.localtime(event.starts_at), 'DATE_FORMAT')})"
        )

    def call_data(self) -> CallData:
        return CallData(**self.cleaned_data)
