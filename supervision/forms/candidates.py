"""Forms of the topic candidates, the county's settings and the holiday table. They only read
what was typed; the rules are the services'."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.validators import date_validators

from ..models import CalendarDay, Item, Plan, Setting

MONTHS = [(m, _("%(m)s月") % {"m": m}) for m in range(1, 13)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CandidateTakeForm(forms.Form):
    """Take a candidate (named by its unit and kind of finding) into a plan."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    source = forms.CharField(widget=forms.HiddenInput, max_length=16)
    plan = forms.ModelChoiceField(label=_("列入计划"), queryset=Plan.objects.none())
    planned_month = forms.TypedChoiceField(label=_("计划审议月份"), choices=MONTHS, coerce=int)
    office = forms.CharField(
        label=_("承办工委"), max_length=64, widget=forms.TextInput({"placeholder": _("如：财经委")})
    )
    kind = forms.ChoiceField(label=_("监督形式"), choices=Item.Kind.choices, required=False)
    title = forms.CharField(label=_("事项名称"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("增补理由"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("计划已通过的，作为增补事项记录；不填则以线索作为理由。"),
    )

    def __init__(self, *args: Any, plans: QuerySet[Plan], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans


class SettingForm(forms.ModelForm):
    class Meta:
        model = Setting
        fields = [
            "opinion_working_days",
            "handling_report_months",
            "poll_handling_reports",
            "two_sided_poll",
        ]


class CalendarDayForm(forms.Form):
    day = forms.DateField(label=_("日期"), widget=DateInput(), validators=date_validators)
    kind = forms.ChoiceField(label=_("类型"), choices=CalendarDay.Kind.choices)
    note = forms.CharField(
        label=_("说明"),
        max_length=64,
        required=False,
        widget=forms.TextInput({"placeholder": _("如：春节")}),
    )
