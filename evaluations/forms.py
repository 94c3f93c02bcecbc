from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import object_from
from core.models import Jurisdiction, Unit
from core.validators import VOTES_MAX

from .models import (
    AppraisalRound,
    AuditProblem,
    EvaluationRound,
    JointReview,
    Opinion,
    Participant,
    ProcuratorialSuggestion,
    RectificationItem,
    Stage,
    UnitHead,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def limit_choices(field: forms.Field, queryset: QuerySet[Any]) -> None:
    """Offer only `queryset` in a model choice field (the user's own records, say)."""
    cast(forms.ModelChoiceField, field).queryset = queryset


def county_units(county):
    return Unit.objects.filter(Q(jurisdiction=county) | Q(jurisdiction__parent=county)).active()


class CountyFormMixin(forms.BaseForm):
    """Adds the county the record belongs to, limited to counties the user works on.

    County staff have one, which is then fixed; municipal users choose.
    """

    def add_county_field(self, user):
        counties = Jurisdiction.objects.visible_to(user).counties()
        field = forms.ModelChoiceField(label=_("县市区"), queryset=counties)
        if user.jurisdiction and user.jurisdiction.level == Jurisdiction.Level.COUNTY:
            field.initial = user.jurisdiction
            field.widget = forms.HiddenInput()
        self.fields = {"jurisdiction": field, **self.fields}

    def county_from_data(self):
        """The county chosen, before validation, to offer its units; None when the posted id is
        missing, malformed or not one of the user's (the field reports that error itself)."""
        field = self.fields["jurisdiction"]
        county_id = self.data.get(self.add_prefix("jurisdiction")) or getattr(
            field.initial, "pk", None
        )
        return object_from(cast(forms.ModelChoiceField, field).queryset, county_id)


class RoundForm(CountyFormMixin, forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = ["year", "title", "units", "special_inquiry", "two_sided_poll", "notes"]
        widgets = {"units": forms.CheckboxSelectMultiple, "notes": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_county_field(user)
        county = self.county_from_data()
        units = county_units(county) if county else Unit.objects.visible_to(user).active()
        limit_choices(self.fields["units"], units.filter(jurisdiction__level="county"))


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["planned_start", "planned_end", "done_on", "notes"]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "done_on": DateInput(),
            "notes": forms.Textarea({"rows": 2}),
        }


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "kind", "organization"]


class OpinionForm(forms.ModelForm):
    class Meta:
        model = Opinion
        fields = ["unit", "content", "assigned_on", "deadline"]
        widgets = {
            "content": forms.Textarea({"rows": 3}),
            "assigned_on": DateInput(),
            "deadline": DateInput(),
        }

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["unit"], evaluation.units.all())


class OpinionReportForm(forms.Form):
    report = forms.CharField(label=_("整改情况报告"), widget=forms.Textarea({"rows": 5}))


class ProblemReportForm(forms.ModelForm):
    class Meta:
        model = AuditProblem
        fields = ["status", "measures", "evidence"]
        widgets = {
            "measures": forms.Textarea({"rows": 3}),
            "evidence": forms.Textarea({"rows": 3}),
        }
        help_texts = {
            "evidence": _("列明整改文件、凭证、照片等材料的名称和文号；报送“整改到位”时必填。")
        }

    def clean(self):
        # The service refuses this too; checked here it is an error beside the field, and the
        # measures typed above it stay on the page.
        super().clean()
        data = self.cleaned_data
        rectified = data.get("status") == AuditProblem.Status.RECTIFIED
        if rectified and not data.get("evidence", "").strip():
            self.add_error("evidence", _("报送“整改到位”须同时提供整改佐证材料。"))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label=_("核实意见"), widget=forms.Textarea({"rows": 2}), required=False)


