from django.contrib import admin

from core.admin import ScopedAdmin, ScopedHistoryAdmin, ScopedTabularInline
from core.models import Jurisdiction

from .models import (
    Activity,
    ContactVisit,
    CountySetting,
    Deputy,
    Opinion,
    OpinionReply,
    Station,
    StationMembership,
    StationPost,
    Suggestion,
    Visit,
)


class MembershipInline(ScopedTabularInline):
    model = StationMembership
    extra = 0
    autocomplete_fields = ["deputy"]


@admin.register(Deputy)
class DeputyAdmin(ScopedHistoryAdmin):
    list_display = [
        "name",
        "level",
        "county",
        "township",
        "ethnicity",
        "is_standing_committee_member",
    ]
    list_filter = ["level", "gender", "is_standing_committee_member", "is_active"]
    search_fields = ["name", "occupation", "delegation"]
    list_select_related = ["county", "township"]
    raw_id_fields = ["user"]


@admin.register(Station)
class StationAdmin(ScopedHistoryAdmin):
    list_display = ["name", "kind", "county", "township", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "address"]
    list_select_related = ["county", "township"]
    inlines = [MembershipInline]


@admin.register(Visit)
class VisitAdmin(ScopedHistoryAdmin):
    list_display = ["visited_on", "deputy", "station", "kind", "people_received"]
    list_filter = ["kind"]
    date_hierarchy = "visited_on"
    list_select_related = ["deputy", "station"]
    raw_id_fields = ["deputy", "station", "recorded_by"]


class ReplyInline(ScopedTabularInline):
    model = OpinionReply
    extra = 0
    raw_id_fields = ["replied_by", "unit"]


@admin.register(Opinion)
class OpinionAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "category", "status", "county", "unit", "raised_on"]
    list_filter = ["status", "category"]
    search_fields = ["content"]
    list_select_related = ["county", "unit"]
    raw_id_fields = ["visit", "deputy", "station", "unit"]
    inlines = [ReplyInline]


@admin.register(Suggestion)
class SuggestionAdmin(ScopedHistoryAdmin):
    list_display = ["number", "title", "kind", "status", "lead_unit", "due_on", "replied_on"]
    list_filter = ["kind", "status", "result_class", "satisfaction"]
    search_fields = ["number", "title"]
    list_select_related = ["lead_unit"]
    raw_id_fields = ["deputy", "lead_unit"]
    filter_horizontal = ["co_units"]


@admin.register(Activity)
class ActivityAdmin(ScopedHistoryAdmin):
    list_display = ["title", "kind", "station", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["station"]
    raw_id_fields = ["station"]
    filter_horizontal = ["deputies"]


@admin.register(StationPost)
class StationPostAdmin(ScopedAdmin):
    list_display = ["title", "station", "published_on"]
    raw_id_fields = ["station"]

    def get_queryset(self, request):
        return StationPost.objects.filter(station__in=Station.objects.visible_to(request.user))


@admin.register(ContactVisit)
class ContactVisitAdmin(ScopedAdmin):
    list_display = ["visitor", "visited", "kind", "visited_on", "county"]
    list_filter = ["kind"]
    raw_id_fields = ["deputy"]


@admin.register(CountySetting)
class CountySettingAdmin(ScopedAdmin):
    list_display = ["county", "micro_suggestion_days"]

    def get_queryset(self, request):
        counties = Jurisdiction.objects.visible_to(request.user)
        return CountySetting.objects.filter(county__in=counties)
