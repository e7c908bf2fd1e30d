from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.accounts.models import ApiToken, Person
from som.accounts.names import NO_NAME, validate_full_name


class SignupNameForm(forms.Form):
    """Extra field on allauth's sign-up form: people sign up with their name."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        validators=[validate_full_name],
        error_messages={"required": NO_NAME},
    )

    def signup(self, request: HttpRequest, user: Person) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["full_name", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model allows a blank name; a person editing theirs must keep one.
        name = self.fields["full_name"]
        name.required = True
        name.validators.append(validate_full_name)
        name.error_messages["required"] = NO_NAME


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you want your data erased? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed once the team confirms this."),
        required=True,
    )


class ApiKeyForm(forms.Form):
    """A new API key: what it is for, what it may do, how long it works."""

    name = forms.CharField(
        label=_("What is the key for?"),
        help_text=_("For example “scanner at the door” or “our school's calendar”."),
        max_length=100,
        required=False,
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may the key do?"),
        widget=forms.CheckboxSelectMultiple,
        initial=["read"],
    )
    days = forms.TypedChoiceField(
        label=_("How long does it work?"),
        coerce=int,
        widget=forms.RadioSelect,
    )

    LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (180, _("180 days")), (365, _("1 year"))]

    def __init__(self, *args: object, scopes: list[str], max_days: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(ApiToken.Scope.choices)
        self.fields["scopes"].choices = [(scope, labels[scope]) for scope in scopes]  # type: ignore[attr-defined]
        lifetimes = [(days, label) for days, label in self.LIFETIMES if days <= max_days]
        self.fields["days"].choices = lifetimes or [(max_days, str(max_days))]  # type: ignore[attr-defined]
        self.fields["days"].initial = lifetimes[-1][0] if lifetimes else max_days
