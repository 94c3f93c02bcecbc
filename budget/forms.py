"""Forms of the budget pages; each hands its cleaned data to one service."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction, Unit
from core.validators import percent_validators, year_validators
from livelihood_projects.uploads import check_upload

from .models import Debt, Warning

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BudgetForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("行政区划"), queryset=Jurisdiction.objects.none())
    year = forms.IntegerField(label=_("预算年度"), validators=year_validators)
    adopted_on = forms.DateField(label=_("批准日期"), required=False, widget=DATE)
    adopted_by = forms.CharField(label=_("批准机关"), max_length=64, required=False)
    document_number = forms.CharField(label=_("批准文号"), max_length=64, required=False)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["jurisdiction"]).queryset = places


class LineForm(forms.Form):
    code = forms.RegexField(
        label=_("科目编码"),
        regex=r"^(\d{3}|\d{5}|\d{7})$",
        error_messages={"invalid": _("科目编码应为3、5或7位数字。")},
    )
    name = forms.CharField(label=_("科目名称"), max_length=100)
    adopted = forms.DecimalField(
        label=_("年初预算数（元）"), min_value=0, max_digits=16, decimal_places=2
    )
    adjusted = forms.DecimalField(
        label=_("调整预算数（元）"), min_value=0, required=False, max_digits=16, decimal_places=2
    )
    final = forms.DecimalField(
        label=_("决算数（元）"), min_value=0, required=False, max_digits=16, decimal_places=2
    )


class AdjustmentForm(forms.Form):
    code = forms.ChoiceField(label=_("科目"))
    amount = forms.DecimalField(
        label=_("调整金额（元，调减为负）"), max_digits=16, decimal_places=2
    )
    reason = forms.CharField(label=_("调整原因"), max_length=200)
    approved_by = forms.CharField(label=_("批准机关"), max_length=64, required=False)
    approved_on = forms.DateField(label=_("批准日期"), required=False, widget=DATE)
    document_number = forms.CharField(label=_("批准文号"), max_length=64, required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["code"]).choices = [
            (line.subject_id, str(line.subject)) for line in lines
        ]


class ConfirmForm(forms.Form):
    title = forms.CharField(label=_("问题"), max_length=200)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())
    due_on = forms.DateField(label=_("整改期限"), widget=DATE)
    requirement = forms.CharField(
        label=_("整改要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("排除理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("佐证材料（图片、PDF、Word 或 Excel，选填）"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class SettingForm(forms.Form):
    pace_low = forms.IntegerField(label=_("执行进度下限（%）"), validators=percent_validators)
    pace_high = forms.IntegerField(label=_("执行进度上限（%）"), min_value=1, max_value=1000)
    pace_every_month = forms.BooleanField(
        label=_("每月检查执行进度（否则仅在季末检查）"), required=False
    )
    adjustment_share = forms.IntegerField(
        label=_("未经批准调整预警比例（%）"), validators=percent_validators
    )
    last_month_share = forms.IntegerField(
        label=_("年末突击支出预警比例（%）"), validators=percent_validators
    )
    due_days = forms.IntegerField(label=_("问题整改默认期限（天）"), min_value=1, max_value=365)


RULE_CHOICES = Warning.Rule.choices


def _yuan(label):
    return forms.DecimalField(label=label, min_value=0, max_digits=16, decimal_places=2)


class DebtForm(forms.Form):
    kind = forms.ChoiceField(label=_("债务类型"), choices=Debt.Kind.choices)
    limit = _yuan(_("债务限额（元）"))
    balance = _yuan(_("债务余额（元）"))
    issued = _yuan(_("当年新增（元）"))


QUARTER_CHOICES = [(q, _("第%(q)s季度") % {"q": q}) for q in (1, 2, 3, 4)]


class PublicationForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("行政区划"), queryset=Jurisdiction.objects.none())
    year = forms.IntegerField(label=_("年度"), validators=year_validators)
    quarter = forms.TypedChoiceField(label=_("季度"), choices=QUARTER_CHOICES, coerce=int)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["jurisdiction"]).queryset = places


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
