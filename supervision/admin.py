from django.contrib import admin

from core.admin import ScopedHistoryAdmin

from .models import Item, Plan, Setting


@admin.register(Plan)
class PlanAdmin(ScopedHistoryAdmin):
    list_display = ["title", "year", "jurisdiction", "status", "adopted_on", "document_number"]
    list_filter = ["year", "status"]


@admin.register(Item)
class ItemAdmin(ScopedHistoryAdmin):
    list_display = ["title", "kind", "unit", "planned_month", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["title"]
    list_select_related = ["unit", "plan"]
    raw_id_fields = ["follows", "joined_to"]
    # A poll is started from the item's page, through the polls engine, never picked here.
    exclude = ["report_poll"]


@admin.register(Setting)
class SettingAdmin(ScopedHistoryAdmin):
    list_display = ["county", "opinion_working_days", "handling_report_months"]
