from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from core.models import Jurisdiction, Unit
from core.validators import votes_validators

from . import rules
from .models import Elector, Poll


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
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    # Once voting has started only these may change; the rest would alter a running count.
    LATER_FIELDS = ("title", "description", "closes_at", "tellers")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_draft:
            for name in list(self.fields):
                if name not in self.LATER_FIELDS:
                    del self.fields[name]
            self.fields["tellers"].queryset = User.objects.visible_to(user).filter(
                is_active=True, role__in=[Role.STAFF, Role.ADMIN]
            )
            self.fields["tellers"].widget = forms.CheckboxSelectMultiple()
            self.fields["tellers"].label_from_instance = lambda u: u.display_name
            return
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.visible_to(user).exclude(
            level=Jurisdiction.Level.MUNICIPAL
        )
        self.fields["jurisdiction"].initial = user.jurisdiction_id
        self.fields["scale"].help_text = _("差额票决时自动使用“赞成”。")
        self.fields["tellers"].queryset = User.objects.visible_to(user).filter(
            is_active=True, role__in=[Role.STAFF, Role.ADMIN]
        )
        self.fields["tellers"].widget = forms.CheckboxSelectMultiple()
        self.fields["tellers"].label_from_instance = lambda u: u.display_name
        self.fields["scale"].required = False

    def clean(self):
        data = super().clean()
        if "kind" not in self.fields:
            return self._clean_tellers(data)
        if data.get("kind") == Poll.Kind.APPROVAL:
            data["scale"] = Poll.Scale.APPROVAL
            self.instance.scale = Poll.Scale.APPROVAL
        elif data.get("scale") in (Poll.Scale.APPROVAL, "", None):
            self.add_error("scale", _("测评请选择满意度或等次。"))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("截止时间应晚于开始时间。"))
        return self._clean_tellers(data)

    def _clean_tellers(self, data):
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            Unit.objects.visible_to(user).active().select_related("jurisdiction")
        )

    def clean(self):
        data = super().clean()
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

    def __init__(self, *args, user, poll: Poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.fields["voters"].queryset = User.objects.visible_to(user).filter(is_active=True)

    def clean(self):
        data = super().clean()
        voters = list(data.get("voters") or [])
        if data.get("all_deputies"):
            voters += User.objects.filter(
                is_active=True, role=Role.DEPUTY, jurisdiction=self.poll.jurisdiction
            )
        if not voters:
            raise ValidationError(_("请选择投票人。"))
        data["voter_list"] = list({v.pk: v for v in voters}.values())
        return data


class BallotForm(forms.Form):
    """One field per subject; the choices come from the poll, so anything else is refused."""

    def __init__(self, *args, poll: Poll, subjects, **kwargs):
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

    def rating_rows(self):
        return [(subject, self[f"s{subject.pk}"]) for subject in self.subjects]

    def clean(self):
        data = super().clean()
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


class PaperVotersForm(forms.Form):
    voters = forms.ModelMultipleChoiceField(
        label=_("领取纸质选票的投票人"),
        queryset=Elector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, electors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voters"].queryset = electors
        self.fields["voters"].label_from_instance = lambda e: f"{e.voter.display_name}（{e.group}）"


def _count(label, *, initial=0) -> forms.IntegerField:
    return forms.IntegerField(label=label, initial=initial, validators=votes_validators)


class PaperTallyForm(forms.Form):
    """A teller's totals for one group: whole ballots, then per subject each mark."""

    def __init__(self, *args, poll: Poll, subjects, groups, **kwargs):
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

    def keys(self) -> list[tuple[str, str]]:
        if self.poll.is_approval:
            return list(self.poll.marks)
        return [*self.poll.marks, (rules.BLANK, _("弃权")), (rules.INVALID, _("无效"))]

    def subject_rows(self):
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
