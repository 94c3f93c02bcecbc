"""Taking a topic candidate into a plan: an item whose source is the portal's findings, with
every record it rests on linked as evidence (issue 16, "findings become topics")."""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Unit

from ..models import Evidence, Item, Plan
from .plan import item_add

# Evidence.label's length.
LABEL_MAX = 255


def _taken(plan: Plan, targets: Sequence[models.Model]) -> bool:
    """Whether any of the records is already evidence of an item of `plan`."""
    linked = Q()
    for target in targets:
        content_type = ContentType.objects.get_for_model(target)
        linked |= Q(content_type=content_type, object_id=target.pk)
    return Evidence.objects.filter(linked, item__plan=plan).exists()


@transaction.atomic
def candidate_take(
    *,
    plan: Plan,
    unit: Unit,
    kind: str,
    title: str,
    planned_month: int,
    office: str,
    evidence: Sequence[tuple[str, models.Model]],
    reason: str = "",
    by: User,
) -> Item:
    """The item, added like any other (`item_add`: on an adopted plan as an addition with its
    reason, by default the findings it rests on), and an Evidence row linking each record."""
    if not evidence:
        raise ValidationError(_("没有可以作为选题依据的线索。"))
    # The plan's row is locked first, so that a second click waits here and then finds the
    # item the first one added (`item_add` locks the same row again, harmlessly).
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if _taken(plan, [target for _label, target in evidence]):
        raise ValidationError({"plan": _("该线索已列入本计划。")})
    labels = [label[:LABEL_MAX] for label, _target in evidence]
    note = "\n".join(labels)
    if plan.is_adopted and not reason.strip():
        reason = _("根据平台发现的问题线索增补：%(first)s等%(n)s条。") % {
            "first": labels[0],
            "n": len(labels),
        }
    item = item_add(
        plan=plan,
        kind=kind,
        title=title,
        unit=unit,
        office=office,
        planned_month=planned_month,
        source=Item.Source.FINDINGS,
        source_note=note,
        reason=reason,
        by=by,
    )
    Evidence.objects.bulk_create(
        Evidence(
            item=item,
            label=label,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
        )
        for label, target in zip(labels, (target for _label, target in evidence), strict=True)
    )
    return item
