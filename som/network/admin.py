"""The back office for the network. Saves go through Django's admin machinery (it handles the
inlines), and every change writes an audit entry with the same before/after snapshot the
services use, so "history" shows it next to changes made on the site."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.accounts.models import Person
from som.core import audit
from som.core.admin import AuditedAdmin, PublicPagesAdmin
from som.network import services
from som.network.models import Affiliation, EducationLevel, EmailDomain, Organisation, Speerpunt
from som.network.validators import (
    clean_email_domain,
    clean_enterprise_number,
    clean_instellingsnummer,
    format_enterprise_number,
)


class OrganisationAdminForm(forms.ModelForm[Organisation]):
    # Wider than the stored values, so "0123.456.749" reaches the validator that canonicalises it.
    instellingsnummer = forms.CharField(
        label=_("institution number"),
        max_length=20,
        required=False,
        help_text=_("The Flemish education institution number: 5 or 6 digits."),
    )
    enterprise_number = forms.CharField(
        label=_("enterprise number"),
        max_length=20,
        required=False,
        help_text=_("The KBO/BCE number, like 0123.456.749."),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "sector",
            "network",
            "levels",
            "speerpunten",
            *["instellingsnummer", "enterprise_number"],
            *["street", "postal_code", "city", "website"],
        ]
        # Eight levels and three speerpunten: checkboxes read better than two-pane pickers.
        widgets = {
            "levels": forms.CheckboxSelectMultiple,
            "speerpunten": forms.CheckboxSelectMultiple,
        }

    def clean_instellingsnummer(self) -> str | None:
        value = self.cleaned_data.get("instellingsnummer") or ""
        return clean_instellingsnummer(value) if value.strip() else None

    def clean_enterprise_number(self) -> str:
        value = self.cleaned_data.get("enterprise_number") or ""
        return clean_enterprise_number(value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        conflicts = services.identifier_conflicts(
            instellingsnummer=cleaned.get("instellingsnummer") or "",
            enterprise_number=cleaned.get("enterprise_number") or "",
            email_domains=[],  # the inline checks domains: they are unique in the database
            exclude_pk=self.instance.pk,
        )
        for name, messages in conflicts.items():
            if name in cleaned:
                self.add_error(name, messages)
        return cleaned


class EmailDomainForm(forms.ModelForm[EmailDomain]):
    class Meta:
        model = EmailDomain
        fields = ["domain"]

    def clean_domain(self) -> str:
        return clean_email_domain(self.cleaned_data.get("domain") or "")


class EmailDomainInline(admin.TabularInline[EmailDomain, Organisation]):
    model = EmailDomain
    form = EmailDomainForm
    extra = 1


class AffiliationInline(admin.TabularInline[Affiliation, Organisation]):
    model = Affiliation
    fields = ["person", "role", "job_title", "since", "until"]
    autocomplete_fields = ["person"]
    extra = 0
    show_change_link = True


def _record_affiliation_changes(
    request: HttpRequest, organisation: Organisation, formset: BaseInlineFormSet[Any, Any, Any]
) -> None:
    for affiliation in formset.new_objects:
        _record_affiliation(request, organisation, "affiliation.created", affiliation)
    for affiliation, changed in formset.changed_objects:
        _record_affiliation(request, organisation, "affiliation.updated", affiliation, changed)
    for affiliation in formset.deleted_objects:
        _record_affiliation(request, organisation, "affiliation.deleted", affiliation)


def _record_affiliation(
    request: HttpRequest,
    organisation: Organisation,
    action: str,
    affiliation: Affiliation,
    changed: list[str] | None = None,
) -> None:
    changes: dict[str, Any] = {"person": affiliation.person.email, "role": affiliation.role}
    if changed:
        changes["changed"] = changed
    audit.record(actor=request.user, action=action, obj=organisation, changes=changes)


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    """The services' snapshot, plus the speerpunten only the back office edits."""
    speerpunten = sorted(organisation.speerpunten.values_list("slug", flat=True))
    return {**services.snapshot(organisation), "speerpunten": speerpunten}


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    form = OrganisationAdminForm
    list_display = [
        "name",
        "kind",
        "instellingsnummer",
        "enterprise_number_display",
        "network",
        "city",
    ]
    list_filter = ["kind", "network", "sector", "levels"]
    search_fields = [
        "name",
        "instellingsnummer",
        "enterprise_number",
        "email_domains__domain",
    ]
    inlines = [EmailDomainInline, AffiliationInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "sector", "network", "levels", "speerpunten"]}),
        (_("Identifiers"), {"fields": ["instellingsnummer", "enterprise_number"]}),
        (_("Address"), {"fields": ["street", "postal_code", "city", "website"]}),
    ]

    @admin.display(description=_("enterprise number"), ordering="enterprise_number")
    def enterprise_number_display(self, obj: Organisation) -> str:
        return format_enterprise_number(obj.enterprise_number)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Organisation], search_term: str
    ) -> tuple[QuerySet[Organisation], bool]:
        # "0123.456.749" and "12345" find the stored "0123456749" and "012345".
        digits = "".join(c for c in search_term if c.isdigit())
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if digits and len(digits) >= 5 and digits != search_term.strip():
            queryset |= self.model.objects.filter(enterprise_number=digits.zfill(10))
        if digits and len(digits) == 5:
            queryset |= self.model.objects.filter(instellingsnummer=digits.zfill(6))
        return queryset, may_have_duplicates

    def save_model(
        self,
        request: HttpRequest,
        obj: Organisation,
        form: forms.ModelForm[Organisation],
        change: bool,
    ) -> None:
        # Remember the state before this save; save_related writes the audit entry once the
        # levels and the inlines are saved too.
        before = _snapshot(Organisation.objects.get(pk=obj.pk)) if change else {}
        request._organisation_before = before  # type: ignore[attr-defined]
        if not obj.slug:
            obj.slug = services.unique_slug(obj.name)
        super().save_model(request, obj, form, change)

    def save_formset(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Organisation],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Affiliation:
            _record_affiliation_changes(request, form.instance, formset)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Organisation],
        formsets: list[BaseInlineFormSet[Any, Any, Any]],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        organisation = form.instance
        before = getattr(request, "_organisation_before", {})
        changes = audit.diff(before, _snapshot(organisation))
        if changes or not change:
            action = "organisation.updated" if change else "organisation.created"
            audit.record(actor=request.user, action=action, obj=organisation, changes=changes)
        if change and changes:
            assert isinstance(request.user, Person)
            services.identity_changed(organisation=organisation, changes=changes, by=request.user)


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin[Affiliation]):
    """Changes are written to the audit log of the organisation, where its history shows them."""

    list_display = ["person", "organisation", "role", "job_title", "since", "until"]
    list_filter = ["role", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__full_name", "person__email", "organisation__name", "job_title"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]
    date_hierarchy = "since"

    def save_model(
        self,
        request: HttpRequest,
        obj: Affiliation,
        form: forms.ModelForm[Affiliation],
        change: bool,
    ) -> None:
        super().save_model(request, obj, form, change)
        action = "affiliation.updated" if change else "affiliation.created"
        changed = list(form.changed_data) if change else None
        _record_affiliation(request, obj.organisation, action, obj, changed)

    def delete_model(self, request: HttpRequest, obj: Affiliation) -> None:
        organisation = obj.organisation
        _record_affiliation(request, organisation, "affiliation.deleted", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Affiliation]) -> None:
        for affiliation in queryset.select_related("person", "organisation"):
            _record_affiliation(
                request, affiliation.organisation, "affiliation.deleted", affiliation
            )
        super().delete_queryset(request, queryset)


@admin.register(Speerpunt)
class SpeerpuntAdmin(PublicPagesAdmin):
    list_display = ["name", "name_en", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin[EducationLevel]):
    list_display = ["__str__", "code", "position"]
    list_editable = ["position"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the codes are fixed in the model; only their order can change

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
