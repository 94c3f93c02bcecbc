"""Selects are built in Python by the portal's form renderer; the markup must be Django's own."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer

from core.forms import PortalFormRenderer


class ChoiceForm(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("a<b", "甲 & 乙"), ("y", "Y")], required=False)
    grouped = forms.MultipleChoiceField(
        choices=[("第一组", [("1", "一"), ("2", "二")]), ("3", "三")]
    )
    typed = forms.TypedChoiceField(choices=[(1, "一"), (2, "二")], coerce=int, disabled=True)


def _normalise(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def test_selects_render_exactly_as_django_templates_do():
    form = ChoiceForm({"plain": "a<b", "grouped": ["2", "3"], "typed": "2"})
    attrs = {"class": "form-select", "data-note": 'say "hi"'}
    for name in ("plain", "grouped", "typed"):
        form.renderer = PortalFormRenderer()
        fast = form[name].as_widget(attrs=attrs)
        form.renderer = DjangoTemplates()
        reference = form[name].as_widget(attrs=attrs)
        assert _normalise(fast) == _normalise(reference), name
        assert "<option" in fast


def test_the_portal_renderer_is_the_one_forms_use():
    assert isinstance(get_default_renderer(), PortalFormRenderer)
    html = ChoiceForm({"plain": "y"})["plain"].as_widget()
    assert '<option value="y" selected>Y</option>' in html
