from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from som.accounts import api_tokens, services
from som.accounts.models import ApiToken, ErasureRequest, Person
from som.core.admin import AuditedAdmin


@admin.register(Person)
class PersonAdmin(UserAdmin, AuditedAdmin):  # type: ignore[type-arg]
    ordering = ["full_name", "email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined", "erased_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["full_name", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """For repairs: look a token up and revoke it (a lost scanner). Every field is read-only, so
    a revocation cannot be undone here; tokens are made by their owner in Mijn SOM or with
    `manage.py create_api_token`, which show the secret once."""

    list_display = [
        "prefix",
        "person",
        "name",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["person__email", "name", "prefix"]
    fields = readonly_fields = [
        "person",
        "name",
        "prefix",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_select_related = ["person"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a view page: nothing to save, so no revocation to take back

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the token's audit entries keep pointing at it

    @admin.action(description=_("Revoke (final)"), permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        assert isinstance(request.user, Person)
        done = 0
        for token in queryset:
            try:
                api_tokens.revoke_api_token(token=token, by=request.user)
                done += 1
            except api_tokens.ApiTokenError as error:
                self.message_user(request, f"{token}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d API key(s) revoked.") % {"count": done})


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin[ErasureRequest]):
    list_display = ["person", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__full_name"]
    readonly_fields = ["person", "reason", "status", "requested_at", "decided_at", "decided_by"]
    list_select_related = ["person", "decided_by"]
    actions = ["confirm", "decline"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Confirm erasure (pseudonymise the person)"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[ErasureRequest]) -> None:
        done = 0
        for erasure in queryset:
            try:
                assert isinstance(request.user, Person)
                services.confirm_erasure(request=erasure, by=request.user)
                done += 1
            except services.ErasureError as error:
                self.message_user(request, f"{erasure}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d person(s) erased.") % {"count": done})

    @admin.action(description=_("Decline erasure (with a reason mailed to the person)"))
    def decline(
        self, request: HttpRequest, queryset: QuerySet[ErasureRequest]
    ) -> TemplateResponse | None:
        form = DeclineErasureForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            assert isinstance(request.user, Person)
            for erasure in queryset:
                try:
                    services.decline_erasure(
                        request=erasure, by=request.user, reason=form.cleaned_data["reason"]
                    )
                except services.ErasureError as error:
                    self.message_user(request, f"{erasure}: {error}", messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decline erasure"),
            "form": form,
            "queryset": queryset,
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/erasurerequest/decline.html", context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DeclineErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the request declined? The person receives this reason by mail."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
