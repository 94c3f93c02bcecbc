import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class PortalFormRenderer(TemplatesSetting):
    """Render every form with the portal's Bootstrap field template (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        # Django renders a template per <option>: a filter with a county's 150 stations or a
        # city's 2,000 took tens of milliseconds per page. The same markup, built in Python.
        if template_name == SELECT_TEMPLATE and _plain_options(context["widget"]):
            return render_select(context["widget"])
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
