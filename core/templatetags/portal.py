from django import forms, template

register = template.Library()


@register.filter
def bootstrap(bound_field):
    """Render a bound field's widget with the Bootstrap class its widget type needs."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def mask_phone(value: str) -> str:
    """Show a phone number with its middle digits hidden, as lists must."""
    value = value or ""
    if len(value) < 7:
        return value
    return f"{value[:3]}****{value[-4:]}"
