"""Every choice input is drawn by one path (core.forms.PortalBoundField, templates/forms/) with
Bootstrap 5 markup: the group is a fieldset, each option a `form-check` with its own label."""

import re

import pytest
from django import forms

from core.forms import COLUMNS_FROM

CHOICES = [("s", "满意"), ("b", "基本满意"), ("d", "不满意")]


class EveryChoiceForm(forms.Form):
    rating = forms.ChoiceField(label="满意度", choices=CHOICES, widget=forms.RadioSelect)
    units = forms.MultipleChoiceField(
        label="被评议单位", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="立即发布", help_text="勾选后公开。")
    kind = forms.ChoiceField(label="类型", choices=CHOICES)
    many = forms.MultipleChoiceField(label="多选", choices=CHOICES, widget=forms.SelectMultiple)
    name = forms.CharField(label="名称")


def _tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>", html)


def _field(form, name) -> str:
    return str(form[name].as_field_group())


def test_a_radio_group_is_a_fieldset_of_form_checks():
    html = _field(EveryChoiceForm(), "rating")
    assert '<fieldset class="mb-3">' in html
    assert re.search(r"<legend[^>]*>满意度", html)
    # The group's own element carries no input class; that is what piled the options up.
    (group,) = [t for t in _tags(html, "div") if 'id="id_rating"' in t]
    assert "form-check-input" not in group
    inputs = _tags(html, "input")
    assert len(inputs) == 3
    for index, (_value, label) in enumerate(CHOICES):
        assert 'class="form-check-input"' in inputs[index]
        assert f'id="id_rating_{index}"' in inputs[index]
        assert f'<label class="form-check-label" for="id_rating_{index}">{label}</label>' in html
    assert html.count('<div class="form-check">') == 3


def test_a_checkbox_group_and_a_single_checkbox():
    form = EveryChoiceForm()
    group = _field(form, "units")
    assert all('type="checkbox"' in t for t in _tags(group, "input"))
    assert group.count('<div class="form-check">') == 3
    box = _field(form, "agree")
    assert re.search(
        r'<div class="form-check"><input type="checkbox"[^>]*class="form-check-input"[^>]*>'
        r'<label class="form-check-label" for="id_agree">立即发布',
        box,
    )
    assert 'id="id_agree_helptext"' in box


def test_selects_and_text_inputs_keep_their_classes():
    form = EveryChoiceForm()
    assert 'class="form-select"' in _field(form, "kind")
    assert re.search(r'<select name="many" class="form-select"[^>]*multiple', _field(form, "many"))
    assert 'class="form-control"' in _field(form, "name")
    # However a template prints a field, the class is the same.
    assert 'class="form-select"' in str(form["kind"])


def test_errors_are_shown_beside_the_group_and_mark_every_option():
    form = EveryChoiceForm({"rating": "x"})
    html = _field(form, "rating")
    # The message has the id the field's aria-describedby names, so a screen reader reads it.
    assert '<div class="invalid-feedback d-block" id="id_rating_error">' in html
    kind = _field(form, "kind")
    assert 'aria-describedby="id_kind_error"' in kind and 'id="id_kind_error"' in kind
    assert all("form-check-input is-invalid" in t for t in _tags(html, "input"))
    assert "form-check-input is-invalid" in _field(form, "agree")
    assert "form-select is-invalid" in _field(form, "kind")


def test_a_long_group_is_laid_out_in_columns():
    many = [(str(n), f"问题{n}") for n in range(40)]
    field = forms.MultipleChoiceField(choices=many, widget=forms.CheckboxSelectMultiple)
    form = type("LongForm", (forms.Form,), {"problems": field})()
    (group,) = [t for t in _tags(_field(form, "problems"), "div") if 'id="id_problems"' in t]
    assert "row-cols-md-2" in group and "row-cols-xl-3" in group
    short = EveryChoiceForm()["units"]
    assert len(CHOICES) < COLUMNS_FROM and "row-cols" not in str(short)


@pytest.mark.django_db
def test_every_forms_choice_groups_in_the_portal_render_the_same_way(world, staff_a):
    """The named broken forms, built as their views build them."""
    from deputies.forms import OpinionReplyForm, SatisfactionForm, SuggestionReplyForm
    from evaluations.forms import AppraisalForm, RoundForm
    from livelihood_projects.forms import VoteStartForm
    from polls.forms import PollForm

    built = [
        SatisfactionForm(),
        OpinionReplyForm(),
        SuggestionReplyForm(),
        RoundForm(user=staff_a),
        AppraisalForm(user=staff_a),
        VoteStartForm(),
        PollForm(user=staff_a),
    ]
    for form in built:
        html = str(form)
        for tag in _tags(html, "div"):
            assert "form-check-input" not in tag, (type(form).__name__, tag)
        for tag in _tags(html, "input"):
            if 'type="radio"' in tag or 'type="checkbox"' in tag:
                assert "form-check-input" in tag, (type(form).__name__, tag)


def test_an_empty_group_says_so():
    field = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple)
    form = type("EmptyForm", (forms.Form,), {"projects": field})()
    assert "暂无可选项。" in _field(form, "projects")
