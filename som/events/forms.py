import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from som.events.models import Event
from som.network.models import Affiliation, Speerpunt

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class CalendarFilterForm(forms.Form):
    """The calendar's GET parameters; anything invalid falls back to "everything, as a list"."""

    speerpunt = forms.ModelChoiceField(
        label=_("Speerpunt"),
        queryset=Speerpunt.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All speerpunten"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Event.Kind.choices], required=False
    )
    view = forms.ChoiceField(choices=[("list", _("List")), ("month", _("Month"))], required=False)
    month = forms.CharField(required=False)

    def clean_month(self) -> tuple[int, int]:
        match = MONTH.match(self.cleaned_data.get("month") or "")
        today = timezone.localdate()
        if match is None:
            return today.year, today.month
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            return today.year, today.month
        return year, month

    def filters(self) -> dict[str, Any]:
        """Valid filters only: a wrong value is ignored rather than refused."""
        data: dict[str, Any] = {"speerpunt": "", "kind": "", "view": "list"}
        today = timezone.localdate()
        data["month"] = (today.year, today.month)
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        if cleaned.get("speerpunt"):
            data["speerpunt"] = cleaned["speerpunt"].slug
        for name in ("kind", "view", "month"):
            if cleaned.get(name):
                data[name] = cleaned[name]
        return data

    def choices_for(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """The two selects (speerpunt, kind) as plain data, the applied filter selected: the
        calendar renders them itself, cheaper than the form widgets' templates."""
        speerpunt = self.fields["speerpunt"]
        assert isinstance(speerpunt, forms.ModelChoiceField) and speerpunt.queryset is not None
        speerpunten = [("", str(speerpunt.empty_label))] + [
            (item.slug, str(item)) for item in speerpunt.queryset.all()
        ]
        kinds = [(value, str(label)) for value, label in self.fields["kind"].choices]  # type: ignore[attr-defined]
        return [
            {
                "name": name,
                "label": self.fields[name].label,
                "choices": [(value, label, value == filters[name]) for value, label in choices],
            }
            for name, choices in (("speerpunt", speerpunten), ("kind", kinds))
        ]


def shift_month(year: int, month: int, by: int) -> datetime.date:
    index = year * 12 + (month - 1) + by
    return datetime.date(index // 12, index % 12 + 1, 1)


class ColleagueForm(forms.Form):
    """A contact person ticks the colleagues to register, one or several at once."""

    colleague = forms.MultipleChoiceField(
        label=_("Colleagues"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, colleagues: list[Affiliation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(a.person_id): a.person for a in colleagues}
        self.fields["colleague"].choices = [  # type: ignore[attr-defined]
            (str(a.person_id), f"{a.person.full_name or a.person.email} ({a.organisation.name})")
            for a in colleagues
        ]

    def clean_colleague(self) -> list[Any]:
        return [self.people[key] for key in self.cleaned_data["colleague"]]
