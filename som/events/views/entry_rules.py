"""The team's page of the entry rules (the members' benefit as the general assembly decided
it): the rules in force, their history, and a form to add a rule from a day on
(`services.entry_rules.set_entry_rule`). Everybody but the team gets 404."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from som.accounts.requests import person_of
from som.events import entry, permissions
from som.events.models import EntryRule, Event
from som.events.services.entry_rules import EntryRuleError, set_entry_rule


class EntryRuleForm(forms.ModelForm[EntryRule]):
    class Meta:
        model = EntryRule
        fields = ["event_kind", "basis", "entry", "per_year", "valid_from", "decision"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = cast(forms.ChoiceField, self.fields["event_kind"])
        kinds.choices = [
            (value, label) for value, label in Event.Kind.choices if value != Event.Kind.EXTERNAL
        ]
        self.fields["decision"].required = True

    def validate_unique(self) -> None:
        """The service says it, in the same words as for every other caller."""


@login_required
def entry_rules(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    permissions.require_team_page(person)
    today = timezone.localdate()
    form = EntryRuleForm(request.POST or None, initial={"valid_from": today})
    if request.method == "POST" and form.is_valid():
        try:
            rule = set_entry_rule(values=form.cleaned_data, by=person)
        except EntryRuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The rule for %(rule)s applies to events from %(day)s.")
                % {"rule": rule, "day": date_format(rule.valid_from, "j F Y")},
            )
            return redirect("events:entry_rules")
    context = {
        "in_force": entry.rules_overview(today),
        "history": EntryRule.objects.order_by("-valid_from", "event_kind", "basis", "-pk"),
        "today": today,
        "form": form,
    }
    return render(request, "events/entry_rules.html", context)
