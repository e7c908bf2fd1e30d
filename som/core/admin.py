from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from som.core import audit, page_cache
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


class PublicPagesAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For objects the public pages show: every change made here also forgets the cached
    pages of anonymous visitors (som/core/page_cache.py)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        page_cache.invalidate()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        page_cache.invalidate()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        page_cache.invalidate()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        page_cache.invalidate()
