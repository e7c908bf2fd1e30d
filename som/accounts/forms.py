from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.accounts.models import Person


class SignupNameForm(forms.Form):
    """Extra field on allauth's sign-up form: people sign up with their name."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)

    def signup(self, request: HttpRequest, user: Person) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["full_name", "language"]


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
