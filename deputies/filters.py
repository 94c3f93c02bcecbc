"""List filters. Choices of related records come from what the user may see, so a crafted id from
another county is rejected as an invalid choice instead of leaking that the record exists."""

from typing import Any, cast

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import YearFilter
from core.models import Jurisdiction, Unit

from .forms import DateInput
from .models import Activity, ContactVisit, Deputy, Opinion, Station, Suggestion, Visit


class _ScopedFilterSet(django_filters.FilterSet):
    # filter name → callable(user) giving the queryset its choices come from
    scoped_choices: dict = {}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset_for in self.scoped_choices.items():
            self.filters[name].queryset = queryset_for(user)


def _stations(user):
    return Station.objects.visible_to(user).natural_order().only("pk", "name")


def _units(user):
    return Unit.objects.visible_to(user).active().only("pk", "name")


def _townships(user):
    return Jurisdiction.objects.visible_to(user).townships()


def _counties(user):
    return Jurisdiction.objects.visible_to(user).counties()


def _over_several_counties(user) -> bool:
    """A municipal user (or a superuser) sees every county's stations: 2,000 of them in one list
    are no choice at all, and cost each page a 150 KB select."""
    jurisdiction = getattr(user, "jurisdiction", None)
    return user.is_superuser or (
        jurisdiction is not None and jurisdiction.level == Jurisdiction.Level.MUNICIPAL
    )


class _CountyFirstStations:
    """The station filter after a county filter for users over several counties: the station
    list holds the chosen county's stations and appears once a county is chosen. A county's own
    users see their stations at once and no county filter."""

    def _county_first(self, user) -> None:
        filters = cast(Any, self).filters
        data = cast(Any, self).data
        if not _over_several_counties(user):
            del filters["county"]
            return
        filters["county"].queryset = _counties(user)
        filters["county"].extra["help_text"] = _("选定县市区后可按联络站筛选。")
        stations = _stations(user)
        county, station = data.get("county"), data.get("station")
        if county:
            filters["station"].queryset = stations.filter(county_id=_id_or_zero(county))
        elif station:
            # A link naming a station alone still filters by it.
            filters["station"].queryset = stations.filter(pk=_id_or_zero(station))
        else:
            del filters["station"]


def _id_or_zero(value: str) -> int:
    return int(value) if value.isdigit() else 0


class VisitFilter(_CountyFirstStations, _ScopedFilterSet):
    q = django_filters.CharFilter(label=_("代表或内容"), method="filter_q")
    county = django_filters.ModelChoiceFilter(
        label=_("县市区"), field_name="station__county", queryset=Jurisdiction.objects.none()
    )
    station = django_filters.ModelChoiceFilter(label=_("联络站"), queryset=Station.objects.none())
    kind = django_filters.ChoiceFilter(label=_("履职方式"), choices=Visit.Kind.choices)
    after = django_filters.DateFilter(
        label=_("起始日期"), field_name="visited_on", lookup_expr="gte", widget=DateInput()
    )
    before = django_filters.DateFilter(
        label=_("截止日期"), field_name="visited_on", lookup_expr="lte", widget=DateInput()
    )

    scoped_choices = {"station": _stations}

    class Meta:
        model = Visit
        fields = ["q", "county", "station", "kind", "after", "before"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._county_first(user)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(deputy__name__icontains=value) | Q(notes__icontains=value))


class OpinionFilter(_CountyFirstStations, _ScopedFilterSet):
    q = django_filters.CharFilter(label=_("内容"), field_name="content", lookup_expr="icontains")
    county = django_filters.ModelChoiceFilter(
        label=_("县市区"), field_name="county", queryset=Jurisdiction.objects.none()
    )
    status = django_filters.ChoiceFilter(label=_("办理状态"), choices=Opinion.Status.choices)
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Opinion.Source.choices)
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Opinion.Category.choices)
    station = django_filters.ModelChoiceFilter(label=_("联络站"), queryset=Station.objects.none())
    unit = django_filters.ModelChoiceFilter(label=_("承办单位"), queryset=Unit.objects.none())
    overdue = django_filters.BooleanFilter(
        label=_("仅看逾期"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget()
    )

    scoped_choices = {"station": _stations, "unit": _units}

    class Meta:
        model = Opinion
        fields = ["q", "status", "source", "category", "county", "station", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._county_first(user)

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue_condition(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class SuggestionFilter(_ScopedFilterSet):
    q = django_filters.CharFilter(label=_("编号或标题"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Suggestion.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("办理状态"), choices=Suggestion.Status.choices)
    lead_unit = django_filters.ModelChoiceFilter(label=_("主办单位"), queryset=Unit.objects.none())
    year = YearFilter(label=_("年度"), field_name="submitted_on", lookup_expr="year")

    scoped_choices = {"lead_unit": _units}

    class Meta:
        model = Suggestion
        fields = ["q", "kind", "status", "lead_unit", "year"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))


class StationFilter(_ScopedFilterSet):
    q = django_filters.CharFilter(label=_("站名"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Station.Kind.choices)
    county = django_filters.ModelChoiceFilter(
        label=_("县市区"), queryset=Jurisdiction.objects.none()
    )

    scoped_choices = {"county": _counties}

    class Meta:
        model = Station
        fields = ["q", "kind", "county"]


class DeputyFilter(_ScopedFilterSet):
    q = django_filters.CharFilter(label=_("姓名或职业"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("代表层级"), choices=Deputy.Level.choices)
    township = django_filters.ModelChoiceFilter(
        label=_("乡镇（街道）"), queryset=Jurisdiction.objects.none()
    )
    station = django_filters.ModelChoiceFilter(
        label=_("联络站"), queryset=Station.objects.none(), field_name="stations"
    )
    is_standing_committee_member = django_filters.BooleanFilter(
        label=_("常委会组成人员"), widget=django_filters.widgets.BooleanWidget()
    )

    scoped_choices = {"township": _townships, "station": _stations}

    class Meta:
        model = Deputy
        fields = ["q", "level", "township", "station", "is_standing_committee_member"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(occupation__icontains=value))


class ActivityFilter(_ScopedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("活动类型"), choices=Activity.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Activity.Status.choices)
    station = django_filters.ModelChoiceFilter(label=_("联络站"), queryset=Station.objects.none())

    scoped_choices = {"station": _stations}

    class Meta:
        model = Activity
        fields = ["kind", "status", "station"]


class ContactVisitFilter(_ScopedFilterSet):
    q = django_filters.CharFilter(label=_("走访人"), field_name="visitor", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("走访类型"), choices=ContactVisit.Kind.choices)
    year = YearFilter(label=_("年度"), field_name="visited_on", lookup_expr="year")

    class Meta:
        model = ContactVisit
        fields = ["q", "kind", "year"]
