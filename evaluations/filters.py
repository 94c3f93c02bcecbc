import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import YearFilter
from core.models import Jurisdiction, Unit

from .models import AuditProblem, EvaluationRound, ProcuratorialSuggestion, UnitHead

YES_NO = [("yes", _("是")), ("no", _("否"))]


class RoundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    year = YearFilter(label=_("年度"))
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("县市区"), queryset=Jurisdiction.objects.none()
    )

    class Meta:
        model = EvaluationRound
        fields = ["q", "year", "jurisdiction"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["jurisdiction"].queryset = Jurisdiction.objects.visible_to(user).counties()

    def filter_q(self, queryset, name, value):
        # A subquery, not a join: joining units here would also narrow the unit count annotated
        # on the list to the units whose names match.
        by_unit = EvaluationRound.objects.filter(units__name__icontains=value).values("pk")
        return queryset.filter(Q(title__icontains=value) | Q(pk__in=by_unit))


class AuditProblemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    year = django_filters.NumberFilter(label=_("审计年度"))
    area = django_filters.ChoiceFilter(label=_("问题领域"), choices=[])
    unit = django_filters.ModelChoiceFilter(label=_("责任单位"), queryset=Unit.objects.none())
    status = django_filters.ChoiceFilter(label=_("整改状态"), choices=AuditProblem.Status.choices)
    overdue = django_filters.ChoiceFilter(label=_("逾期"), choices=YES_NO, method="filter_overdue")
    closed = django_filters.ChoiceFilter(label=_("已销号"), choices=YES_NO, method="filter_closed")

    class Meta:
        model = AuditProblem
        fields = ["q", "year", "area", "unit", "status", "overdue", "closed"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.visible_to(user)
        # order_by() first: the model's ordering would put its columns into SELECT DISTINCT and
        # offer each area once per problem.
        areas = (
            AuditProblem.objects.visible_to(user)
            .order_by("area")
            .values_list("area", flat=True)
            .distinct()
        )
        self.filters["area"].extra["choices"] = [(a, a) for a in areas]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(description__icontains=value))

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value == "yes" else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_closed(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=(value != "yes"))


class SuggestionFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("被建议单位"), queryset=Unit.objects.none())
    year = YearFilter(label=_("年度"), field_name="issued_on", lookup_expr="year")
    replied = django_filters.ChoiceFilter(
        label=_("已回复"), choices=YES_NO, method="filter_replied"
    )
    adoption = django_filters.ChoiceFilter(
        label=_("采纳情况"), choices=ProcuratorialSuggestion.Adoption.choices
    )

    class Meta:
        model = ProcuratorialSuggestion
        fields = ["unit", "year", "replied", "adoption"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.visible_to(user)

    def filter_replied(self, queryset, name, value):
        return queryset.filter(replied_on__isnull=(value != "yes"))


class UnitHeadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=UnitHead.Kind.choices)
    current = django_filters.ChoiceFilter(label=_("现任"), choices=YES_NO, method="filter_current")

    class Meta:
        model = UnitHead
        fields = ["q", "kind", "current"]

    def filter_current(self, queryset, name, value):
        return queryset.filter(left_office__isnull=(value == "yes"))
