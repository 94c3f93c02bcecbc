from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.models import Jurisdiction, Unit
from core.validators import votes_validators

from .models import (
    Approval,
    Cycle,
    Inspection,
    JointMeeting,
    Milestone,
    MoneyEntry,
    Project,
    Proposal,
    VoteRound,
)
from .uploads import check_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def amount_field(label, *, required=True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={
            "min_value": _("金额不能为负数。"),
            "invalid": _("请输入有效的金额（万元）。"),
        },
    )


def choices(form: forms.BaseForm, name: str) -> "forms.ModelChoiceField[Any]":
    """A model-choice field of `form`, to narrow its queryset to what the user may pick."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def townships_of(cycles: list[Cycle]) -> QuerySet[Jurisdiction]:
    """Townships a proposal of these cycles may name: those of the cycles' counties or themselves."""
    ids = [c.jurisdiction_id for c in cycles]
    return Jurisdiction.objects.townships().filter(Q(parent_id__in=ids) | Q(pk__in=ids))


class ProposalForm(forms.ModelForm):
    title = forms.CharField(
        label=_("项目名称"),
        max_length=100,
        error_messages={"required": _("请填写项目名称。")},
    )
    description = forms.CharField(
        label=_("建议内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请说明建议的内容和理由。")},
    )
    estimated_cost = amount_field(_("估算投资（万元）"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "cycle",
            "title",
            "category",
            "township",
            "description",
            "estimated_cost",
            "contact_name",
            "contact_phone",
        ]

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        cycles = cycles.select_related("jurisdiction")
        choices(self, "cycle").queryset = cycles
        choices(self, "cycle").empty_label = None
        choices(self, "township").queryset = townships_of(list(cycles))
        self.fields["township"].help_text = _("项目所在乡镇（街道），跨乡镇的县级项目可不选。")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cycle, township = data.get("cycle"), data.get("township")
        if cycle and township and cycle.jurisdiction_id not in (township.pk, township.parent_id):
            self.add_error("township", _("所选乡镇不属于该征集活动的范围。"))
        return data


class PublicProposalForm(ProposalForm):
    # A honeypot: hidden from people by CSS, filled in by bots that fill every field.
    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].label = _("向哪个人大提出")
        self.fields["contact_phone"].help_text = _("选填，仅供工作人员联系核实，不会公开。")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class StaffProposalForm(ProposalForm):
    SOURCES = [
        (Proposal.Source.DEPUTY, Proposal.Source.DEPUTY.label),
        (Proposal.Source.STAFF, Proposal.Source.STAFF.label),
        (Proposal.Source.TOWNSHIP, Proposal.Source.TOWNSHIP.label),
    ]
    source = forms.ChoiceField(label=_("来源"), choices=SOURCES)

    class Meta(ProposalForm.Meta):
        fields = [*ProposalForm.Meta.fields, "source"]


