"""The forms of an item's dossier page: one per step, each handing its cleaned data to one
lifecycle service as keyword arguments (the field names are the services' argument names)."""

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import Jurisdiction, Unit
from deputies.models import Deputy

from ..models import Commitment, HandlingReport, Item, Plan, Question, ReportVersion, Research


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _limit(field: forms.Field, queryset: "QuerySet[Any]") -> None:
    cast(forms.ModelChoiceField, field).queryset = queryset


def item_units(item: Item) -> "QuerySet[Unit]":
    """Units of the item's county and its townships: who may answer or commit at an inquiry."""
    jurisdiction: Jurisdiction = item.plan.jurisdiction
    county = jurisdiction.county or jurisdiction
    units: Any = Unit.objects.filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county))
    return cast("QuerySet[Unit]", units.active().order_by("name"))


class ResearchForm(forms.ModelForm):
    class Meta:
        model = Research
        fields = ["kind", "held_on", "place", "deputies", "members", "experts", "findings"]
        widgets = {
            "held_on": DateInput(),
            "members": forms.Textarea({"rows": 2}),
            "experts": forms.Textarea({"rows": 2}),
            "findings": forms.Textarea({"rows": 4}),
        }

    def __init__(self, *args: Any, item: Item, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = item.plan.jurisdiction.county or item.plan.jurisdiction
        deputies = Deputy.objects.visible_to(user).active().filter(county=county)
        _limit(self.fields["deputies"], deputies.order_by("name"))


class VersionForm(forms.ModelForm):
    class Meta:
        model = ReportVersion
        fields = ["stage", "received_on", "summary"]
        widgets = {"received_on": DateInput(), "summary": forms.Textarea({"rows": 3})}

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer the stages of the item's kind (the service refuses any other).
        stage = ReportVersion.Stage
        stages = (
            [stage.INSPECTION] if item.kind == Item.Kind.INSPECTION else [stage.DRAFT, stage.FINAL]
        )
        field = cast(forms.ChoiceField, self.fields["stage"])
        field.choices = [(s.value, s.label) for s in stages]


class SessionForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["session_on", "session_name"]
        widgets = {"session_on": DateInput()}

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        # Initial values only: the service writes, the form never saves the instance.
        kwargs["initial"] = {"session_on": item.session_on, "session_name": item.session_name}
        super().__init__(*args, **kwargs)
        self.fields["session_on"].required = True


class HearingForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["heard_on", "reporter", "hearing_notes", "resolution_text", "execution_due"]
        widgets = {
            "heard_on": DateInput(),
            "execution_due": DateInput(),
            "hearing_notes": forms.Textarea({"rows": 3}),
            "resolution_text": forms.Textarea({"rows": 4}),
        }

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        initial = {name: getattr(item, name) for name in self.Meta.fields}
        initial["heard_on"] = item.heard_on or item.session_on
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["heard_on"].required = True
        if item.kind != Item.Kind.RESOLUTION:
            del self.fields["resolution_text"]
            del self.fields["execution_due"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["asked_by", "question", "unit", "answered_by", "answer"]
        widgets = {"question": forms.Textarea({"rows": 2}), "answer": forms.Textarea({"rows": 3})}

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        kwargs["initial"] = {"unit": item.unit_id}
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], item_units(item))


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["content", "unit", "owner", "due_on"]
        widgets = {"content": forms.Textarea({"rows": 2}), "due_on": DateInput()}

    def __init__(
        self, *args: Any, question: Question, unit_choices: list[Any] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"q{question.pk}")
        kwargs["initial"] = {"unit": question.unit_id}
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], item_units(question.item))
        if unit_choices is not None:
            # One list for every question's form on the page, read once: a model choice field
            # would query the units again for each question.
            cast(forms.ChoiceField, self.fields["unit"]).choices = unit_choices


class CommitmentReportForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["done_on", "result"]
        widgets = {"done_on": DateInput(), "result": forms.Textarea({"rows": 2})}

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"c{commitment.pk}")
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["result"].required = True


class OpinionsDraftForm(forms.Form):
    content = forms.CharField(label=_("审议意见"), widget=forms.Textarea({"rows": 8}))


class OpinionsSendForm(forms.Form):
    sent_on = forms.DateField(label=_("交办日期"), widget=DateInput())
    letter_number = forms.CharField(label=_("交办函文号"), max_length=64, required=False)


class HandlingReceiveForm(forms.ModelForm):
    class Meta:
        model = HandlingReport
        fields = ["received_on", "content"]
        widgets = {"received_on": DateInput(), "content": forms.Textarea({"rows": 4})}

    def __init__(self, *args: Any, report: HandlingReport, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"h{report.pk}")
        super().__init__(*args, **kwargs)
        self.fields["received_on"].required = True
        self.fields["content"].required = True


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("测评结果"), choices=HandlingReport.Verdict.choices)

    def __init__(self, *args: Any, report: HandlingReport, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"v{report.pk}")
        super().__init__(*args, **kwargs)


class PollTargetForm(forms.Form):
    """Which report a poll is on: the report heard (empty) or one handling report."""

    report = forms.ModelChoiceField(
        label=_("研究处理情况报告"), queryset=HandlingReport.objects.none(), required=False
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["report"], HandlingReport.objects.filter(item=item))


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("办结日期"), widget=DateInput())


class FollowUpForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("列入的监督工作计划"), queryset=Plan.objects.none())
    planned_month = forms.TypedChoiceField(
        label=_("计划审议月份"),
        coerce=int,
        choices=[(m, _("%(m)s月") % {"m": m}) for m in range(1, 13)],
    )

    def __init__(self, *args: Any, item: Item, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every plan of the same body the user sees; the service refuses an earlier year and
        # says so next to the field.
        plans = Plan.objects.visible_to(user).filter(jurisdiction=item.plan.jurisdiction_id)
        _limit(self.fields["plan"], plans.exclude(pk=item.plan_id).order_by("-year"))
