"""The back office for the network. An organisation is created and changed through the network
services (create_organisation, update_organisation: the same rules, the member register's
notice of a new name or seat, the audit entry); speerpunten and the order of the education
levels through theirs. Affiliations are only read here: the team adds and ends staff on the
organisation's staff page and decides on claims (som.network.services.claims), the services that check
and audit them."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from som.accounts.models import Person
from som.core.admin import (
    ReadOnlyAdmin,
    ReadOnlyInline,
    ServiceAdmin,
    form_values,
)
from som.core.changes import RowChanges
from som.core.params import ascii_digits
from som.network import services
from som.network.models import (
    Affiliation,
    Claim,
    EducationLevel,
    EmailDomain,
    Organisation,
    Speerpunt,
)
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


class AffiliationInline(ReadOnlyInline):
    model = Affiliation
    fields = ["person", "role", "job_title", "since", "until"]
    show_change_link = True


def _data(form: forms.ModelForm[Organisation], domains: list[str]) -> services.OrganisationData:
    values = form.cleaned_data
    return services.OrganisationData(
        **{name: values.get(name) or "" for name in services.EDITABLE_FIELDS},
        levels=[level.code for level in values.get("levels", [])],
        email_domains=domains,
        speerpunten=[speerpunt.slug for speerpunt in values.get("speerpunten", [])],
    )


def _domains(organisation: Organisation | None, rows: RowChanges[EmailDomain] | None) -> list[str]:
    """The organisation's email domains after the inline's changes."""
    rows = rows or RowChanges()
    kept = {row.pk for row in rows.deleted} | {row.pk for row, _names in rows.changed}
    domains = []
    if organisation is not None and organisation.pk:
        domains = list(
            organisation.email_domains.exclude(pk__in=kept).values_list("domain", flat=True)
        )
    return domains + [row.domain for row, _names in rows.changed] + [r.domain for r in rows.added]


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
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
        digits = ascii_digits(search_term)
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if digits and len(digits) >= 5 and digits != search_term.strip():
            queryset |= self.model.objects.filter(enterprise_number=digits.zfill(10))
        if digits and len(digits) == 5:
            queryset |= self.model.objects.filter(instellingsnummer=digits.zfill(6))
        return queryset, may_have_duplicates

    def create(
        self, request: HttpRequest, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Organisation:
        domains = _domains(None, rows.get(EmailDomain))
        return services.create_organisation(data=_data(form, domains), by=_person(request))

    def update(
        self,
        request: HttpRequest,
        obj: Organisation,
        form: Any,
        rows: dict[type[Any], RowChanges[Any]],
    ) -> Organisation:
        domains = _domains(obj, rows.get(EmailDomain))
        return services.update_organisation(
            organisation=obj, data=_data(form, domains), by=_person(request)
        )


def _person(request: HttpRequest) -> Person:
    assert isinstance(request.user, Person)
    return request.user


@admin.register(Affiliation)
class AffiliationAdmin(ReadOnlyAdmin):
    """To look up; the staff page and the claims change affiliations (and audit them on the
    organisation, where its history shows them)."""

    list_display = ["person", "organisation", "role", "job_title", "since", "until"]
    list_filter = ["role", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__full_name", "person__email", "organisation__name", "job_title"]
    list_select_related = ["person", "organisation"]
    date_hierarchy = "since"


@admin.register(Speerpunt)
class SpeerpuntAdmin(ServiceAdmin):
    list_display = ["name", "name_en", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def create(
        self, request: HttpRequest, form: Any, rows: dict[type[Any], RowChanges[Any]]
    ) -> Speerpunt:
        return services.save_speerpunt(
            speerpunt=Speerpunt(), values=form_values(form), by=_person(request)
        )

    def update(
        self, request: HttpRequest, obj: Speerpunt, form: Any, rows: dict[type[Any], Any]
    ) -> Speerpunt:
        return services.save_speerpunt(
            speerpunt=obj, values=form_values(form, changed_only=True), by=_person(request)
        )


@admin.register(EducationLevel)
class EducationLevelAdmin(ServiceAdmin):
    """The codes are fixed in the model; only their order changes."""

    list_display = ["__str__", "code", "position"]
    list_editable = ["position"]
    fields = ["position"]

    def update(
        self, request: HttpRequest, obj: EducationLevel, form: Any, rows: dict[type[Any], Any]
    ) -> EducationLevel:
        return services.reorder_education_level(
            level=obj, position=form.cleaned_data["position"], by=_person(request)
        )


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    """Requests to act for an organisation, to look up; the team decides on its claims page."""

    list_display = ["person", "organisation", "status", "basis", "created_at", "decided_by"]
    list_filter = ["status", "basis"]
    search_fields = ["person__full_name", "person__email", "organisation__name"]
    list_select_related = ["person", "organisation", "decided_by"]
    date_hierarchy = "created_at"
