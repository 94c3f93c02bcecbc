"""Forms of township budget review and 两问四评; each hands its cleaned data to one service."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction, Unit
from core.validators import votes_validators, year_validators

from .models import (
    FundAnswer,
    FundCriterion,
    FundEvaluationKind,
    FundTally,
    TownshipReview,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("预算年度"), validators=year_validators)
    step = forms.ChoiceField(label=_("审查环节"), choices=TownshipReview.Step.choices)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    opinions = forms.CharField(
        label=_("主席团意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document_number = forms.CharField(label=_("批准文号"), max_length=64, required=False)
    upload = forms.FileField(
        label=_("批准文件"),
        required=False,
        help_text=_("选填：PDF、Word、Excel 或图片，不超过上传上限。"),
    )


class FundForm(forms.Form):
    county = forms.ModelChoiceField(label=_("县市区"), queryset=Jurisdiction.objects.none())
    year = forms.IntegerField(label=_("年度"), validators=year_validators)
    name = forms.CharField(label=_("资金名称"), max_length=100)
    unit = forms.ModelChoiceField(label=_("主管单位"), queryset=Unit.objects.none())
    amount = forms.DecimalField(
        label=_("资金规模（元）"), min_value=0, max_digits=16, decimal_places=2, required=False
    )
    description = forms.CharField(
        label=_("资金用途"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, counties, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["county"]).queryset = counties
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


def _count(label):
    return forms.IntegerField(label=label, min_value=0, validators=votes_validators, initial=0)


class TallyForm(forms.Form):
    question = forms.ChoiceField(label=_("问题"), choices=FundTally.Question.choices)
    good = _count(FundAnswer.GOOD.label)
    fair = _count(FundAnswer.FAIR.label)
    poor = _count(FundAnswer.POOR.label)


class EvaluationForm(forms.Form):
    """One field a criterion of the kind (c<pk>), with the evaluator and date."""

    evaluator = forms.CharField(label=_("评价机构"), max_length=100)
    evaluated_on = forms.DateField(label=_("评价日期"), widget=DATE)
    note = forms.CharField(
        label=_("评价意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kind: str, criteria, **kwargs):
        kwargs["prefix"] = kind
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.label = FundEvaluationKind(kind).label
        self.criteria = list(criteria)
        self.done: Any = None
        for c in self.criteria:
            self.fields[f"c{c.pk}"] = forms.DecimalField(
                label=_("%(name)s（满分 %(max)s）")
                % {"name": c.name, "max": c.max_score.normalize()},
                min_value=0,
                max_value=c.max_score,
                max_digits=6,
                decimal_places=2,
            )

    def scores(self) -> dict:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def details(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("evaluator", "evaluated_on", "note")}


def _weight(label):
    return forms.IntegerField(label=label, min_value=0, max_value=100)


class WeightsForm(forms.Form):
    in_place = _weight(_("资金落实好不好（%）"))
    satisfied = _weight(_("群众满不满意（%）"))
    finance = _weight(_("财政评价（%）"))
    audit = _weight(_("审计评审（%）"))
    third_party = _weight(_("三方评估（%）"))
    congress = _weight(_("人大评议（%）"))


class CriterionForm(forms.ModelForm):
    class Meta:
        model = FundCriterion
        fields = ["kind", "name", "max_score", "order"]


# The same three answers, worded for each question.
IN_PLACE_CHOICES = [("good", _("好")), ("fair", _("较好")), ("poor", _("不好"))]
SATISFIED_CHOICES = [("good", _("满意")), ("fair", _("基本满意")), ("poor", _("不满意"))]


class PublicSurveyForm(forms.Form):
    """The phone form of the two questions: two answers, an optional comment and a honeypot."""

    in_place = forms.ChoiceField(
        label=_("一问：这笔资金落实得好不好？"),
        choices=IN_PLACE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择一项。")},
    )
    satisfied = forms.ChoiceField(
        label=_("二问：您对这笔资金的使用满不满意？"),
        choices=SATISFIED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择一项。")},
    )
    comment = forms.CharField(
        label=_("意见建议"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("选填，不会公开。"),
    )
    # A honeypot: hidden from people by CSS, filled in by bots that fill every field.
    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
