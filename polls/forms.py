from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import User
from core.models import Jurisdiction, Unit
from core.validators import votes_validators

from . import rules
from .models import Elector, Poll, Subject, VoterGroup


class _TellerChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PollForm(forms.ModelForm):
    class Meta:
        model = Poll
        fields = [
            "title",
            "jurisdiction",
            "kind",
            "scale",
            "max_choices",
            "description",
            "opens_at",
            "closes_at",
            "verdict_basis",
            "verdict_threshold",
            "tellers",
        ]
        field_classes = {"tellers": _TellerChoices}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tellers = cast(forms.ModelMultipleChoiceField, self.fields["tellers"])
        tellers.queryset = User.objects.visible_to(user).office().filter(is_active=True)
        if self.instance.pk and not self.instance.is_draft:
            # Once voting has started the rest would alter a running count.
            for name in list(self.fields):
                if name not in rules.LATER_FIELDS:
                    del self.fields[name]
            return
        jurisdiction = cast(forms.ModelChoiceField, self.fields["jurisdiction"])
        jurisdiction.queryset = Jurisdiction.objects.visible_to(user).exclude(
            level=Jurisdiction.Level.MUNICIPAL
        )
        jurisdiction.initial = user.jurisdiction_id
        self.fields["scale"].help_text = _("差额票决时自动使用“赞成”。")
        self.fields["scale"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "kind" not in self.fields:
            return self._clean_tellers(data)
        # The same rule as the service's, here so that the model's own checks see the scale.
        scale = rules.poll_scale(kind=data.get("kind"), scale=data.get("scale"))
        if scale is None:
            self.add_error("scale", rules.SCALE_NEEDED)
        else:
            data["scale"] = scale
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("截止时间应晚于开始时间。"))
        return self._clean_tellers(data)

    def _clean_tellers(self, data: dict[str, Any]) -> dict[str, Any]:
        tellers = data.get("tellers")
        if tellers is not None and len(tellers) not in (0, 2):
            self.add_error("tellers", _("请选择两名计票人（不用纸质选票时可不选）。"))
        return data


class SubjectsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("承办单位"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("按住 Ctrl（手机上直接点选）可多选。"),
    )
    labels = forms.CharField(
        label=_("其他测评对象"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个，如：县财政局局长 王某某、城区幼儿园迁建项目。"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = cast(forms.ModelMultipleChoiceField, self.fields["units"])
        units.queryset = Unit.objects.visible_to(user).active().select_related("jurisdiction")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["label_list"] = [line.strip() for line in data.get("labels", "").splitlines()]
        data["label_list"] = [line[:128] for line in data["label_list"] if line]
        if not data.get("units") and not data["label_list"]:
            raise ValidationError(_("请选择单位或填写测评对象。"))
        return data


class ElectorateForm(forms.Form):
    group_name = forms.CharField(label=_("投票人组别"), max_length=64, initial=_("全体代表"))
    all_deputies = forms.BooleanField(
        label=_("本行政区划全部代表账户"),
        required=False,
        help_text=_("加入该投票所属行政区划（不含下级）的全部代表。"),
    )
    voters = forms.ModelMultipleChoiceField(
        label=_("指定投票人"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, user: User, poll: Poll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        voters = cast(forms.ModelMultipleChoiceField, self.fields["voters"])
        voters.queryset = User.objects.visible_to(user).filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        voters = list(data.get("voters") or [])
        if data.get("all_deputies"):
            voters += (
                User.objects.get_queryset()
                .deputies()
                .filter(is_active=True, jurisdiction=self.poll.jurisdiction)
            )
        if not voters:
            raise ValidationError(_("请选择投票人。"))
        data["voter_list"] = list({v.pk: v for v in voters}.values())
        return data


class BallotForm(forms.Form):
    """One field per subject; the choices come from the poll, so anything else is refused."""

    def __init__(self, *args: Any, poll: Poll, subjects: Iterable[Subject], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.subjects = list(subjects)
        if poll.is_approval:
            self.fields["chosen"] = forms.TypedMultipleChoiceField(
                label=_("请选择项目"),
                choices=[(s.pk, s.label) for s in self.subjects],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            return
        choices = [*poll.marks, (rules.ABSTAIN, _("弃权"))]
        for subject in self.subjects:
            self.fields[f"s{subject.pk}"] = forms.ChoiceField(
                label=subject.label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("请对此项作出选择。")},
            )

    def rating_rows(self) -> list[tuple[Subject, forms.BoundField]]:
        return [(subject, self[f"s{subject.pk}"]) for subject in self.subjects]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.poll.is_approval:
            chosen = data.get("chosen") or []
            if len(chosen) > self.poll.max_choices:
                raise ValidationError(
                    _("最多只能选择 %(k)d 项，您选择了 %(n)d 项。")
                    % {"k": self.poll.max_choices, "n": len(chosen)}
                )
        return data

    def review(self) -> list[tuple[str, str, bool]]:
        """Each subject, the choice made and whether it counts as a vote, for the last look."""
        names = {code: str(text) for code, text in self.poll.marks}
        if self.poll.is_approval:
            chosen = set(self.cleaned_data["chosen"])
            return [
                (s.label, names["Y"] if s.pk in chosen else str(_("未选")), s.pk in chosen)
                for s in self.subjects
            ]
        rows = []
        for subject in self.subjects:
            mark = self.cleaned_data[f"s{subject.pk}"]
            if mark == rules.ABSTAIN:
                rows.append((subject.label, str(_("弃权")), False))
            elif self.poll.scale == Poll.Scale.GRADE:
                rows.append((subject.label, f"{mark} {names[mark]}", True))
            else:
                rows.append((subject.label, names[mark], True))
        return rows

    def marks(self) -> dict[int, str | None]:
        if self.poll.is_approval:
            return dict.fromkeys(self.cleaned_data["chosen"], "Y")
        values = {s.pk: self.cleaned_data[f"s{s.pk}"] for s in self.subjects}
        return {pk: None if mark == rules.ABSTAIN else mark for pk, mark in values.items()}


class _ElectorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.voter.display_name}（{obj.group}）"


class PaperVotersForm(forms.Form):
    voters = _ElectorChoices(
        label=_("领取纸质选票的投票人"),
        queryset=Elector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, electors: QuerySet[Elector], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(_ElectorChoices, self.fields["voters"]).queryset = electors


def _count(label: StrOrPromise, *, initial: int | None = 0) -> forms.IntegerField:
    return forms.IntegerField(label=label, initial=initial, validators=votes_validators)


class PaperTallyForm(forms.Form):
    """A teller's totals for one group: whole ballots, then per subject each mark."""

    def __init__(
        self,
        *args: Any,
        poll: Poll,
        subjects: Iterable[Subject],
        groups: QuerySet[VoterGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.subjects = list(subjects)
        self.fields["group"] = forms.ModelChoiceField(
            label=_("投票人组别"), queryset=groups, empty_label=None
        )
        self.fields["ballots"] = _count(_("收回选票数"), initial=None)
        self.fields["invalid_ballots"] = _count(_("无效票数"))
        if poll.is_approval:
            self.fields["blank_ballots"] = _count(_("空白票数"))
        for subject in self.subjects:
            for key, text in self.keys():
                self.fields[f"c{subject.pk}_{key}"] = _count(f"{subject.label} · {text}")

    def keys(self) -> list[tuple[str, str | Promise]]:
        if self.poll.is_approval:
            return list(self.poll.marks)
        return [*self.poll.marks, (rules.BLANK, _("弃权")), (rules.INVALID, _("无效"))]

    def subject_rows(self) -> list[tuple[Subject, list[forms.BoundField]]]:
        return [
            (subject, [self[f"c{subject.pk}_{key}"] for key, _text in self.keys()])
            for subject in self.subjects
        ]

    def sheet(self) -> rules.PaperSheet:
        data = self.cleaned_data
        return rules.PaperSheet(
            ballots=data["ballots"],
            invalid_ballots=data["invalid_ballots"],
            blank_ballots=data.get("blank_ballots", 0),
            counts={
                s.pk: {key: data[f"c{s.pk}_{key}"] for key, _text in self.keys()}
                for s in self.subjects
            },
        )
