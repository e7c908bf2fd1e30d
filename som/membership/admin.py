from django.contrib import admin

from som.membership.models import MembershipType, Tariff


class TariffInline(admin.TabularInline[Tariff, MembershipType]):
    model = Tariff
    extra = 0


@admin.register(MembershipType)
class MembershipTypeAdmin(admin.ModelAdmin[MembershipType]):
    list_display = ["name", "code", "gives_vote", "requires_instellingsnummer"]
    inlines = [TariffInline]
