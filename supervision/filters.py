"""The item list's filters, shared by the page and its Excel export so both show the same rows."""

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.filters import YearFilter
from core.models import Unit

from .models import Item
from .selectors.plan import latest_plan_year, offices_in_use


class ItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    year = YearFilter(label=_("年度"), field_name="plan__year")
    kind = django_filters.ChoiceFilter(label=_("监督形式"), choices=Item.Kind.choices)
    state = django_filters.ChoiceFilter(label=_("进展"), choices=Item.State.choices)
    unit = django_filters.ModelChoiceFilter(label=_("被监督单位"), queryset=Unit.objects.none())
    office = django_filters.ChoiceFilter(label=_("承办工委"), choices=[])

    class Meta:
        model = Item
        fields = ["q", "year", "kind", "state", "unit", "office"]

    def __init__(self, data=None, *args, user, **kwargs):
        # The list opens on the latest year with plans; `year=` (empty) asks for every year.
        if data is None or "year" not in data:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            latest = latest_plan_year(user)
            data["year"] = str(latest) if latest is not None else ""
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.visible_to(user)
        self.filters["office"].extra["choices"] = [(o, o) for o in offices_in_use(user)]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(unit__name__icontains=value) | Q(law__icontains=value)
        )
