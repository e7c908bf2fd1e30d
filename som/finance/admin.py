"""Invoices, payments and imports in the back office: to look up, never to change. Every change
goes through the services (the treasurer's pages), so it is audited and nothing is deleted."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from som.core import admin as core_admin
from som.finance.models import Invoice, Payment, StatementImport


class ReadOnlyAdmin(core_admin.ReadOnlyAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]


class PaymentInline(admin.TabularInline[Payment, Invoice]):
    model = Payment
    extra = 0
    fields = readonly_fields = (
        "booked_on",
        "amount",
        "source",
        "match",
        "counterparty_name",
        "note",
    )
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "holder_name", "purpose", "amount", "status", "issued_on", "paid_on"]
    list_filter = ["status", "purpose", "year"]
    search_fields = ["number", "holder_name", "holder_email", "structured_reference"]
    date_hierarchy = "issued_on"
    list_select_related = ["organisation", "person"]
    inlines = [PaymentInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["booked_on", "amount", "invoice", "match", "source", "counterparty_name"]
    list_filter = ["match", "source"]
    search_fields = [
        "invoice__number",
        "structured_reference",
        "communication",
        "counterparty_name",
        "counterparty_account",
        "note",
    ]
    date_hierarchy = "booked_on"
    list_select_related = ["invoice"]


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "imported_at", "imported_by", "statements", "movements"]
    search_fields = ["file_name", "file_sha256"]
    date_hierarchy = "imported_at"
    list_select_related = ["imported_by"]
