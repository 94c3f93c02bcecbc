from django.contrib import admin

from core.admin import ScopedHistoryAdmin

from .models import (
    AppraisalRound,
    AuditProblem,
    EvaluationRound,
    JointReview,
    ProcuratorialSuggestion,
    UnitHead,
)


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ScopedHistoryAdmin):
    list_display = ["title", "year", "jurisdiction"]
    list_filter = ["year"]
    filter_horizontal = ["units"]


@admin.register(AuditProblem)
class AuditProblemAdmin(ScopedHistoryAdmin):
    list_display = ["number", "area", "unit", "deadline", "status", "closed_on"]
    list_filter = ["year", "status"]
    search_fields = ["number", "description"]
    list_select_related = ["unit"]
    raw_id_fields = ["source"]


@admin.register(JointReview)
class JointReviewAdmin(ScopedHistoryAdmin):
    list_display = ["month", "jurisdiction", "held_on"]


@admin.register(ProcuratorialSuggestion)
class ProcuratorialSuggestionAdmin(ScopedHistoryAdmin):
    list_display = ["number", "unit", "issued_on", "reply_due", "replied_on", "adoption"]
    list_select_related = ["unit"]


@admin.register(UnitHead)
class UnitHeadAdmin(ScopedHistoryAdmin):
    list_display = ["name", "unit", "post", "kind", "took_office", "left_office"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["unit"]


@admin.register(AppraisalRound)
class AppraisalRoundAdmin(ScopedHistoryAdmin):
    list_display = ["title", "year", "appraisal_date", "jurisdiction"]
