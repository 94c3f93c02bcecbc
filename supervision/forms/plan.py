"""Forms of the annual plan: the plan itself, its adoption and publication, and its items. They
only read what was typed; the rules (whose jurisdiction, which unit, when a reason is needed) are
the services', which put their refusals back next to these fields."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction, Unit
from core.validators import date_validators

from ..models import Item, Plan

# How an inspection group checks (执法检查的方式), stored as the words themselves.
INSPECTION_METHODS = [
    (m, m) for m in ("实地检查", "随机抽查", "暗访", "问卷调查", "座谈会", "第三方评估", "听取汇报")
]

MONTHS = [(m, _("%(m)s月") % {"m": m}) for m in range(1, 13)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _choices(field: forms.Field, queryset: QuerySet[Any]) -> None:
    cast(forms.ModelChoiceField, field).queryset = queryset


_PLAN_FIELDS = forms.fields_for_model(
    Plan,
    fields=["jurisdiction", "year", "title", "notes"],
    widgets={"notes": forms.Textarea({"rows": 3})},
)


class PlanForm(forms.Form):
    """A new plan (with the body it belongs to) or a draft's correction (without). A plain form,
    not a ModelForm: one plan per body and year is the service's rule, told in its own words,
    where a ModelForm would answer first with the model constraint's generic message."""

    jurisdiction = _PLAN_FIELDS["jurisdiction"]
    year = _PLAN_FIELDS["year"]
    title = _PLAN_FIELDS["title"]
    notes = _PLAN_FIELDS["notes"]

    def __init__(self, *args, user, plan: Plan | None = None, **kwargs):
        if plan is not None:
            kwargs.setdefault("initial", model_to_dict(plan, fields=["year", "title", "notes"]))
        super().__init__(*args, **kwargs)
        if plan is not None:
            del self.fields["jurisdiction"]
            return
        bodies = Jurisdiction.objects.visible_to(user).filter(
            level__in=[Jurisdiction.Level.COUNTY, Jurisdiction.Level.TOWNSHIP]
        )
        _choices(self.fields["jurisdiction"], bodies)
        county = getattr(user, "jurisdiction", None)
        if county is not None and county.level == Jurisdiction.Level.COUNTY:
            self.fields["jurisdiction"].initial = county


class AdoptForm(forms.Form):
    # Not required here: the service says what is missing, in its own words.
    adopted_on = forms.DateField(
        label=_("通过日期"), widget=DateInput(), validators=date_validators, required=False
    )
    document_number = forms.CharField(label=_("文号"), max_length=64, required=False)


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label=_("公布日期"), widget=DateInput(), validators=date_validators, required=False
    )


class ItemForm(forms.ModelForm):
    """An item of a plan; `reason` is asked for when the plan is already adopted (增补)."""

    inspection_methods = forms.MultipleChoiceField(
        label=_("检查方式"),
        choices=INSPECTION_METHODS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("仅执法检查填写。"),
    )
    reason = forms.CharField(
        label=_("增补理由"), widget=forms.Textarea({"rows": 2}), required=False
    )

    class Meta:
        model = Item
        fields = [
            "kind",
            "title",
            "unit",
            "office",
            "planned_month",
            "source",
            "source_note",
            "joined_to",
            "law",
            "inspection_group",
            "inspection_places",
            "inspection_methods",
        ]
        widgets = {
            "planned_month": forms.Select(choices=MONTHS),
            "source_note": forms.Textarea({"rows": 2}),
            "inspection_group": forms.Textarea({"rows": 2}),
            "inspection_places": forms.Textarea({"rows": 2}),
        }
        help_texts = {
            "joined_to": _("仅专题询问填写：结合审议的专项工作报告。"),
            "law": _("仅执法检查填写。"),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        below = Jurisdiction.objects.subtree(plan.jurisdiction_id)
        units = Unit.objects.filter(jurisdiction__in=below).select_related("jurisdiction")
        if not self.instance.pk:
            units = units.active()
        _choices(self.fields["unit"], units.order_by("jurisdiction__code", "name"))
        reports = plan.items.filter(kind=Item.Kind.WORK_REPORT).exclude(pk=self.instance.pk)
        _choices(self.fields["joined_to"], reports.order_by("planned_month", "pk"))
        if self.instance.pk or not plan.is_adopted:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True
        if self.instance.pk and plan.is_adopted:
            # After adoption the month is changed by 调整月份, which records the reason.
            del self.fields["planned_month"]


class ItemMoveForm(forms.Form):
    planned_month = forms.TypedChoiceField(label=_("新的审议月份"), choices=MONTHS, coerce=int)
    reason = forms.CharField(label=_("调整理由"), widget=forms.Textarea({"rows": 3}))