class ConsequenceRecordForm(forms.Form):
    """Records one consequence as carried out; prefixed by the action, as each pending action
    on the appraisal page has its own form."""

    done_on = forms.DateField(label=_("落实日期"), widget=DateInput())
    by_whom = forms.CharField(
        label=_("落实人或机关"),
        max_length=128,
        help_text=_("如：约谈的市政府负责人、市委组织部、提出撤职案的主任会议。"),
    )
    document = forms.CharField(
        label=_("相关文件"),
        max_length=255,
        required=False,
        help_text=_("文号及标题。"),
    )
    note = forms.CharField(label=_("情况说明"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, data: Any = None, *, action: Any) -> None:
        super().__init__(data, prefix=f"consequence-{action.pk}")


class RectificationItemForm(forms.ModelForm):
    class Meta:
        model = RectificationItem
        fields = ["measures", "responsible_person", "planned_on", "completed_on"]
        widgets = {
            "measures": forms.Textarea({"rows": 3}),
            "planned_on": DateInput(),
            "completed_on": DateInput(),
        }


class JointReviewForm(forms.ModelForm):
    class Meta:
        model = JointReview
        fields = ["month", "held_on", "attendees", "problems", "findings", "follow_up"]
        widgets = {
            "month": DateInput(),
            "held_on": DateInput(),
            "problems": forms.CheckboxSelectMultiple,
            "findings": forms.Textarea({"rows": 3}),
            "follow_up": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        problems = AuditProblem.objects.filter(jurisdiction=county).select_related("unit")
        limit_choices(self.fields["problems"], problems)


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = ProcuratorialSuggestion
        fields = ["number", "procuratorate", "unit", "content", "issued_on"]
        widgets = {"content": forms.Textarea({"rows": 4}), "issued_on": DateInput()}
        help_texts = {"issued_on": _("回复期限自动定为发出之日起两个月。")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).active()
        limit_choices(self.fields["procuratorate"], units.filter(kind=Unit.Kind.PROCURATORATE))
        limit_choices(self.fields["unit"], units.exclude(kind=Unit.Kind.PROCURATORATE))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        procuratorate, unit = data.get("procuratorate"), data.get("unit")
        if procuratorate and unit and _county(procuratorate) != _county(unit):
            raise forms.ValidationError(_("检察院和被建议单位应属于同一县市区。"))
        return data


def _county(unit):
    jurisdiction = unit.jurisdiction
    return jurisdiction.parent_id if jurisdiction.level == "township" else jurisdiction.pk


class SuggestionReplyForm(forms.Form):
    reply = forms.CharField(label=_("书面回复"), widget=forms.Textarea({"rows": 5}))


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = ProcuratorialSuggestion
        fields = ["adoption"]


class UnitHeadForm(forms.ModelForm):
    class Meta:
        model = UnitHead
        fields = ["name", "kind", "unit", "post", "took_office", "predecessor"]
        widgets = {"took_office": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["unit"], Unit.objects.visible_to(user).active())
        heads = UnitHead.objects.visible_to(user).select_related("unit")
        limit_choices(self.fields["predecessor"], heads)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        predecessor, unit = data.get("predecessor"), data.get("unit")
        if predecessor and unit and predecessor.unit_id != unit.pk:
            self.add_error("predecessor", _("前任应是同一单位的负责人。"))
        return data


class AppraisalForm(CountyFormMixin, forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("测评对象"),
        choices=UnitHead.Kind.choices,
        initial=[UnitHead.Kind.HEAD],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AppraisalRound
        fields = ["title", "year", "appraisal_date", "method"]
        widgets = {"appraisal_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_county_field(user)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = AppraisalRound
        fields = ["excellent_share", "good_share", "poor_d_share"]


class VotesForm(forms.Form):
    """Paper ballot totals: four counts per head on the roster."""

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            for grade in "ABCD":
                self.fields[f"e{entry.pk}_{grade}"] = forms.IntegerField(
                    label=f"{entry.head.name} {grade}",
                    min_value=0,
                    max_value=VOTES_MAX,
                    initial=getattr(entry, f"votes_{grade.lower()}"),
                )

    def rows(self):
        for entry in self.entries:
            yield entry, [self[f"e{entry.pk}_{g}"] for g in "ABCD"]

    def tallies(self) -> dict[int, dict[str, int]]:
        return {e.pk: {g: self.cleaned_data[f"e{e.pk}_{g}"] for g in "ABCD"} for e in self.entries}
