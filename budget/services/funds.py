"""两问四评 of a major fund: the office creates the fund and runs the public survey, counts the
paper questionnaires, enters the four evaluations on the county's criteria and publishes the
weighted result; the county's admin sets the criteria and the weights."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import throttle
from core.models import Jurisdiction, Unit

from .. import rules
from ..models import (
    Fund,
    FundCriterion,
    FundEvaluation,
    FundResponse,
    FundScore,
    FundSetting,
    FundTally,
)
from ..selectors import funds as selectors

# Answers one client may send in an hour (core/throttle.py counts them): a household's phones
# behind one address, not a script.
RESPONSES_PER_HOUR = 5


def _county_of(by: User, county: Jurisdiction) -> None:
    if county.level != Jurisdiction.Level.COUNTY:
        raise ValidationError(_("两问四评由县（市、区）组织。"))
    if not Jurisdiction.objects.visible_to(by).filter(pk=county.pk).exists():
        raise ValidationError(_("不能为其他县（市、区）操作。"))


# --- The fund ------------------------------------------------------------------------------------


@transaction.atomic
def fund_create(
    *,
    county: Jurisdiction,
    year: int,
    name: str,
    unit: Unit,
    amount: Decimal | None = None,
    description: str = "",
    by: User,
) -> Fund:
    _county_of(by, county)
    if unit.jurisdiction_id != county.pk:
        raise ValidationError({"unit": _("主管单位应为本县（市、区）的单位。")})
    if Fund.objects.filter(county=county, year=year, name=name.strip()).exists():
        raise ValidationError({"name": _("该年度已有同名资金。")})
    fund = Fund(
        county=county,
        year=year,
        name=name.strip(),
        unit=unit,
        amount=amount,
        description=description.strip(),
        created_by=by,
    )
    fund.full_clean()
    fund.save()
    return fund


@transaction.atomic
def fund_survey_set(*, fund: Fund, open: bool, by: User) -> Fund:
    """Open or close the public survey (两问)."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    fund.survey_open = open
    fund.save(update_fields=["survey_open"])
    return fund


@transaction.atomic
def fund_publish(*, fund: Fund, on: dt.date | None = None, by: User) -> Fund:
    """Publish the weighted result as it stands (on `on`, by default today); publishing again
    updates it."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    result = selectors.fund_result(fund)
    if result.result is None:
        raise ValidationError(_("两问四评尚未完成：%(missing)s。") % {"missing": result.missing})
    fund.result = result.result
    fund.published_on = on or timezone.localdate()
    fund.save(update_fields=["result", "published_on"])
    return fund


@transaction.atomic
def fund_unpublish(*, fund: Fund, by: User) -> Fund:
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    fund.published_on = None
    fund.save(update_fields=["published_on"])
    return fund


# --- 两问: the public's answers ---------------------------------------------------------------


@transaction.atomic
def response_submit(
    *, fund: Fund, in_place: str, satisfied: str, comment: str = "", client_key: str
) -> FundResponse:
    """An answer from the survey page, while the survey is open; refused once the same client
    sent the hourly limit's worth."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if not fund.survey_open:
        raise ValidationError(_("问卷已关闭，感谢您的关注。"))
    now = timezone.now()
    throttle.serialize_client(client_key)
    recent = FundResponse.objects.filter(
        client_key=client_key, created_at__gte=now - throttle.WINDOW
    )
    if recent.count() >= RESPONSES_PER_HOUR:
        raise ValidationError(
            _("提交过于频繁：每小时最多提交 %(n)d 份问卷，请稍后再试。")
            % {"n": RESPONSES_PER_HOUR},
            code="rate_limited",
        )
    response = FundResponse(
        fund=fund,
        in_place=in_place,
        satisfied=satisfied,
        comment=comment.strip(),
        client_key=client_key,
        created_at=now,
    )
    response.full_clean()
    response.save()
    # The hash serves the limit only: wiped once the window has passed.
    FundResponse.objects.filter(created_at__lt=now - throttle.WINDOW).exclude(client_key="").update(
        client_key=""
    )
    return response


