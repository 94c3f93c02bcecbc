"""Forms of the expert pool. They read what was typed; the services decide whose county a record
belongs to and who was invited, and put their refusals back next to these fields."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.models import Jurisdiction
from evaluations.models import EvaluationRound
from supervision.models import Item

from .models import Activity, Engagement, Expert, Meeting, Opinion, Pool


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _queryset(field: forms.Field, queryset: QuerySet[Any]) -> None:
    cast(forms.ModelChoiceField, field).queryset = queryset


def _experts_field(label: StrOrPromise, required: bool = True) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Expert.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=required,
    )


class CountyChoice(forms.Form):
    """The county a new record belongs to: the user's own, or a choice for the city's admin."""

    county = forms.ModelChoiceField(label=_("县市区"), queryset=Jurisdiction.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties = Jurisdiction.objects.visible_to(user).counties()
        _queryset(self.fields["county"], counties)
        own = user.jurisdiction.county if user.jurisdiction is not None else None
        if own is not None:
            # A county's office works on its own pool: no choice to make.
            self.fields["county"].initial = own
            self.fields["county"].widget = forms.HiddenInput()
            _queryset(self.fields["county"], counties.filter(pk=own.pk))


_EXPERT = forms.fields_for_model(
    Expert,
    fields=[
        "name",
        "field",
        "title",
        "title_level",
        "employer",
        "term_start",
        "term_end",
        "rules_document",
        "rules_signed_on",
        "phone",
        "email",
        "notes",
    ],
    widgets={
        "term_start": DateInput(),
        "term_end": DateInput(),
        "rules_signed_on": DateInput(),
        "notes": forms.Textarea({"rows": 2}),
    },
)


class ExpertForm(CountyChoice):
    name = _EXPERT["name"]
    field = _EXPERT["field"]
    title = _EXPERT["title"]
    title_level = _EXPERT["title_level"]
    employer = _EXPERT["employer"]
    term_start = _EXPERT["term_start"]
    term_end = _EXPERT["term_end"]
    rules_document = _EXPERT["rules_document"]
    rules_signed_on = _EXPERT["rules_signed_on"]
    phone = _EXPERT["phone"]
    email = _EXPERT["email"]
    notes = _EXPERT["notes"]

    def __init__(self, *args: Any, user: Any, expert: Expert | None = None, **kwargs: Any):
        if expert is not None:
            kwargs.setdefault("initial", {n: getattr(expert, n) for n in _EXPERT})
        super().__init__(*args, user=user, **kwargs)
        if expert is not None:
            del self.fields["county"]


class MeetingForm(CountyChoice):
    kind = forms.ChoiceField(label=_("会议类型"), choices=Meeting.Kind.choices)
    held_on = forms.DateField(label=_("召开日期"), widget=DateInput())
    topic = forms.CharField(label=_("主题"), max_length=200)
    place = forms.CharField(label=_("地点"), max_length=128, required=False)
    attendees = _experts_field(_("参会专家"), required=False)
    minutes = forms.CharField(
        label=_("会议纪要"), widget=forms.Textarea({"rows": 4}), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        _queryset(self.fields["attendees"], Expert.objects.visible_to(user).order_by("name"))


class EngagementForm(CountyChoice):
    kind = forms.ChoiceField(label=_("工作类型"), choices=Engagement.Kind.choices)
    item = forms.ModelChoiceField(label=_("监督事项"), queryset=Item.objects.none(), required=False)
    evaluation_round = forms.ModelChoiceField(
        label=_("工作评议"), queryset=EvaluationRound.objects.none(), required=False
    )
    title = forms.CharField(
        label=_("工作名称"),
        max_length=200,
        required=False,
        help_text=_("关联监督事项或工作评议时可不填，默认使用其名称。"),
    )
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    description = forms.CharField(
        label=_("说明"), widget=forms.Textarea({"rows": 3}), required=False
    )
    experts = _experts_field(_("邀请的专家"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        items = Item.objects.visible_to(user).select_related("plan").order_by("-plan__year", "pk")
        _queryset(self.fields["item"], items)
        rounds = EvaluationRound.objects.visible_to(user).order_by("-year", "pk")
        _queryset(self.fields["evaluation_round"], rounds)
        _queryset(self.fields["experts"], Expert.objects.visible_to(user).order_by("name"))


class InviteForm(forms.Form):
    experts = _experts_field(_("邀请的专家"))

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        # Its own ids: the engagement page holds several forms with fields of the same name.
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)
        others = Expert.objects.filter(county=engagement.county_id).exclude(
            pk__in=engagement.experts.values("pk")
        )
        _queryset(self.fields["experts"], others.order_by("name"))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("活动类型"), choices=Activity.Kind.choices)
    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=128, required=False)
    experts = _experts_field(_("参加的专家"))
    summary = forms.CharField(label=_("情况"), widget=forms.Textarea({"rows": 3}), required=False)

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        # Its own ids: the engagement page holds several forms with fields of the same name.
        kwargs.setdefault("auto_id", "id_activity_%s")
        super().__init__(*args, **kwargs)
        _queryset(self.fields["experts"], engagement.experts.order_by("name"))


class OpinionForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.none())
    kind = forms.ChoiceField(label=_("意见类型"), choices=Opinion.Kind.choices)
    given_on = forms.DateField(label=_("提出日期"), widget=DateInput())
    content = forms.CharField(label=_("意见内容"), widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        # Its own ids: the engagement page holds several forms with fields of the same name.
        kwargs.setdefault("auto_id", "id_opinion_%s")
        super().__init__(*args, **kwargs)
        _queryset(self.fields["expert"], engagement.experts.order_by("name"))


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("采纳情况"),
        choices=[
            (Opinion.Status.ADOPTED, Opinion.Status.ADOPTED.label),
            (Opinion.Status.NOT_ADOPTED, Opinion.Status.NOT_ADOPTED.label),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("研究日期"), widget=DateInput())
    decision_note = forms.CharField(
        label=_("说明"), widget=forms.Textarea({"rows": 2}), required=False
    )


_POOL = forms.fields_for_model(
    Pool,
    fields=["name", "established_on", "senior_target", "rules_title", "rules_adopted_on"],
    widgets={"established_on": DateInput(), "rules_adopted_on": DateInput()},
)


class PoolForm(forms.Form):
    name = _POOL["name"]
    established_on = _POOL["established_on"]
    senior_target = _POOL["senior_target"]
    rules_title = _POOL["rules_title"]
    rules_adopted_on = _POOL["rules_adopted_on"]
