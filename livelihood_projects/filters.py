import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction

from .models import Category, Cycle, Proposal


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    cycle = django_filters.ModelChoiceFilter(label=_("年度工作"), queryset=Cycle.objects.none())
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    township = django_filters.ModelChoiceFilter(
        label=_("所在乡镇"), queryset=Jurisdiction.objects.none()
    )
    level = django_filters.ChoiceFilter(
        label=_("层级"),
        field_name="cycle__jurisdiction__level",
        choices=[
            (Jurisdiction.Level.COUNTY, _("县级")),
            (Jurisdiction.Level.TOWNSHIP, _("乡镇级")),
        ],
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Proposal.Status.choices)
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Proposal.Source.choices)
    publication = django_filters.ChoiceFilter(
        label=_("公开审核"),
        choices=[("pending", _("待审核公开")), ("published", _("已公开"))],
        method="filter_publication",
    )

    class Meta:
        model = Proposal
        fields = ["q", "cycle", "category", "township", "level", "status", "source", "publication"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only offer what the user may see, so a crafted id from elsewhere is rejected.
        self.filters["cycle"].queryset = Cycle.objects.visible_to(user).select_related(
            "jurisdiction"
        )
        self.filters["township"].queryset = Jurisdiction.objects.visible_to(user).townships()

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(receipt_number__iexact=value)
        )

    def filter_publication(self, queryset, name, value):
        return queryset.awaiting_publication() if value == "pending" else queryset.published()
