"""Excel exports of the deputy-work lists, each the filtered, scoped list its page shows, for
those with the permission of that page."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exchange.exporters import BaseExporter, ListExporter, Sheet, register
from core.forms import parse_year
from core.templatetags.portal import mask_phone

from . import records
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
        return Opinion.objects.visible_to(self.user).select_related(
            "station", "unit", "county", "campaign"
        )

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
                # Last, so that sheets built on the earlier columns keep their places.
                o.get_source_display(),
                o.campaign.name if o.campaign else "",
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
                _("来源"),
                _("专项活动"),
            ],
            rows=rows,
            column_widths=(12, 14, 22, 10, 50, 10, 10, 22, 12, 12, 10, 14, 14),
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


@register
class DeputyRecordExporter(BaseExporter):
    """Every deputy's performance record of a year, one row per deputy: each figure of the record
    page (counted by the same `records.records`) and the score by the county's weights."""

    identifier = "deputy_records"
    verbose_name = gettext_lazy("代表履职档案")
    permission = "deputies.export_records"

    def year(self) -> int:
        requested = self.query_params().get("year")
        try:
            return parse_year(requested) if requested else timezone.localdate().year
        except ValueError:
            return timezone.localdate().year

    def sheets(self):
        year = self.year()
        deputies = list(records.roster(user=self.user))
        rows = (
            [
                r.deputy.name,
                r.deputy.get_level_display(),
                r.deputy.county.name,
                r.deputy.township.name if r.deputy.township else "",
                *(getattr(r, name) for name, _label in _RECORD_COLUMNS),
                r.score,
            ]
            for r in records.records(user=self.user, year=year, deputies=deputies)
        )
        yield Sheet(
            name=_("履职档案"),
            title=_("%(y)s年代表履职档案") % {"y": year},
            headers=[
                _("姓名"),
                _("代表层级"),
                _("县市区"),
                _("乡镇（街道）"),
                *(str(label) for _name, label in _RECORD_COLUMNS),
                _("履职积分"),
            ],
            rows=rows,
            column_widths=(10, 14, 14, 14, *(10 for _c in _RECORD_COLUMNS), 10),
        )


_RECORD_COLUMNS = (
    ("visits", gettext_lazy("进站履职")),
    ("people", gettext_lazy("接待群众")),
    ("activities", gettext_lazy("参加活动")),
    ("opinions", gettext_lazy("收集意见")),
    ("opinions_answered", gettext_lazy("当场答复")),
    ("opinions_transferred", gettext_lazy("转交单位")),
    ("opinions_replied", gettext_lazy("单位已答复")),
    ("opinions_open", gettext_lazy("待单位答复")),
    ("opinions_settled", gettext_lazy("意见已办结")),
    ("opinions_rated", gettext_lazy("群众已评价")),
    ("suggestions", gettext_lazy("代表建议")),
    ("suggestions_replied", gettext_lazy("建议已答复")),
    ("micro", gettext_lazy("微建议")),
    ("micro_closed", gettext_lazy("微建议办结")),
    ("rated_satisfied", gettext_lazy("测评满意")),
    ("rated_basically", gettext_lazy("测评基本满意")),
    ("rated_dissatisfied", gettext_lazy("测评不满意")),
    ("contact_visits", gettext_lazy("三联系三走访")),
    ("polls_entitled", gettext_lazy("应参加投票")),
    ("polls_voted", gettext_lazy("已参加投票")),
)
