"""The forms of labs at work. They check the shape of the input; the rules are the services'."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from som.core.validators import sensible_date
from som.events.models import ProgrammeItem
from som.labs.models import Lab, LabSession, LogbookEntry, Result, ResultFile
from som.labs.services import labs as lab_services
from som.labs.services import work
from som.network.models import Speerpunt

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


FILES_HELP = _("PDF, JPEG or PNG, at most 10 MB each.")


class LabForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("One-line summary"), max_length=300, required=False)
    challenge = forms.CharField(label=_("The challenge"), widget=forms.Textarea, required=False)
    speerpunten = forms.ModelMultipleChoiceField(
        label=_("Speerpunten"),
        queryset=Speerpunt.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = forms.DateField(label=_("Start date"), widget=DATE, validators=[sensible_date])
    planned_end_on = forms.DateField(
        label=_("Planned end"),
        widget=DATE,
        help_text=_("At least 12 months after the start, unless you give a reason below."),
        validators=[sensible_date],
    )
    early_end_reason = forms.CharField(
        label=_("Why the lab ends within a year (only then)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    partners = forms.CharField(
        label=_("Partner organisations"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )

    @classmethod
    def initial_for(cls, lab: Lab) -> dict[str, Any]:
        return {
            "title": lab.title,
            "summary": lab.summary,
            "challenge": lab.challenge,
            "speerpunten": list(lab.speerpunten.all()),
            "starts_on": lab.starts_on,
            "planned_end_on": lab.planned_end_on,
            "early_end_reason": lab.early_end_reason,
            "partners": lab.partners,
        }

    def data_for_service(self) -> lab_services.LabData:
        return lab_services.LabData(**self.cleaned_data)


class NewLabForm(LabForm):
    granted = forms.DecimalField(
        label=_("Granted budget (EUR)"), min_value=Decimal(0), max_digits=10, decimal_places=2
    )
    status = forms.ChoiceField(label=_("Status"), choices=Lab.Status.choices)

    def data_for_service(self) -> lab_services.LabData:
        fields = {k: v for k, v in self.cleaned_data.items() if k not in ("granted", "status")}
        return lab_services.LabData(**fields)


class BudgetForm(forms.Form):
    granted = forms.DecimalField(
        label=_("Granted budget (EUR)"), min_value=Decimal(0), max_digits=10, decimal_places=2
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Lab.Status.choices)
    changed_on = forms.DateField(label=_("Since"), widget=DATE, validators=[sensible_date])
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    is_expert = forms.BooleanField(
        label=_("Invite as an invited expert (no membership needed)"), required=False
    )
    as_lead = forms.BooleanField(label=_("As a lead (trekker)"), required=False)


class EndMemberForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DATETIME, validators=[sensible_date]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=DATETIME, required=False, validators=[sensible_date]
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    is_public = forms.BooleanField(
        label=_("Show the date and title in the lab's public timeline"), required=False
    )

    @classmethod
    def initial_for(cls, session: LabSession) -> dict[str, Any]:
        return {
            name: getattr(session, name)
            for name in ("title", "starts_at", "ends_at", "place", "online_url", "agenda")
        } | {"is_public": session.is_public}

    def data_for_service(self) -> work.SessionData:
        return work.SessionData(**self.cleaned_data)


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional: the members who said they come read it)"),
        max_length=300,
        required=False,
    )


class ReflectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    tried = forms.CharField(
        label=_("What we tried"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    learnt = forms.CharField(
        label=_("What we learnt"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_public = forms.BooleanField(
        label=_("Public: show this entry on the lab's public page"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False, help_text=FILES_HELP)

    @classmethod
    def initial_for(cls, entry: LogbookEntry) -> dict[str, Any]:
        return {
            f: getattr(entry, f) for f in ("title", "tried", "learnt", "next_steps", "is_public")
        }

    def reflection(self) -> work.ReflectionData:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("attachments", "attended")}
        return work.ReflectionData(**data)


class RecordForm(ReflectionForm):
    attended = forms.MultipleChoiceField(
        label=_("Who came"), widget=forms.CheckboxSelectMultiple, required=False
    )

    field_order = ["attended", "title", "tried", "learnt", "next_steps", "is_public", "attachments"]

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attended: forms.MultipleChoiceField = self.fields["attended"]  # type: ignore[assignment]
        attended.choices = [(str(pk), name) for pk, name in people]


class ExpenseForm(forms.Form):
    spent_on = forms.DateField(label=_("Date"), widget=DATE, validators=[sensible_date])
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )
    description = forms.CharField(label=_("What for"), max_length=300)
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=FILES_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=1000, required=False)


class ResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Result.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("Markdown: **bold**, *italic*, lists with -, links as [text](https://...)."),
    )
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One web address per line."),
    )
    programme_item = forms.ModelChoiceField(
        label=_("Presented at a network day"),
        queryset=ProgrammeItem.objects.filter(kind=ProgrammeItem.Kind.LAB_RESULTS)
        .select_related("event")
        .order_by("-starts_at"),
        required=False,
    )

    @classmethod
    def initial_for(cls, result: Result) -> dict[str, Any]:
        return {
            name: getattr(result, name)
            for name in ("kind", "title", "summary", "body", "links", "programme_item")
        }

    def data_for_service(self) -> work.ResultData:
        return work.ResultData(**self.cleaned_data)


class ResultFileForm(forms.Form):
    file = forms.FileField(
        label=_("File or photo"),
        help_text=FILES_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    is_photo = forms.BooleanField(label=_("This is a photo"), required=False)
    recognisable = forms.ChoiceField(
        label=_("Are people recognisable on the photo?"),
        choices=ResultFile.Recognisable.choices,
        widget=forms.RadioSelect,
        initial=ResultFile.Recognisable.NOBODY,
    )
    consent = forms.BooleanField(
        label=_("The recognisable people agreed that this photo is published."),
        required=False,
        help_text=_("Needed when people are recognisable."),
    )
    parent_consent = forms.BooleanField(
        label=_("For each recognisable minor, a parent agreed that this photo is published."),
        required=False,
        help_text=_("Needed when minors are recognisable: without it the photo is refused."),
    )


class YearEntryForm(forms.Form):
    situation = forms.CharField(
        label=_("Situation (Situering)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    partners = forms.CharField(
        label=_("Partners"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    achievements = forms.CharField(
        label=_("Achievements (Realisaties)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    challenges = forms.CharField(
        label=_("Challenges (Uitdagingen)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def data_for_service(self) -> work.YearEntryData:
        return work.YearEntryData(**self.cleaned_data)


class NewYearEntryForm(forms.Form):
    school_year = forms.CharField(label=_("School year"), max_length=9, help_text="2025-2026")


class ContactLabForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"))
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea, max_length=5000)
    # A field people never see: bots fill it in, and their message is dropped.
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class LabFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Lab.Status.choices], required=False
    )
    speerpunt = forms.ChoiceField(label=_("Speerpunt"), required=False)

    def __init__(self, *args: Any, speerpunten: list[Speerpunt], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ChoiceField = self.fields["speerpunt"]  # type: ignore[assignment]
        field.choices = [("", _("All"))] + [(s.slug, s.display_name) for s in speerpunten]
