import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import YearField
from .models import Jurisdiction, Unit


class YearFilter(django_filters.Filter):
    """A year, validated like a form field: `year=-1` is an invalid filter, not a server error."""

    field_class = YearField


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("单位类型"), choices=Unit.Kind.choices)
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("行政区划"), queryset=Jurisdiction.objects.none()
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "jurisdiction"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only offer jurisdictions the user may see, so a crafted id from elsewhere is rejected.
        self.filters["jurisdiction"].queryset = Jurisdiction.objects.visible_to(user)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(contact_person__icontains=value))
