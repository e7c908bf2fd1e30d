from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from som.core import audit
from som.core.changes import RowChanges
from som.core.errors import DomainError
from som.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["object_type", "action"]
    search_fields = ["object_repr", "object_id", "action", "actor__email", "actor__full_name"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """An admin whose "history" page shows the platform's audit log for the object."""

    object_history_template = "admin/audit_history.html"

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": obj,
            "subtitle": None,
            "entries": audit.entries_for(obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)


# --- The admin repairs through the services (docs/decisions.md) ------------------------------------
#
# Every ModelAdmin of the SOM apps is one of two kinds, and som/core/tests/test_admin_write_paths.py
# refuses any other: a ReadOnlyAdmin (to look things up and read an object's history), or a
# ServiceAdmin, which never saves by itself but hands the form to the service of the use case.


class ReadOnlyAdmin(AuditedAdmin):
    """To look things up and to read an object's history; every change is made on the site,
    through the services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


Refusal = DomainError | ValidationError


class ServiceAdmin(AuditedAdmin):
    """The admin of a model the team may repair here. It never saves a row itself: saving the
    change form calls `create` or `update`, deleting calls `delete`, and each of those calls the
    app's service for that use case, which checks who may do it, validates, applies the side
    effects (a larger capacity promotes the waiting list) and writes the audit entry. What a
    subclass does not define, the admin does not offer. A service's refusal is shown on the form,
    and the transaction Django's admin wraps around the save is rolled back."""

    def create(
        self, request: HttpRequest, form: Any, rows: dict[type[models.Model], RowChanges[Any]]
    ) -> models.Model:
        raise NotImplementedError

    def update(
        self,
        request: HttpRequest,
        obj: Any,
        form: Any,
        rows: dict[type[models.Model], RowChanges[Any]],
    ) -> models.Model:
        raise NotImplementedError

    def delete(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError

    @classmethod
    def offers(cls, operation: str) -> bool:
        return getattr(cls, operation) is not getattr(ServiceAdmin, operation)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.offers("create") and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.offers("update") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.offers("delete") and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each through the service
        return actions

    # The hooks of Django's admin that write: each goes to the subclass's service.

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing yet: `save_related` calls the service once, with the inlines' rows."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        rows = {formset.model: changes_of(formset) for formset in formsets}
        if change:
            saved = self.update(request, form.instance, form, rows)
        else:
            saved = self.create(request, form, rows)
        # Django's admin logs the addition and redirects with the object it built.
        form.instance.pk = saved.pk
        form.instance._state.adding = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        raise NotImplementedError("a ServiceAdmin saves its inlines through its service")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete(request, obj)

    # A refusal (DomainError or ValidationError) changes nothing and is shown to the team.

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, ValidationError) as refusal:
            # The admin's transaction rolled back; show the same form again, with the refusal.
            request._service_refusal = refusal  # type: ignore[attr-defined]
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)
        found: Refusal | None = getattr(request, "_service_refusal", None)
        if found is None:
            return form_class
        refusal = found

        class RefusedForm(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                cleaned = super().clean()
                show_refusal(self, refusal)
                return cleaned

        return RefusedForm

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except (DomainError, ValidationError) as refusal:
            self.message_user(request, refusal_text(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            return super().changelist_view(request, extra_context)
        except (DomainError, ValidationError) as refusal:  # from a list_editable column
            self.message_user(request, refusal_text(refusal), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def changes_of(formset: Any) -> RowChanges[Any]:
    """The inline's rows as the service receives them, unsaved. (It also gives the formset the
    lists Django's admin reads for its change message.)"""
    formset.save(commit=False)
    return RowChanges(
        added=list(formset.new_objects),
        changed=[(obj, list(names)) for obj, names in formset.changed_objects],
        deleted=list(formset.deleted_objects),
    )


def form_values(form: forms.ModelForm[Any], *, changed_only: bool = False) -> dict[str, Any]:
    """The form's fields (not many-to-many) and their values, or only the changed ones."""
    many = {field.name for field in form._meta.model._meta.many_to_many}  # type: ignore[union-attr]
    names = form.changed_data if changed_only else list(form.cleaned_data)
    return {
        name: form.cleaned_data[name]
        for name in names
        if name in form.cleaned_data and name not in many
    }


def refusal_text(refusal: Refusal) -> str:
    if isinstance(refusal, DomainError):
        return str(refusal)
    return " ".join(refusal.messages)


def show_refusal(form: forms.BaseForm, refusal: Refusal) -> None:
    if isinstance(refusal, ValidationError) and hasattr(refusal, "error_dict"):
        for name, errors in refusal.error_dict.items():
            form.add_error(
                name if name in form.fields and name != NON_FIELD_ERRORS else None, errors
            )
    else:
        form.add_error(None, refusal_text(refusal))