class ReceiptLookupForm(forms.Form):
    number = forms.CharField(label=_("回执编号"), max_length=20)

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("筛选结果"),
        choices=[
            (Proposal.Status.CANDIDATE, _("列入候选项目")),
            (Proposal.Status.NOT_TAKEN, _("未采纳")),
            (Proposal.Status.INELIGIBLE, _("不列入票决：上级已有政策性专项资金")),
        ],
        widget=forms.RadioSelect,
    )
    project = forms.ModelChoiceField(
        label=_("并入已有候选项目"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("内容相同的建议可并入同一个候选项目；不选则按本建议新建候选项目。"),
    )
    reason = forms.CharField(
        label=_("理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("未采纳时必填，将在公开页面上告知建议人。"),
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "project").queryset = proposal.cycle.projects.candidates()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Proposal.Status.NOT_TAKEN and not data.get("reason", "").strip():
            self.add_error("reason", _("未采纳的建议须填写理由。"))
        return data


class CandidateForm(forms.ModelForm):
    title = forms.CharField(
        label=_("项目名称"), max_length=100, error_messages={"required": _("请填写项目名称。")}
    )
    estimated_cost = amount_field(_("估算投资（万元）"), required=False)
    special_funds = forms.BooleanField(
        label=_("上级已有政策性专项资金"),
        required=False,
        help_text=_("上级已有政策性专项资金的项目不列入票决范畴。"),
    )

    class Meta:
        model = Project
        fields = ["title", "category", "township", "description", "estimated_cost"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "township").queryset = townships_of([cycle])

    def clean_special_funds(self):
        if self.cleaned_data["special_funds"]:
            raise forms.ValidationError(
                _("上级已有政策性专项资金的项目不列入票决范畴，不能列为候选项目。")
            )
        return False


class CycleForm(forms.ModelForm):
    budget_envelope = amount_field(_("年度预算资金（万元）"))

    class Meta:
        model = Cycle
        fields = [
            "jurisdiction",
            "year",
            "budget_envelope",
            "seats",
            "deputies_total",
            "accepts_public_proposals",
            "notice",
            *[f"{key}_on" for key in Cycle.STEP_FIELDS],
        ]
        widgets = {
            "notice": forms.Textarea(attrs={"rows": 3}),
            **{f"{key}_on": DateInput() for key in Cycle.STEP_FIELDS},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        levels = [Jurisdiction.Level.COUNTY, Jurisdiction.Level.TOWNSHIP]
        choices(self, "jurisdiction").queryset = Jurisdiction.objects.visible_to(user).filter(
            level__in=levels
        )
        if self.instance.pk:
            self.fields["jurisdiction"].disabled = True


class ApprovalForm(forms.ModelForm):
    class Meta:
        model = Approval
        fields = ["kind", "body", "decided_on", "document_number", "note"]
        widgets = {"decided_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class VoteStartForm(forms.Form):
    method = forms.ChoiceField(
        label=_("投票方式"), choices=VoteRound.Method.choices, widget=forms.RadioSelect
    )


class PaperTotalsForm(forms.Form):
    """Paper ballot totals counted at the session: yes votes per candidate and whole ballots."""

    valid = forms.IntegerField(label=_("有效票"), validators=votes_validators)
    invalid = forms.IntegerField(label=_("无效票"), initial=0, validators=votes_validators)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for project in candidates:
            self.fields[f"votes_{project.pk}"] = forms.IntegerField(
                label=_("“%(title)s”赞成票") % {"title": project.title},
                validators=votes_validators,
            )

    def votes(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"votes_{p.pk}"] for p in self.candidates}


class AssignForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["responsible_unit", "start_on", "due_on"]
        widgets = {"start_on": DateInput(), "due_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cycle = self.instance.cycle
        self.fields["responsible_unit"].required = True
        choices(self, "responsible_unit").queryset = (
            Unit.objects.visible_to(user)
            .active()
            .filter(
                Q(jurisdiction=cycle.jurisdiction_id)
                | Q(jurisdiction__parent=cycle.jurisdiction_id)
            )
        )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "weight"]
        widgets = {"due_on": DateInput()}


class MilestoneProgressForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["percent_complete", "completed_on", "note"]
        widgets = {"completed_on": DateInput()}


class MoneyForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=MoneyEntry.Kind.choices)
    amount = amount_field(_("金额（万元）"))
    on = DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("超预算原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("累计支出超过预算时必填。"),
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = JointMeeting
        fields = ["held_on", "convener", "participants", "matter", "decision", "follow_up"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "matter": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class ProjectsWithYearField(forms.ModelMultipleChoiceField):
    """Projects named with their year: a look-back (回头看) spans this year's and last year's."""

    def label_from_instance(self, obj: Project) -> str:
        return f"{obj.cycle.year}年 · {obj.title}"


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["kind", "held_on", "participants", "findings", "projects"]
        field_classes = {"projects": ProjectsWithYearField}
        widgets = {
            "held_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "projects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        # This year's projects, and last year's for a look-back (回头看).
        choices(self, "projects").queryset = (
            Project.objects.elected()
            .filter(
                cycle__jurisdiction=cycle.jurisdiction_id,
                cycle__year__in=[cycle.year, cycle.year - 1],
            )
            .select_related("cycle")
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("文件"), help_text=_("JPEG/PNG 图片、PDF、docx 或 xlsx，最大 10 MB。")
    )
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class SatisfactionForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["satisfied", "basically_satisfied", "dissatisfied"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
            cast(forms.IntegerField, field).min_value = 0
