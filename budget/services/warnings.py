"""The rules run on the figures, and the office's decision on what they raise.

Raising is idempotent: a warning is found again by its key (what the rule looked at), so running
the rules twice on the same figures changes nothing. A warning still open that the new figures no
longer raise is withdrawn; one the office already decided is kept as decided.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.formatting import money_text
from core.models import Jurisdiction, Unit

from .. import rules
from ..models import Budget, Extract, Problem, Snapshot, Warning
from .settings import county_setting

Rule = Warning.Rule
EXECUTION_RULES = (Rule.BEHIND, Rule.AHEAD, Rule.UNBUDGETED, Rule.LAST_MONTH)
BATCH = 2000
FIGURES = ("budget", "executed", "pace", "detail", "agency", "subject_id", "month")


def _sync(jurisdiction: Jurisdiction, year: int, scope: Q, raised: dict[str, Warning]) -> int:
    """Make the open warnings within `scope` exactly those raised; returns how many are new."""
    existing = {
        w.key: w for w in Warning.objects.filter(scope, jurisdiction=jurisdiction, year=year)
    }
    stale = [w.pk for k, w in existing.items() if k not in raised and w.status == "open"]
    Warning.objects.filter(pk__in=stale).delete()
    new = [w for k, w in raised.items() if k not in existing]
    Warning.objects.bulk_create(new, batch_size=BATCH)
    changed = []
    for key, warning in raised.items():
        old = existing.get(key)
        if old is None or old.status != "open":
            continue
        if any(getattr(old, f) != getattr(warning, f) for f in FIGURES):
            for name in FIGURES:
                setattr(old, name, getattr(warning, name))
            changed.append(old)
    Warning.objects.bulk_update(changed, FIGURES, batch_size=BATCH)
    return len(new)


def _pace_detail(verdict: str, value: Decimal | None, low: int, high: int) -> str:
    if verdict == Rule.UNBUDGETED:
        return _("无预算安排却有支出")
    if verdict == Rule.BEHIND:
        return _("执行进度为时间进度的 %(pace)s%%，低于 %(low)s%%") % {"pace": value, "low": low}
    return _("执行进度为时间进度的 %(pace)s%%，高于 %(high)s%%") % {"pace": value, "high": high}


def execution_warnings_refresh(*, snapshot: Snapshot) -> int:
    """Run the execution rules on a month's rows; returns how many warnings are new."""
    setting = county_setting(snapshot.jurisdiction)
    as_of = snapshot.as_of
    month, year = snapshot.month, snapshot.year
    check_pace = rules.pace_checked(month, every_month=setting.pace_every_month)
    november: dict[tuple[str, str], Decimal] = {}
    if month == 12:
        rows = Snapshot.objects.filter(jurisdiction=snapshot.jurisdiction, year=year, month=11)
        november = {
            (agency, code): executed
            for agency, code, executed in rows.values_list(
                "rows__agency", "rows__subject_id", "rows__executed"
            )
            if agency is not None
        }
    raised: dict[str, Warning] = {}
    figures = snapshot.rows.values_list("agency", "subject_id", "budget", "executed")
    for agency, code, budget, executed in figures.iterator(chunk_size=BATCH):
        verdict = rules.pace_warning(
            budget, executed, as_of, low=setting.pace_low, high=setting.pace_high
        )
        if verdict is not None and (verdict == Rule.UNBUDGETED or check_pace):
            pace = rules.pace(budget, executed, as_of)
            value = None if pace is None else rules.fraction_to_decimal(pace)
            key = f"{verdict}:{month}:{agency}:{code}"
            raised[key] = Warning(
                jurisdiction=snapshot.jurisdiction,
                year=year,
                month=month,
                rule=verdict,
                key=key,
                agency=agency,
                subject_id=code,
                budget=budget,
                executed=executed,
                pace=value,
                detail=_pace_detail(verdict, value, setting.pace_low, setting.pace_high),
            )
        if month == 12 and rules.last_month_warning(
            budget,
            november.get((agency, str(code)), Decimal("0")),
            executed,
            share=setting.last_month_share,
        ):
            key = f"{Rule.LAST_MONTH}:{agency}:{code}"
            raised[key] = Warning(
                jurisdiction=snapshot.jurisdiction,
                year=year,
                month=month,
                rule=Rule.LAST_MONTH,
                key=key,
                agency=agency,
                subject_id=code,
                budget=budget,
                executed=executed,
                detail=_("12月单月支出超过预算的 %(share)s%%")
                % {"share": setting.last_month_share},
            )
    scope = Q(month=month, rule__in=EXECUTION_RULES)
    return _sync(snapshot.jurisdiction, year, scope, raised)


