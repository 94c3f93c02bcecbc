from django.contrib import admin

from core.admin import ScopedHistoryAdmin

from .models import Budget, Fund, FundCriterion, Problem, Setting, TownshipReview, Warning


@admin.register(Budget)
class BudgetAdmin(ScopedHistoryAdmin):
    list_display = ["jurisdiction", "year", "adopted_on", "adopted_by", "document_number"]
    list_filter = ["year"]


@admin.register(Warning)
class WarningAdmin(ScopedHistoryAdmin):
    list_display = ["jurisdiction", "year", "month", "rule", "agency", "status"]
    list_filter = ["rule", "status"]
    readonly_fields = ["subject", "key"]


@admin.register(Problem)
class ProblemAdmin(ScopedHistoryAdmin):
    list_display = ["title", "jurisdiction", "unit", "due_on", "status"]
    list_filter = ["status"]
    readonly_fields = ["warning"]


@admin.register(Setting)
class SettingAdmin(ScopedHistoryAdmin):
    list_display = ["county", "pace_low", "pace_high", "adjustment_share", "last_month_share"]


@admin.register(TownshipReview)
class TownshipReviewAdmin(ScopedHistoryAdmin):
    list_display = ["township", "year", "step", "held_on", "document_number"]
    list_filter = ["year", "step"]
    readonly_fields = ["document", "document_name"]


@admin.register(Fund)
class FundAdmin(ScopedHistoryAdmin):
    list_display = ["name", "county", "year", "unit", "survey_open", "result", "published_on"]
    list_filter = ["year", "survey_open"]


@admin.register(FundCriterion)
class FundCriterionAdmin(ScopedHistoryAdmin):
    list_display = ["county", "kind", "name", "max_score", "is_active"]
    list_filter = ["kind", "is_active"]