@transaction.atomic
def tally_record(
    *, fund: Fund, question: str, good: int, fair: int, poor: int, by: User
) -> FundTally:
    """The paper questionnaires' counts for one question, replacing those entered before."""
    if question not in rules.FUND_QUESTIONS:
        raise ValidationError({"question": _("请选择问题。")})
    if min(good, fair, poor) < 0:
        raise ValidationError(_("份数不能为负数。"))
    tally = FundTally.objects.select_for_update().filter(fund=fund, question=question).first()
    tally = tally or FundTally(fund=fund, question=question)
    tally.good, tally.fair, tally.poor, tally.recorded_by = good, fair, poor, by
    tally.full_clean(exclude=["fund", "recorded_by"])
    tally.save()
    return tally


# --- 四评: the four evaluations ---------------------------------------------------------------


@transaction.atomic
def evaluation_record(
    *,
    fund: Fund,
    kind: str,
    evaluator: str,
    evaluated_on: dt.date,
    note: str = "",
    scores: dict[int, Decimal],
    by: User,
) -> FundEvaluation:
    """An evaluation scored on every active criterion of its kind (by criterion id); entering it
    again replaces its scores."""
    criteria = list(selectors.criteria(fund.county_id, kind))
    if not criteria:
        raise ValidationError(_("本县尚未设置该类评价的指标，请管理员先设置。"))
    errors = {}
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None:
            errors[f"c{criterion.pk}"] = _("请填写得分。")
        elif not 0 <= score <= criterion.max_score:
            errors[f"c{criterion.pk}"] = _("得分应在 0 至 %(max)s 之间。") % {
                "max": criterion.max_score.normalize()
            }
    if errors:
        raise ValidationError(errors)
    if not evaluator.strip():
        raise ValidationError({"evaluator": _("请填写评价机构。")})
    evaluation = FundEvaluation.objects.select_for_update().filter(
        fund=fund, kind=kind
    ).first() or FundEvaluation(fund=fund, kind=kind)
    evaluation.evaluator = evaluator.strip()
    evaluation.evaluated_on = evaluated_on
    evaluation.note = note.strip()
    evaluation.recorded_by = by
    evaluation.full_clean(exclude=["fund", "recorded_by"])
    evaluation.save()
    evaluation.scores.all().delete()
    FundScore.objects.bulk_create(
        FundScore(
            evaluation=evaluation,
            criterion=c,
            max_score=c.max_score,
            score=scores[c.pk],
        )
        for c in criteria
    )
    return evaluation


# --- The county's criteria and weights ------------------------------------------------------------


@transaction.atomic
def weights_update(*, county: Jurisdiction, by: User, **weights: int) -> FundSetting:
    _county_of(by, county)
    code = rules.fund_weights_error(weights)
    if code == "sum":
        raise ValidationError(
            _("六项权重之和应为 100%%，现为 %(sum)s%%。") % {"sum": sum(weights.values())}
        )
    if code:
        raise ValidationError(_("每项权重应在 0 至 100 之间。"))
    setting = FundSetting.objects.select_for_update().filter(county=county).first()
    setting = setting or FundSetting(county=county)
    for part, weight in weights.items():
        setattr(setting, part, weight)
    setting.full_clean()
    setting.save()
    return setting


@transaction.atomic
def criterion_save(
    *,
    county: Jurisdiction,
    kind: str,
    name: str,
    max_score: Decimal,
    order: int = 0,
    criterion: FundCriterion | None = None,
    by: User,
) -> FundCriterion:
    """Add a criterion, or change one; a change of the maximum applies to evaluations entered
    after it (those entered keep the maximum they were scored on)."""
    _county_of(by, county)
    if max_score <= 0:
        raise ValidationError({"max_score": _("分值应大于 0。")})
    if criterion is not None and criterion.county_id != county.pk:
        raise ValidationError(_("不能修改其他县（市、区）的指标。"))
    criterion = criterion or FundCriterion(county=county)
    criterion.kind, criterion.name, criterion.max_score = kind, name.strip(), max_score
    criterion.order = order
    criterion.is_active = True
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_retire(*, criterion: FundCriterion, by: User) -> None:
    """Take a criterion out of future evaluations: deleted if never scored, else kept retired so
    the evaluations scored on it still read."""
    _county_of(by, criterion.county)
    if FundScore.objects.filter(criterion=criterion).exists():
        criterion.is_active = False
        criterion.save(update_fields=["is_active"])
    else:
        criterion.delete()
