from django import template

from core.access import has_named_permission

register = template.Library()


@register.filter
def bootstrap(bound_field):
    """A bound field's widget; its Bootstrap class comes from `core.forms.PortalBoundField`,
    the one place that decides it, so `{{ field }}` and this filter print the same."""
    return bound_field.as_widget()


@register.filter
def mask_phone(value: str) -> str:
    """Show a phone number with its middle digits hidden, as lists must."""
    value = value or ""
    if len(value) < 7:
        return value
    return f"{value[:3]}****{value[-4:]}"


@register.filter
def may(user, permission: str) -> bool:
    """`{% if user|may:"app.perm" %}`: a named permission, without the model-permission queries
    `perms.app.perm` costs for a user who lacks it (see core/access.py)."""
    return has_named_permission(user, permission)