def adjustment_warnings_refresh(*, budget: Budget) -> int:
    """Lines changed beyond the county's share without an approval (预算调整未经批准)."""
    setting = county_setting(budget.jurisdiction)
    approved: dict[str, Decimal] = {}
    recorded: dict[str, Decimal] = {}
    for adjustment in budget.adjustments.all():
        code = adjustment.subject_id
        recorded[code] = recorded.get(code, Decimal("0")) + adjustment.amount
        if adjustment.is_approved:
            approved[code] = approved.get(code, Decimal("0")) + adjustment.amount
    raised: dict[str, Warning] = {}
    for line in budget.lines.all():
        code = line.subject_id
        change = line.adjusted - line.adopted if line.adjusted is not None else recorded.get(code)
        unapproved = (change or Decimal("0")) - approved.get(code, Decimal("0"))
        if rules.adjustment_warning(
            line.adopted, unapproved, approved=False, share=setting.adjustment_share
        ):
            key = f"{Rule.ADJUSTMENT}:{code}"
            raised[key] = Warning(
                jurisdiction=budget.jurisdiction,
                year=budget.year,
                rule=Rule.ADJUSTMENT,
                key=key,
                subject_id=code,
                budget=line.adopted,
                executed=None,
                detail=_("未经批准调整 %(amount)s 元，超过年初预算的 %(share)s%%")
                % {"amount": money_text(unapproved), "share": setting.adjustment_share},
            )
    return _sync(budget.jurisdiction, budget.year, Q(rule=Rule.ADJUSTMENT), raised)


def extract_warnings_raise(*, extracts: Iterable[Extract]) -> int:
    """Each finding matched in from audit, tax or state assets is a warning to weigh."""
    raised = 0
    for extract in extracts:
        key = f"{extract.source}:{extract.number}"
        _warning, created = Warning.objects.update_or_create(
            jurisdiction=extract.jurisdiction,
            year=extract.year,
            key=key,
            defaults={
                "rule": extract.source,
                "agency": extract.agency,
                "executed": extract.amount,
                "detail": extract.description[:500],
            },
        )
        raised += int(created)
    return raised


def _locked_open(warning: Warning) -> Warning:
    locked: Warning = Warning.objects.select_for_update().get(pk=warning.pk)
    if locked.status != Warning.Status.OPEN:
        raise ValidationError(_("该预警已研判，不能重复处理。"))
    return locked


@transaction.atomic
def warning_confirm(
    *,
    warning: Warning,
    title: str,
    unit: Unit,
    due_on: date,
    requirement: str = "",
    on: date | None = None,
    by: User,
) -> Problem:
    """Confirm a warning as a problem and assign it (交办) to a unit with a due date, today
    unless the meeting that decided it is dated `on`."""
    warning = _locked_open(warning)
    today = on or timezone.localdate()
    scope = Unit.objects.filter(
        Q(jurisdiction=warning.jurisdiction) | Q(jurisdiction__parent=warning.jurisdiction)
    )
    if not scope.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("责任单位应属于本行政区划。")})
    if due_on < today:
        raise ValidationError({"due_on": _("整改期限不能早于今天。")})
    problem = Problem(
        warning=warning,
        jurisdiction=warning.jurisdiction,
        year=warning.year,
        title=title.strip(),
        requirement=requirement.strip(),
        unit=unit,
        due_on=due_on,
        assigned_by=by,
        assigned_on=today,
    )
    problem.full_clean()
    problem.save()
    warning.status = Warning.Status.CONFIRMED
    warning.decided_by = by
    warning.decided_on = today
    warning.reason = requirement.strip()
    warning.save(update_fields=["status", "decided_by", "decided_on", "reason"])
    return problem


@transaction.atomic
def warning_dismiss(*, warning: Warning, reason: str, by: User) -> Warning:
    """Dismiss a warning (排除), with the reason it is not a problem."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写排除理由。")})
    warning = _locked_open(warning)
    warning.status = Warning.Status.DISMISSED
    warning.reason = reason.strip()
    warning.decided_by = by
    warning.decided_on = timezone.localdate()
    warning.save(update_fields=["status", "reason", "decided_by", "decided_on"])
    return warning
