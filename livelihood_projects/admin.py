from django.contrib import admin

from core.admin import ScopedHistoryAdmin

from .models import Cycle, Inspection, Project, Proposal


@admin.register(Cycle)
class CycleAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "jurisdiction", "year", "seats", "deputies_total"]
    list_filter = ["year", "accepts_public_proposals"]
    list_select_related = ["jurisdiction"]


@admin.register(Proposal)
class ProposalAdmin(ScopedHistoryAdmin):
    list_display = ["receipt_number", "title", "category", "source", "status", "cycle"]
    list_filter = ["status", "source", "category"]
    search_fields = ["receipt_number", "title"]
    list_select_related = ["cycle__jurisdiction"]
    readonly_fields = ["receipt_number"]


@admin.register(Project)
class ProjectAdmin(ScopedHistoryAdmin):
    list_display = ["title", "cycle", "status", "responsible_unit", "progress"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
    list_select_related = ["cycle__jurisdiction", "responsible_unit"]


@admin.register(Inspection)
class InspectionAdmin(ScopedHistoryAdmin):
    list_display = ["held_on", "kind", "cycle"]
    list_filter = ["kind"]
    list_select_related = ["cycle__jurisdiction"]
