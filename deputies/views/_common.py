"""Helpers shared by the deputy-work views."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django_filters.views import FilterView

from accounts.models import Role
from core.models import Unit
from core.permissions import STAFF_ROLES, RoleRequiredMixin, has_role

from ..models import Deputy, Station

DEPUTY_OR_STAFF = (Role.DEPUTY, Role.STAFF)
EVERY_ROLE = (Role.DEPUTY, Role.STAFF, Role.LIAISON)


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's rule violation next to the field it concerns, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _own_deputy(user) -> Deputy | None:
    return Deputy.objects.filter(user=user).first() if user.is_deputy else None


def _is_staff(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def _units_for(county_id: int):
    # Units of the county and its townships, where opinions and suggestions may be transferred.
    return (
        Unit.objects.active()
        .filter(Q(jurisdiction_id=county_id) | Q(jurisdiction__parent_id=county_id))
        .select_related("jurisdiction")
        .order_by("jurisdiction__code", "name")
    )


class _ScopedListView(RoleRequiredMixin, FilterView):
    paginate_by = 25

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


def _stations_for(user, own: Deputy | None):
    if own is not None:
        return own.stations.filter(is_active=True).natural_order()
    return Station.objects.visible_to(user).active().natural_order()


def _may_reply(user, opinion_or_suggestion_unit_ids: set[int]) -> bool:
    return _is_staff(user) or (user.is_liaison and user.unit_id in opinion_or_suggestion_unit_ids)
