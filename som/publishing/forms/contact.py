from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"))
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Your message"), widget=forms.Textarea, max_length=5000)
    # A field people never see: bots fill it in, and their message is dropped.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
