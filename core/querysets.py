"""Who may see what, for every model that belongs to a jurisdiction.

A user works on their own jurisdiction and everything below it: county staff see their county and
its townships, municipal users see every county of the municipality. The tree is at most three
levels deep (municipality → county → township), so "below" is at most two parent hops and can be
expressed as one filter instead of a recursive query.
"""

from django.db import models
from django.db.models import Q


def jurisdiction_scope(user, field: str = "jurisdiction") -> Q | None:
    """A filter selecting rows whose `field` lies in the user's jurisdiction subtree.

    Returns None when the user sees everything (superusers), and an always-false filter for
    anonymous users and accounts without a jurisdiction.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    root = user.jurisdiction_id
    if root is None:
        return Q(pk__in=[])
    return (
        Q(**{f"{field}_id": root})
        | Q(**{f"{field}__parent_id": root})
        | Q(**{f"{field}__parent__parent_id": root})
    )


class ScopedQuerySet(models.QuerySet):
    """Base for querysets of models that belong to a jurisdiction through `scope_field`."""

    scope_field = "jurisdiction"

    def visible_to(self, user):
        scope = jurisdiction_scope(user, self.scope_field)
        return self if scope is None else self.filter(scope)


class JurisdictionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        root = user.jurisdiction_id
        if root is None:
            return self.none()
        return self.filter(Q(pk=root) | Q(parent_id=root) | Q(parent__parent_id=root))

    def counties(self):
        return self.filter(level=self.model.Level.COUNTY)

    def townships(self):
        return self.filter(level=self.model.Level.TOWNSHIP)


class UnitQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)
