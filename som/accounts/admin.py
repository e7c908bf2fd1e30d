from typing import Any

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from som.accounts import api_tokens, services, team_changes
from som.accounts.models import ApiToken, ErasureRequest, Person
from som.core import audit, personal_data
from som.core.admin import AuditedAdmin
from som.core.errors import DomainError


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

    # Only a superuser decides who is in the team or above it, and sets passwords: a team member
    # who could would make themselves superuser, or take over a colleague's account by changing
    # its address or password. What is read-only is not in the form, so a POST cannot set it.
    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = [*super().get_readonly_fields(request, obj)]
        if obj is None:
            return fields  # the add form has e-mail, name and password only
        restricted = team_changes.fields_only_a_superuser_changes(by=request.user, person=obj)
        return fields + sorted(restricted - {"password"})  # the password row is left out

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        own_fields = {field.name for field in Person._meta.concrete_fields}
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in own_fields}
        if changes:
            assert isinstance(request.user, Person)
            try:
                team_changes.update_person(person=obj, by=request.user, changes=changes)
            except DomainError as error:
                raise PermissionDenied(str(error)) from error

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and _is_colleague(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


def _is_colleague(request: HttpRequest, person: Any) -> bool:
    """Another member of the team (or a superuser): not the one making the request."""
    return team_changes.has_team_rights(person) and person.pk != request.user.pk


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class TeamSafeEmailAddressAdmin(EmailAddressAdmin):
    """allauth's addresses, where only a superuser adds, changes or deletes one of a team
    member's (a verified address is a password reset away from the account)."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and _is_colleague(request, obj.user):
            return False
        return bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and _is_colleague(request, obj.user):
            return False
        return bool(super().has_delete_permission(request, obj))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user" and not request.user.is_superuser:
            assert isinstance(request.user, Person)
            kwargs["queryset"] = Person.objects.filter(is_staff=False, is_superuser=False) | (
                Person.objects.filter(pk=request.user.pk)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin[Authenticator]):
    """For one repair: a team member lost their phone, a superuser deletes their authenticators
    and they set up a new app. The secrets (`data`) are never shown; the team's backend gives no
    right here, so only superusers see this page."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email", "user__full_name"]
    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        super().delete_model(request, obj)
        audit.record(
            actor=request.user,
            action="person.mfa_removed",
            obj=obj.user,
            changes={"type": obj.type},
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        removed = [(authenticator.user, authenticator.type) for authenticator in queryset]
        super().delete_queryset(request, queryset)
        for person, kind in removed:
            audit.record(
                actor=request.user, action="person.mfa_removed", obj=person, changes={"type": kind}
            )


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
    readonly_fields = [
        "person",
        "name",
        "prefix",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["token_hash"]
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
            kept = personal_data.kept_after_erasure(erasure.person)
            try:
                assert isinstance(request.user, Person)
                services.confirm_erasure(request=erasure, by=request.user)
                done += 1
            except services.ErasureError as error:
                self.message_user(request, f"{erasure}: {error}", messages.ERROR)
                continue
            if kept:  # the erasure's report: what keeps the name, because the law says so
                self.message_user(
                    request,
                    _("Kept with the name, as the law requires: %(records)s")
                    % {"records": " ".join(personal_data.describe_kept(r) for r in kept)},
                    messages.WARNING,
                )
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
