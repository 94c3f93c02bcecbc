import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Poll


class PollFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Poll.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("投票类型"), choices=Poll.Kind.choices)

    class Meta:
        model = Poll
        fields = ["q", "status", "kind"]
