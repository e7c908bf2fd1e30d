"""Forms only shape input; the finance services check the rules and report what is wrong."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from som.core import files
from som.core.validators import sensible_date
from som.finance.models import Invoice

# A CODA file has a 128-character record per line; a year of statements stays far below this.
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CODA file"),
        help_text=_("The bank statement file (CODA) from the bank's website, as it is."),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("This file is too large for a bank statement."))
        try:
            files.check(upload, kinds={files.TEXT})
        except files.FileRefused as refused:
            raise forms.ValidationError(refused.message) from None
        self.file_name = str(upload.name or "coda")
        return bytes(upload.read())


class AssignPaymentForm(forms.Form):
    number = forms.CharField(
        label=_("Invoice number"), max_length=20, widget=forms.TextInput(attrs={"size": 10})
    )


class ManualPaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    booked_on = forms.DateField(
        label=_("Date received"),
        initial=timezone.localdate,
        # A date picker takes ISO dates only, whatever the language's input formats.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[sensible_date],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CancelInvoiceForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)


def _choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("All"))] + [(value, capfirst(label)) for value, label in choices]


class InvoiceFilterForm(forms.Form):
    """The filters of the invoice list; every field is optional and a wrong value is ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Number, holder or structured communication."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._choice_field("status").choices = _choices(Invoice.Status.choices)
        self._choice_field("purpose").choices = _choices(Invoice.Purpose.choices)
        self._choice_field("year").choices = [("", _("All"))] + [(y, str(y)) for y in years]

    def _choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])
