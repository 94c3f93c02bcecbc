import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .validators import date_validators

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


# Django's radio and checkbox groups put the widget's attrs (and so its class) on the group's
# <div> as well as on every input, and wrap each input in its label: Bootstrap wants neither.
CHOICES_TEMPLATE = "forms/widgets/choices.html"
WIDGET_TEMPLATES = {
    "django/forms/widgets/radio.html": CHOICES_TEMPLATE,
    "django/forms/widgets/checkbox_select.html": CHOICES_TEMPLATE,
}
# A group longer than this is laid out in columns: the monthly joint review lists every audit
# problem of a county, 40 and more, which one per line made a page of 11,000 pixels.
COLUMNS_FROM = 8


def widget_kind(widget: forms.Widget) -> str:
    """How the portal draws a widget: "choices" (a radio or checkbox group), "check" (one box),
    "select" or "control"; `field.html` and the CSS class both follow it."""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    if isinstance(widget, forms.Select):
        return "select"
    return "control"


WIDGET_CLASSES = {
    "choices": "form-check-input",
    "check": "form-check-input",
    "select": "form-select",
    "control": "form-control",
}


class PortalBoundField(forms.BoundField):
    """A bound field whose widget carries the Bootstrap class of its kind, however it is printed
    (`as_field_group`, `{{ form.field }}`), and `is-invalid` when it has errors."""

    @property
    def widget_kind(self) -> str:
        return widget_kind(self.field.widget)

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if widget.is_hidden:
            return super().as_widget(widget, attrs, only_initial)
        attrs = dict(attrs or {})
        css = [widget.attrs.get("class", ""), attrs.get("class", "")]
        css.append(WIDGET_CLASSES[widget_kind(widget)])
        if self.errors:
            css.append("is-invalid")
        attrs["class"] = " ".join(dict.fromkeys(c for c in " ".join(css).split()))
        return super().as_widget(widget, attrs, only_initial)


class PortalFormRenderer(TemplatesSetting):
    """Render every form with the portal's Bootstrap field template (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = PortalBoundField

    def render(self, template_name, context, request=None):
        # Django renders a template per <option>: a filter with a county's 150 stations or a
        # city's 2,000 took tens of milliseconds per page. The same markup, built in Python.
        if template_name == SELECT_TEMPLATE and _plain_options(context["widget"]):
            return render_select(context["widget"])
        if template_name in WIDGET_TEMPLATES:
            widget = context["widget"]
            widget["columns"] = len(widget["optgroups"]) >= COLUMNS_FROM
            template_name = WIDGET_TEMPLATES[template_name]
        return super().render(template_name, context, request)


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _attrs(attrs: dict) -> SafeString:
    """What django/forms/widgets/attrs.html prints: ` name="value"`, a bare name for True.

    Not `flatatt`: it moves boolean attributes to the end, so the markup would differ from Django's.
    """
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return mark_safe("".join(parts))


def render_select(widget: dict) -> SafeString:
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(o["value"]), _attrs(o["attrs"]), o["label"]) for o in options),
        )
        if group_name:
            rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
        groups.append(rendered)
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        _attrs(widget["attrs"]),
        mark_safe("".join(groups)),
    )


class DateField(forms.DateField):
    """A date within the portal's bounds, for plain forms; a ModelForm's date fields take the
    same bounds from their model field."""

    default_validators: list[Callable[[Any], None]] = [*date_validators]


class YearField(forms.IntegerField):
    """A year a date can have: a `__year` lookup with year 0 or 10000 fails in Python, not in a
    form, so the bound is checked here."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", dt.MINYEAR)
        kwargs.setdefault("max_value", dt.MAXYEAR)
        super().__init__(**kwargs)


def parse_year(value) -> int:
    """A year from a query string; ValueError for anything that is not one."""
    try:
        return YearField().clean(value)
    except ValidationError as error:
        raise ValueError(value) from error


def object_from(queryset, value):
    """The record of `queryset` whose id is `value`, or None for a missing, malformed or foreign
    id: a ModelChoiceField's own check, so "abc" or an overflowing number never reach a query."""
    try:
        return forms.ModelChoiceField(queryset=queryset).clean(value)
    except ValidationError:
        return None
