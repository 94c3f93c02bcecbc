"""Filters of the warnings and problems lists, shared by the pages and their Excel exports."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import YearFilter

from .models import Problem, Warning


class WarningFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Warning.Status.choices)
    rule = django_filters.ChoiceFilter(label=_("预警规则"), choices=Warning.Rule.choices)
    agency = django_filters.CharFilter(label=_("预算单位"), lookup_expr="icontains")
    year = YearFilter(label=_("年度"), field_name="year")

    class Meta:
        model = Warning
        fields = ["status", "rule", "agency", "year"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)


class ProblemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Problem.Status.choices)
    overdue = django_filters.BooleanFilter(label=_("仅看逾期"), method="filter_overdue")
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    year = YearFilter(label=_("年度"), field_name="year")

    class Meta:
        model = Problem
        fields = ["status", "overdue", "q", "year"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(unit__name__icontains=value))
