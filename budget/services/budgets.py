"""Writes of budgets: the subjects of the classification, a budget and its lines, adjustments,
the government debt."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Jurisdiction

from .. import rules
from ..models import Adjustment, Budget, Debt, Line, Subject
from .warnings import adjustment_warnings_refresh


@dataclass(frozen=True)
class LineRow:
    code: str
    name: str
    adopted: Decimal
    adjusted: Decimal | None = None
    final: Decimal | None = None


def subjects_ensure(pairs: Iterable[tuple[str, str]]) -> None:
    """Create the codes not yet known, parents first, each under its parent when that is known.
    A known code keeps its name: the classification is one for every county."""
    wanted = dict(pairs)
    known = set(Subject.objects.filter(code__in=wanted).values_list("code", flat=True))
    missing = sorted(set(wanted) - known, key=lambda c: (len(c), c))
    if not missing:
        return
    parents = {rules.parent_code(c) for c in missing} - {None}
    have = set(Subject.objects.filter(code__in=parents).values_list("code", flat=True))
    for code in missing:
        parent = rules.parent_code(code)
        Subject.objects.create(
            code=code,
            name=wanted[code],
            parent_id=parent if parent in have else None,
        )
        have.add(code)


def _refuse_tree(amounts: dict[str, Decimal], label: str) -> None:
    mismatches = rules.tree_mismatches(amounts)
    if mismatches:
        raise ValidationError(
            [
                _(
                    "%(label)s：科目 %(code)s 为 %(amount)s 元，下级科目（%(children)s）合计 %(sum)s 元"
                )
                % {
                    "label": label,
                    "code": m.code,
                    "amount": m.amount,
                    "children": "、".join(m.children),
                    "sum": m.children_sum,
                }
                for m in mismatches
            ]
        )


def check_tree(rows: Sequence[LineRow]) -> None:
    """Refuse lines whose parents are not the sums of their children, naming them. A line not
    adjusted stands at its adopted amount; final accounts are checked among the lines given."""
    _refuse_tree({r.code: r.adopted for r in rows}, _("年初预算数"))
    if any(r.adjusted is not None for r in rows):
        current = {r.code: r.adjusted if r.adjusted is not None else r.adopted for r in rows}
        _refuse_tree(current, _("调整预算数"))
    _refuse_tree({r.code: r.final for r in rows if r.final is not None}, _("决算数"))


@transaction.atomic
def budget_save(
    *,
    jurisdiction: Jurisdiction,
    year: int,
    adopted_on: date | None = None,
    adopted_by: str = "",
    document_number: str = "",
    by: User,
) -> Budget:
    """The jurisdiction's budget of the year, created or its approval updated."""
    budget = Budget.objects.select_for_update().filter(jurisdiction=jurisdiction, year=year).first()
    budget = budget or Budget(jurisdiction=jurisdiction, year=year)
    budget.adopted_on = adopted_on
    budget.adopted_by = adopted_by.strip()
    budget.document_number = document_number.strip()
    budget.full_clean()
    budget.save()
    return budget


def budget_ensure(*, jurisdiction: Jurisdiction, year: int, by: User) -> Budget:
    """The year's budget, created without its approval when the lines come first."""
    budget, _created = Budget.objects.get_or_create(jurisdiction=jurisdiction, year=year)
    return budget


@transaction.atomic
def lines_write(*, budget: Budget, rows: Sequence[LineRow], by: User) -> dict[str, int]:
    """Write lines by code: new codes created, changed ones updated, the same left alone."""
    check_tree(rows)
    subjects_ensure((r.code, r.name) for r in rows)
    existing = {line.subject_id: line for line in budget.lines.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        line = existing.get(row.code)
        values = {"adopted": row.adopted, "adjusted": row.adjusted, "final": row.final}
        if line is None:
            Line.objects.create(budget=budget, subject_id=row.code, **values)
            counts["created"] += 1
        elif any(getattr(line, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(line, name, value)
            line.save(update_fields=list(values))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    adjustment_warnings_refresh(budget=budget)
    return counts


@transaction.atomic
def line_save(
    *,
    budget: Budget,
    code: str,
    name: str,
    adopted: Decimal,
    adjusted: Decimal | None = None,
    final: Decimal | None = None,
    by: User,
) -> Line:
    """One line entered by hand (a small township's budget); the tree must still add up."""
    if rules.code_level(code) is None:
        raise ValidationError({"code": _("科目编码应为3、5或7位数字。")})
    rows = {
        line.subject_id: LineRow(line.subject_id, "", line.adopted, line.adjusted, line.final)
        for line in budget.lines.all()
    }
    rows[code] = LineRow(code, name, adopted, adjusted, final)
    check_tree(list(rows.values()))
    subjects_ensure([(code, name)])
    line, _created = Line.objects.update_or_create(
        budget=budget,
        subject_id=code,
        defaults={"adopted": adopted, "adjusted": adjusted, "final": final},
    )
    adjustment_warnings_refresh(budget=budget)
    return line


@transaction.atomic
def adjustment_record(
    *,
    budget: Budget,
    code: str,
    amount: Decimal,
    reason: str,
    approved_by: str = "",
    approved_on: date | None = None,
    document_number: str = "",
    by: User,
) -> Adjustment:
    """An adjustment of a line; without an approval the adjustment rule weighs it."""
    if not budget.lines.filter(subject_id=code).exists():
        raise ValidationError({"code": _("本预算没有科目 %(code)s。") % {"code": code}})
    if amount == 0:
        raise ValidationError({"amount": _("调整金额不能为 0。")})
    if bool(approved_on) != bool(document_number.strip()):
        raise ValidationError({"document_number": _("已批准的调整应同时填写批准日期和批准文号。")})
    adjustment = Adjustment(
        budget=budget,
        subject_id=code,
        amount=amount,
        reason=reason.strip(),
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        document_number=document_number.strip(),
        recorded_by=by,
    )
    adjustment.full_clean()
    adjustment.save()
    adjustment_warnings_refresh(budget=budget)
    return adjustment


@transaction.atomic
def debt_save(
    *,
    budget: Budget,
    kind: str,
    limit: Decimal,
    balance: Decimal,
    issued: Decimal = Decimal("0"),
    by: User,
) -> Debt:
    """The year-end debt of one kind (一般债务 or 专项债务), entered or corrected. A balance above
    the limit is recorded as it is: the page flags it, the committee asks about it."""
    if kind not in Debt.Kind.values:
        raise ValidationError({"kind": _("请选择债务类型。")})
    if min(limit, balance, issued) < 0:
        raise ValidationError(_("债务金额不能为负数。"))
    if issued > balance:
        raise ValidationError({"issued": _("当年新增债务不能超过债务余额。")})
    debt = Debt.objects.select_for_update().filter(budget=budget, kind=kind).first()
    debt = debt or Debt(budget=budget, kind=kind)
    debt.limit, debt.balance, debt.issued = limit, balance, issued
    debt.full_clean()
    debt.save()
    return debt
