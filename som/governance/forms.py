"""Forms for the members' and the secretary's pages: they shape input, the services decide."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from som.accounts.models import Person
from som.core.validators import sensible_date
from som.governance.models import Body, Meeting, MotionKind
from som.governance.services import MAX_DOCUMENT_BYTES
from som.network.models import Organisation


def _limit_choices(form: forms.Form, name: str, queryset: Any) -> None:
    """Narrow a model choice field to the queryset the page computed."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.filter(kind__in=[Body.Kind.GENERAL_ASSEMBLY, Body.Kind.BOARD]),
        empty_label=None,
    )
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeInput(), validators=[sensible_date]
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    invite_observers = forms.BooleanField(
        label=_("Invite the lab members as observers"), required=False
    )


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    motion_kind = forms.ModelChoiceField(
        label=_("Kind of motion"),
        queryset=MotionKind.objects.all(),
        required=False,
        empty_label=_("No vote (for information)"),
    )
    motion = forms.CharField(
        label=_("Proposed decision"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    subject_organisation = forms.ModelChoiceField(
        label=_("Member concerned (exclusion)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    seats = forms.IntegerField(label=_("Seats (election)"), min_value=1, required=False)
    candidates = forms.CharField(
        label=_("Candidates (election): one email address a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            _limit_choices(self, "subject_organisation", members)

    def clean_candidates(self) -> list[Person]:
        emails = [line.strip().lower() for line in self.cleaned_data["candidates"].splitlines()]
        emails = [email for email in emails if email]
        people = list(Person.objects.filter(email__in=emails))
        unknown = sorted(set(emails) - {person.email.lower() for person in people})
        if unknown:
            raise forms.ValidationError(
                _("No account with this address: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return people


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> UploadedFile:
        # By its size as received, before the view reads it into memory.
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("A document can be at most 10 MB."))
        return upload


class SecondMeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeInput(), validators=[sensible_date]
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)


class MoveMeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("New date and time"), widget=DateTimeInput(), validators=[sensible_date]
    )


class ProxyForm(forms.Form):
    giver = forms.ModelChoiceField(
        label=_("Member giving the proxy"), queryset=Organisation.objects.none(), empty_label=None
    )
    holder = forms.ModelChoiceField(
        label=_("Member that will vote for it"), queryset=Organisation.objects.none()
    )
    statement = forms.CharField(
        label=_("Written proxy (optional: a standard text is used)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, mine: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(self, "giver", mine)
        _limit_choices(self, "holder", members)


class ProposalForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    motion = forms.CharField(label=_("Proposed decision"), widget=forms.Textarea(attrs={"rows": 3}))
    motion_kind = forms.ModelChoiceField(
        label=_("Kind of motion"), queryset=MotionKind.objects.all(), empty_label=None
    )

    def __init__(self, *args: Any, mine: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(self, "organisation", mine)


class RequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=_("What should the general assembly decide?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, mine: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(self, "organisation", mine)


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 30}))
