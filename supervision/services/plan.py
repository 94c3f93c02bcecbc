"""Writes of the annual supervision plan (年度监督工作计划): drafting, adopting and publishing it,
and its items, which after adoption are only added or moved with a recorded reason.

Every function is atomic and keyword-only; a refusal raises ValidationError with a Chinese
message, keyed by the field at fault where there is one, and leaves nothing half-saved.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction, Unit

from ..models import Item, ItemChange, Plan
from .common import state_refresh

Kind = Item.Kind

# The fields of an item that belong to the plan; the later steps are the lifecycle's.
ITEM_FIELDS = (
    "kind",
    "title",
    "unit",
    "office",
    "planned_month",
    "source",
    "source_note",
    "law",
    "inspection_group",
    "inspection_places",
    "inspection_methods",
    "joined_to",
)
INSPECTION_BLANK: dict[str, Any] = {
    "law": "",
    "inspection_group": "",
    "inspection_places": "",
    "inspection_methods": [],
}


# The fields the later steps rest on: the report, the hearing, the opinions and the polls are the
# kind's and the unit's, so once an item has started they no longer change.
STARTED_FIXED = ("kind", "unit", "joined_to")


# --- The plan -------------------------------------------------------------------------------------


def _check_jurisdiction(jurisdiction: Jurisdiction, by: User) -> None:
    """A plan is a county standing committee's or a township presidium's, of the user's own."""
    levels = (Jurisdiction.Level.COUNTY, Jurisdiction.Level.TOWNSHIP)
    own = Jurisdiction.objects.visible_to(by).filter(pk=jurisdiction.pk).exists()
    if jurisdiction.level not in levels or not own:
        raise ValidationError(
            {
                "jurisdiction": _(
                    "只能为本县（市、区）人大常委会或所属乡镇人大主席团制定监督工作计划。"
                )
            }
        )


def _check_one_per_year(jurisdiction: Jurisdiction, year: int, exclude: int | None = None) -> None:
    others = Plan.objects.filter(jurisdiction=jurisdiction, year=year).exclude(pk=exclude)
    if others.exists():
        raise ValidationError(
            {
                "year": _("%(body)s已有%(year)s年度的监督工作计划。")
                % {"body": jurisdiction, "year": year}
            }
        )


def _check_draft(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("监督工作计划已经通过，不能再修改。"))


def _locked(plan: Plan) -> Plan:
    """The plan, locked: two clicks on 通过 or 公布 must not both pass the status check."""
    locked: Plan = Plan.objects.select_for_update().get(pk=plan.pk)
    return locked


@transaction.atomic
def plan_create(
    *, jurisdiction: Jurisdiction, year: int, title: str, notes: str = "", by: User
) -> Plan:
    _check_jurisdiction(jurisdiction, by)
    _check_one_per_year(jurisdiction, year)
    plan = Plan(
        jurisdiction=jurisdiction, year=year, title=title.strip(), notes=notes, created_by=by
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, title: str, year: int, notes: str = "", by: User) -> Plan:
    plan = _locked(plan)
    _check_draft(plan)
    _check_one_per_year(plan.jurisdiction, year, exclude=plan.pk)
    plan.title, plan.year, plan.notes = title.strip(), year, notes
    plan.full_clean()
    plan.save(update_fields=["title", "year", "notes"])
    return plan


@transaction.atomic
def plan_adopt(*, plan: Plan, adopted_on: dt.date | None, document_number: str, by: User) -> Plan:
    """The standing committee (or the presidium) adopts the plan at a meeting."""
    plan = _locked(plan)
    _check_draft(plan)
    errors: dict[str, str] = {}
    if adopted_on is None:
        errors["adopted_on"] = _("请填写通过日期。")
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = _("通过日期不能晚于今天。")
    if not document_number.strip():
        errors["document_number"] = _("请填写计划的文号。")
    if errors:
        raise ValidationError(errors)
    if not plan.items.exists():
        raise ValidationError(_("计划中还没有监督事项，不能通过。"))
    plan.status = Plan.Status.ADOPTED
    plan.adopted_on = adopted_on
    plan.document_number = document_number.strip()
    plan.full_clean()
    plan.save(update_fields=["status", "adopted_on", "document_number"])
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, published_on: dt.date | None = None, by: User) -> Plan:
    """Make the adopted plan known to deputies and the public."""
    plan = _locked(plan)
    if plan.status == Plan.Status.DRAFT:
        raise ValidationError(_("监督工作计划通过后才能公布。"))
    if plan.status == Plan.Status.PUBLISHED:
        raise ValidationError(_("监督工作计划已经公布。"))
    published_on = published_on or timezone.localdate()
    assert plan.adopted_on is not None  # an adopted plan always has its date
    if published_on < plan.adopted_on:
        raise ValidationError({"published_on": _("公布日期不能早于通过日期。")})
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": _("公布日期不能晚于今天。")})
    plan.status = Plan.Status.PUBLISHED
    plan.published_on = published_on
    plan.save(update_fields=["status", "published_on"])
    return plan


# --- Items ----------------------------------------------------------------------------------------


