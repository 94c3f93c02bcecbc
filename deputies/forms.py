from datetime import timedelta
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.models import Unit
from core.validators import PEOPLE_MAX

from . import rules
from .models import (
    Activity,
    Campaign,
    ContactVisit,
    Deputy,
    Opinion,
    OpinionReply,
    Satisfaction,
    Station,
    Suggestion,
    Visit,
    mobile_validator,
)


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A choice field of `form` whose records are narrowed to the user's when the form is made."""
    return cast(forms.ModelChoiceField, form.fields[name])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


ACTIVITY_HORIZON = timedelta(days=366)


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("日期不能晚于今天。"))
    return value


class VisitForm(forms.Form):
    """One duty visit. Deputies record their own; staff pick the deputy they record for."""

    deputy = forms.ModelChoiceField(label=_("代表"), queryset=Deputy.objects.none())
    station = forms.ModelChoiceField(label=_("联络站"), queryset=Station.objects.none())
    visited_on = DateField(label=_("履职日期"), widget=DateInput())
    kind = forms.ChoiceField(label=_("履职方式"), choices=Visit.Kind.choices)
    people_received = forms.IntegerField(
        label=_("接待人数"),
        min_value=0,
        max_value=PEOPLE_MAX,
        initial=0,
        error_messages={
            "min_value": _("接待人数不能为负数。"),
            "max_value": _("接待人数不能超过 %(limit_value)s。"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    notes = forms.CharField(
        label=_("情况记录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, stations, deputies=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "station").queryset = stations
        if deputies is None:
            del self.fields["deputy"]
        else:
            _choices(self, "deputy").queryset = deputies
        # A deputy of one station finds it already chosen; the list stays for those with more.
        first = list(stations[:2])
        if len(first) == 1:
            self.fields["station"].initial = first[0].pk
        self.fields["visited_on"].initial = timezone.localdate()

    def clean_visited_on(self):
        value = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("履职日期不能晚于今天。"))
        return value


class OpinionInlineForm(forms.Form):
    """An opinion raised during a visit; left blank, it is skipped."""

    content = forms.CharField(label=_("群众意见建议"), widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", "---------"), *Opinion.Category.choices]
    )
    raised_by = forms.CharField(
        label=_("反映人"), required=False, help_text=_("不填即为匿名。"), max_length=32
    )
    raised_by_phone = forms.CharField(
        label=_("反映人电话"),
        required=False,
        max_length=11,
        validators=[mobile_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    answer = forms.CharField(
        label=_("当场答复"),
        required=False,
        help_text=_("已当场答复的填写答复内容；需转交办理的留空。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


OpinionFormSet = forms.formset_factory(OpinionInlineForm, extra=1, max_num=20, validate_max=True)


class VisitEditForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["station", "visited_on", "kind", "people_received", "notes"]
        widgets = {"visited_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"people_received": {"min_value": _("接待人数不能为负数。")}}

    def __init__(self, *args, stations, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "station").queryset = stations

    def clean_visited_on(self):
        value = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("履职日期不能晚于今天。"))
        return value


class OpinionAnswerForm(forms.Form):
    answer = forms.CharField(label=_("当场答复内容"), widget=forms.Textarea(attrs={"rows": 3}))


class OpinionTransferForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none())
    level = forms.ChoiceField(label=_("转交层级"), choices=Opinion.Level.choices)
    due_on = DateField(label=_("办理期限"), widget=DateInput())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "unit").queryset = units
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=30)


class OpinionReplyForm(forms.Form):
    body = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(
        label=_("办理结果"), choices=OpinionReply.Outcome.choices, widget=forms.RadioSelect
    )


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )


class SuggestionForm(forms.Form):
    deputy = forms.ModelChoiceField(label=_("领衔代表"), queryset=Deputy.objects.none())
    kind = forms.ChoiceField(label=_("类型"), choices=Suggestion.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=128)
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}))
    submitted_on = DateField(label=_("提出日期"), widget=DateInput(), validators=[_not_in_future])

    def __init__(self, *args, deputies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_on"].initial = timezone.localdate()
        if deputies is None:
            del self.fields["deputy"]
        else:
            _choices(self, "deputy").queryset = deputies


class SuggestionAssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("协办单位"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    assigned_on = DateField(label=_("交办日期"), widget=DateInput(), validators=[_not_in_future])

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "lead_unit").queryset = units
        _choices(self, "co_units").queryset = units
        self.fields["assigned_on"].initial = timezone.localdate()


class SuggestionExtendForm(forms.Form):
    due_on = DateField(label=_("延期后的答复期限"), widget=DateInput())
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class SuggestionReplyForm(forms.Form):
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 5}))
    result_class = forms.ChoiceField(
        label=_("办理结果分类"), choices=Suggestion.ResultClass.choices, widget=forms.RadioSelect
    )


