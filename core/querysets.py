"""Who may see what, for every model that belongs to a jurisdiction.

A user works on their own jurisdiction and everything below it: county staff see their county and
its townships, municipal users see every county of the municipality. The tree is at most three
levels deep (municipality → county → township), so "below" is at most two parent hops and can be
expressed as one filter instead of a recursive query.
"""

from typing import Any, Self

from django.db import models
from django.db.models import Q


def jurisdiction_scope(user: Any, field: str = "jurisdiction") -> Q | None:
    """A filter selecting rows whose `field` lies in the user's jurisdiction subtree.

    Returns None when the user sees everything (superusers), and an always-false filter for
    anonymous users and accounts without a jurisdiction.

    The subtree is a subquery (`field IN (SELECT id ...)`) rather than an OR across joins of the
    parent chain: the OR form forces PostgreSQL to join and test every row of a million-row table,
    while the IN form lets it walk an index and keep the rows whose jurisdiction is in a short set.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    root = user.jurisdiction_id
    if root is None:
        return Q(pk__in=[])
    from .models import Jurisdiction

    return Q(**{f"{field}__in": Jurisdiction.objects.subtree(root).values("pk")})


class ScopedQuerySet(models.QuerySet[Any]):
    """Base for querysets of models that belong to a jurisdiction through `scope_field`."""

    scope_field = "jurisdiction"

    def visible_to(self, user: Any) -> Self:
        scope = jurisdiction_scope(user, self.scope_field)
        return self if scope is None else self.filter(scope)


class JurisdictionQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        root = user.jurisdiction_id
        if root is None:
            return self.none()
        return self.subtree(root)

    def subtree(self, root_id: int) -> Self:
        """The node and everything below it (at most two levels: county → township)."""
        return self.filter(Q(pk=root_id) | Q(parent_id=root_id) | Q(parent__parent_id=root_id))

    def counties(self) -> Self:
        return self.filter(level=self.model.Level.COUNTY)

    def townships(self) -> Self:
        return self.filter(level=self.model.Level.TOWNSHIP)


class UnitQuerySet(ScopedQuerySet):
    def active(self) -> Self:
        return self.filter(is_active=True)
