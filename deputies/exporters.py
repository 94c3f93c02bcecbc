"""Excel exports of the deputy-work lists, each the filtered, scoped list its page shows, for
those with the permission of that page."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import ListExporter, Sheet, register
from core.templatetags.portal import mask_phone

from .filters import (
    ActivityFilter,
    DeputyFilter,
    OpinionFilter,
    StationFilter,
    SuggestionFilter,
    VisitFilter,
)
from .models import Activity, Deputy, Opinion, Station, Suggestion, Visit


@register
class VisitExporter(ListExporter):
    identifier = "visits"
    verbose_name = gettext_lazy("进站履职记录")
    permission = "deputies.view_visits"
    filterset_class = VisitFilter
    # The columns of the sheet, in order, as fields of the exported queryset.
    columns = (
        "visited_on",
        "station__county__name",
        "station__name",
        "deputy__name",
        "kind",
        "people_received",
        "opinion_count",
        "notes",
    )

    def base_queryset(self):
        return (
            Visit.objects.visible_to(self.user).with_opinion_count().order_by("-visited_on", "-pk")
        )

    def sheets(self):
        # Plain values and labels looked up once: a quarter is some 60,000 rows, and model
        # instances with translated choice labels per row cost as much as writing the workbook.
        kinds = {value: str(label) for value, label in Visit.Kind.choices}
        values = self.queryset().values_list(*self.columns)
        rows = (
            [day, county, station, deputy, kinds.get(kind, kind), people, opinions, notes]
            for day, county, station, deputy, kind, people, opinions, notes in values.iterator(
                chunk_size=2000
            )
        )
        yield Sheet(
            name=_("履职记录"),
            title=_("代表进站履职记录"),
            headers=[
                _("日期"),
                _("县市区"),
                _("联络站"),
                _("代表"),
                _("履职方式"),
                _("接待人数"),
                _("意见建议"),
                _("情况记录"),
            ],
            rows=rows,
            column_widths=(12, 14, 24, 10, 12, 10, 10, 50),
        )


@register
class OpinionExporter(ListExporter):
    identifier = "opinions"
    verbose_name = gettext_lazy("群众意见建议")
    permission = "deputies.view_opinions"
    filterset_class = OpinionFilter

    def base_queryset(self):
        return Opinion.objects.visible_to(self.user).select_related("station", "unit", "county")

    def sheets(self):
        rows = (
            [
                o.raised_on,
                o.county.name,
                o.station.name if o.station else "",
                o.get_category_display(),
                o.content,
                o.raised_by or _("匿名"),
                o.get_status_display(),
                o.unit.name if o.unit else "",
                o.due_on,
                o.resolved_on,
                o.get_satisfaction_display() if o.satisfaction else "",
            ]
            for o in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("群众意见建议"),
            title=_("群众意见建议办理情况"),
            headers=[
                _("收集日期"),
                _("县市区"),
                _("联络站"),
                _("类别"),
                _("内容"),
                _("反映人"),
                _("办理状态"),
                _("承办单位"),
                _("办理期限"),
                _("解决日期"),
                _("满意度"),
            ],
            rows=rows,
            column_widths=(12, 14, 22, 10, 50, 10, 10, 22, 12, 12, 10),
        )


@register
class SuggestionExporter(ListExporter):
    identifier = "suggestions"
    verbose_name = gettext_lazy("代表建议")
    permission = "deputies.view_suggestions"
    filterset_class = SuggestionFilter

    def base_queryset(self):
        return Suggestion.objects.visible_to(self.user).select_related("deputy", "lead_unit")

    def sheets(self):
        rows = (
            [
                s.number,
                s.get_kind_display(),
                s.title,
                s.deputy.name,
                s.submitted_on,
                s.lead_unit.name if s.lead_unit else "",
                s.assigned_on,
                s.due_on,
                s.replied_on,
                s.get_result_class_display() if s.result_class else "",
                s.get_satisfaction_display() if s.satisfaction else "",
                s.get_status_display(),
            ]
            for s in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("代表建议"),
            title=_("代表建议和微建议办理情况"),
            headers=[
                _("编号"),
                _("类型"),
                _("标题"),
                _("领衔代表"),
                _("提出日期"),
                _("主办单位"),
                _("交办日期"),
                _("答复期限"),
                _("答复日期"),
                _("办理结果"),
                _("代表满意度"),
                _("办理状态"),
            ],
            rows=rows,
            column_widths=(14, 8, 36, 10, 12, 22, 12, 12, 12, 22, 10, 10),
        )


@register
class StationExporter(ListExporter):
    identifier = "stations"
    verbose_name = gettext_lazy("代表联络站")
    permission = "deputies.view_stations"
    filterset_class = StationFilter

    def base_queryset(self):
        return (
            Station.objects.visible_to(self.user)
            .select_related("county", "township")
            .annotate(deputy_count=Count("memberships", distinct=True))
            .order_by("county__code", "name")
        )

    def sheets(self):
        rows = (
            [
                s.county.name,
                s.township.name if s.township else "",
                s.name,
                s.get_kind_display(),
                s.address,
                s.reception_hours,
                s.deputy_count,
            ]
            for s in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("代表联络站"),
            title=_("代表联络站名录"),
            headers=[
                _("县市区"),
                _("乡镇（街道）"),
                _("站名"),
                _("类型"),
                _("地址"),
                _("接待时间"),
                _("进站代表"),
            ],
            rows=rows,
            column_widths=(14, 14, 28, 24, 30, 20, 10),
        )


@register
class DeputyExporter(ListExporter):
    """The roster as listed; mobile numbers stay masked as they are on the page."""

    identifier = "deputies"
    verbose_name = gettext_lazy("人大代表名册")
    permission = "deputies.view_roster"
    filterset_class = DeputyFilter

    def base_queryset(self):
        return (
            Deputy.objects.visible_to(self.user)
            .select_related("county", "township")
            .order_by("county__code", "name", "pk")
        )

    def sheets(self):
        rows = (
            [
                d.name,
                d.get_level_display(),
                d.get_gender_display(),
                d.ethnicity,
                d.county.name,
                d.township.name if d.township else "",
                d.delegation,
                d.occupation,
                mask_phone(d.phone),
                d.is_standing_committee_member,
            ]
            for d in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("人大代表"),
            title=_("人大代表名册"),
            headers=[
                _("姓名"),
                _("代表层级"),
                _("性别"),
                _("民族"),
                _("县市区"),
                _("乡镇（街道）"),
                _("所在代表团"),
                _("职业（工作单位及职务）"),
                _("手机号码"),
                _("常委会组成人员"),
            ],
            rows=rows,
            column_widths=(10, 14, 6, 8, 14, 14, 16, 30, 14, 12),
        )


@register
class ActivityExporter(ListExporter):
    identifier = "activities"
    verbose_name = gettext_lazy("联络站活动")
    permission = "deputies.manage_activities"
    filterset_class = ActivityFilter

    def base_queryset(self):
        return Activity.objects.visible_to(self.user).select_related("station")

    def sheets(self):
        rows = (
            [
                a.starts_at,
                a.station.name if a.station else "",
                a.get_kind_display(),
                a.title,
                a.get_status_display(),
                a.announced_at,
                a.participants,
                a.questions_answered,
                a.disputes_mediated,
            ]
            for a in self.queryset().iterator(chunk_size=2000)
        )
        yield Sheet(
            name=_("联络站活动"),
            title=_("代表联络站活动"),
            headers=[
                _("开始时间"),
                _("联络站"),
                _("活动类型"),
                _("活动主题"),
                _("状态"),
                _("预告时间"),
                _("参加群众人数"),
                _("解答问题数"),
                _("化解纠纷数"),
            ],
            rows=rows,
            column_widths=(18, 24, 18, 30, 10, 18, 12, 12, 12),
        )