class ActivityForm(forms.ModelForm):
    announce = forms.BooleanField(
        label=_("立即在联络站日历上发布预告"), required=False, initial=True
    )

    class Meta:
        model = Activity
        fields = [
            "station",
            "kind",
            "title",
            "starts_at",
            "description",
            "deputies",
            "judge",
            "prosecutor",
            "police_officer",
            "lawyer",
            "other_guests",
            "late_reason",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "late_reason": forms.Textarea(attrs={"rows": 2}),
            "deputies": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"late_reason": _("距活动开始不足5天才发布预告时必填。")}

    def __init__(self, *args, stations, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "station").queryset = stations
        _choices(self, "deputies").queryset = deputies

    def clean_starts_at(self):
        # The public calendar shows what is announced; a slip of the year (2099 for 2024) would
        # sit there for decades.
        value = self.cleaned_data["starts_at"]
        if value > timezone.now() + ACTIVITY_HORIZON:
            raise forms.ValidationError(_("活动时间不能晚于一年以后。"))
        return value


class ActivityAnnounceForm(forms.Form):
    late_reason = forms.CharField(
        label=_("未提前5天预告的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActivityOutcomeForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["participants", "questions_answered", "disputes_mediated", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}


class StationPostForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=128)
    body = forms.CharField(
        label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_public = forms.BooleanField(label=_("在联络站公开页面显示"), required=False, initial=True)


class ContactVisitForm(forms.ModelForm):
    class Meta:
        model = ContactVisit
        fields = ["kind", "visitor", "visited", "deputy", "visited_on", "notes"]
        widgets = {"visited_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "deputy").queryset = deputies
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["visited_on"].validators.append(_not_in_future)


class PublicOpinionForm(forms.Form):
    """The phone form a QR code opens: the opinion, an optional name and phone, and consent."""

    content = forms.CharField(
        label=_("您的意见建议"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    category = forms.ChoiceField(
        label=_("类别"), choices=Opinion.Category.choices, initial=Opinion.Category.OTHER
    )
    raised_by = forms.CharField(
        label=_("您的姓名"), required=False, max_length=32, help_text=_("选填，不填即为匿名。")
    )
    raised_by_phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=11,
        validators=[mobile_validator],
        help_text=_("选填，仅供工作人员联系核实，不会公开。"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("我同意人大代表联络站工作人员为办理本意见使用以上信息"),
        error_messages={"required": _("请阅读并同意个人信息的使用说明。")},
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


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("回执编号"), max_length=20)

    def clean_receipt(self) -> str:
        return rules.normalize_receipt(self.cleaned_data["receipt"])


class OpinionReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("审核结果"),
        choices=[("1", _("受理，进入办理流程")), ("0", _("不予受理"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("不予受理理由"),
        required=False,
        max_length=200,
        help_text=_("不予受理时必填，反映人凭回执可以看到。"),
    )


class OpinionReferForm(forms.Form):
    partner_unit = forms.CharField(label=_("省外协调单位"), max_length=64)
    due_on = DateField(label=_("办理期限"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=30)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=64)
    starts_on = DateField(label=_("开始日期"), widget=DateInput())
    ends_on = DateField(label=_("结束日期"), widget=DateInput())
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CampaignTagForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("专项活动"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "campaign").queryset = campaigns


class PartnerDeputyForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=32)
    region = forms.CharField(
        label=_("所在省份/县"), max_length=64, help_text=_("如 贵州省天柱县。")
    )
    title = forms.CharField(label=_("代表层级及职务"), max_length=64, required=False)


class PartnersForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("参加的省外代表"),
        queryset=Campaign.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "partners").queryset = partners


_PHOTO_WIDGET = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
_PHOTO_HELP = _("JPG、PNG 或 WebP，不超过 5 MB；保存时缩小并去除拍摄地点等信息。")


class StationPhotoForm(forms.Form):
    photo = forms.FileField(label=_("上传照片"), help_text=_PHOTO_HELP, widget=_PHOTO_WIDGET)


class DeputyPhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("上传照片"), required=False, help_text=_PHOTO_HELP, widget=_PHOTO_WIDGET
    )
    photo_public = forms.BooleanField(
        label=_("在联络站公开页面显示照片"),
        required=False,
        help_text=_("只有联络站已公开上线时才显示。"),
    )