def _check_item(plan: Plan, fields: dict[str, Any], item: Item | None = None) -> dict[str, Any]:
    """The item's plan-level fields, checked together; returns them with the inspection fields
    blanked for any other kind, so that a changed kind leaves no stray inspection data."""
    errors: dict[str, str] = {}
    unit: Unit = fields["unit"]
    below = Jurisdiction.objects.subtree(plan.jurisdiction_id)
    if not below.filter(pk=unit.jurisdiction_id).exists():
        errors["unit"] = _("被监督单位应属于%(body)s或其下辖的行政区划。") % {
            "body": plan.jurisdiction
        }
    kind = fields["kind"]
    if kind == Kind.INSPECTION:
        if not str(fields.get("law") or "").strip():
            errors["law"] = _("执法检查须写明检查的法律法规。")
    else:
        fields = {**fields, **INSPECTION_BLANK}
    joined_to: Item | None = fields.get("joined_to")
    if joined_to is not None:
        if kind != Kind.INQUIRY:
            errors["joined_to"] = _("只有专题询问可以结合审议一项工作报告。")
        elif joined_to.plan_id != plan.pk or joined_to.kind != Kind.WORK_REPORT:
            errors["joined_to"] = _("结合审议的应是本计划中的一项专项工作报告。")
        elif item is not None and joined_to.pk == item.pk:
            errors["joined_to"] = _("监督事项不能结合审议自身。")
    if item is not None and kind != Kind.WORK_REPORT and item.joined_items.exists():
        errors["kind"] = _("已有专题询问结合审议该报告，不能改为其他监督形式。")
    if errors:
        raise ValidationError(errors)
    return fields


def _started(item: Item) -> bool:
    """Whether the item has begun its lifecycle: a step beyond the plan, a poll, or the
    preparation (research, report versions) recorded."""
    return (
        item.state != Item.State.PLANNED
        or item.report_poll_id is not None
        or item.research.exists()
        or item.versions.exists()
    )


def _check_started(item: Item, changes: dict[str, Any]) -> None:
    """Refuse a change of the kind, the unit or the joined report once the item has started."""
    changed = [
        name
        for name in STARTED_FIXED
        if name in changes and _key(changes[name]) != _key(getattr(item, name))
    ]
    if changed and _started(item):
        message = _("监督事项已开始办理，不能再修改此项。")
        raise ValidationError({name: message for name in changed})


def _key(value: Any) -> Any:
    # A related row compares by its key: the form passes a fresh instance or None.
    return value.pk if hasattr(value, "pk") else value


def _clean(item: Item) -> None:
    # The model's own field checks (lengths, month 1–12, choices) in Chinese, keyed by field.
    item.full_clean(exclude=["plan", "created_by", "follows", "report_poll"])


@transaction.atomic
def item_add(
    *,
    plan: Plan,
    kind: str,
    title: str,
    unit: Unit,
    office: str,
    planned_month: int,
    source: str,
    source_note: str = "",
    law: str = "",
    inspection_group: str = "",
    inspection_places: str = "",
    inspection_methods: Iterable[str] = (),
    joined_to: Item | None = None,
    reason: str = "",
    by: User,
) -> Item:
    """An item of the plan; once the plan is adopted only with the reason it is added (增补)."""
    plan = _locked(plan)
    after_adoption = plan.is_adopted
    if after_adoption and not reason.strip():
        raise ValidationError({"reason": _("计划通过后增补监督事项，须说明增补理由。")})
    fields = _check_item(
        plan,
        {
            "kind": kind,
            "title": title.strip(),
            "unit": unit,
            "office": office.strip(),
            "planned_month": planned_month,
            "source": source,
            "source_note": source_note,
            "law": law.strip(),
            "inspection_group": inspection_group,
            "inspection_places": inspection_places,
            "inspection_methods": list(inspection_methods),
            "joined_to": joined_to,
        },
    )
    item = Item(plan=plan, added_after_adoption=after_adoption, created_by=by, **fields)
    _clean(item)
    item.save()
    if after_adoption:
        ItemChange.objects.create(
            item=item,
            kind=ItemChange.Kind.ADDED,
            to_month=item.planned_month,
            reason=reason.strip(),
            changed_by=by,
        )
    return state_refresh(item=item)


@transaction.atomic
def item_update(*, item: Item, by: User, **changes: Any) -> Item:
    """Correct an item's plan-level fields. Once the plan is adopted its month changes only by
    `item_move`, which records why."""
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"item_update() got unexpected fields: {sorted(unknown)}")
    item = Item.objects.select_for_update().select_related("plan").get(pk=item.pk)
    if item.state == Item.State.CLOSED:
        raise ValidationError(_("监督事项已经办结，不能再修改。"))
    month = changes.get("planned_month", item.planned_month)
    if item.plan.is_adopted and month != item.planned_month:
        raise ValidationError(
            {"planned_month": _("计划通过后调整审议月份须说明理由，请使用“调整月份”。")}
        )
    _check_started(item, changes)
    current = {name: getattr(item, name) for name in ITEM_FIELDS}
    fields = _check_item(item.plan, {**current, **changes}, item=item)
    for name, value in fields.items():
        if isinstance(value, str) and name != "source_note":
            value = value.strip()
        setattr(item, name, value)
    _clean(item)
    item.save(update_fields=list(ITEM_FIELDS))
    # The kind decides which steps the state counts (a resolution's hearing is its sending).
    return state_refresh(item=item)


@transaction.atomic
def item_move(*, item: Item, planned_month: int, reason: str, by: User) -> Item:
    """Move the item to another month of the plan (调整审议月份), with the reason recorded."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.heard_on is not None:
        raise ValidationError(_("该监督事项已经审议，不能再调整审议月份。"))
    errors: dict[str, str] = {}
    if not 1 <= planned_month <= 12:
        errors["planned_month"] = _("月份应在1至12之间。")
    elif planned_month == item.planned_month:
        errors["planned_month"] = _("新的审议月份与原月份相同。")
    if not reason.strip():
        errors["reason"] = _("请说明调整理由。")
    if errors:
        raise ValidationError(errors)
    ItemChange.objects.create(
        item=item,
        kind=ItemChange.Kind.MOVED,
        from_month=item.planned_month,
        to_month=planned_month,
        reason=reason.strip(),
        changed_by=by,
    )
    item.planned_month = planned_month
    item.save(update_fields=["planned_month"])
    return item
