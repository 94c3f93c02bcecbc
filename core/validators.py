"""The bounds a year, a date, a count or a phone number of the portal may have, with the message
people read when a value falls outside them.

One home for them: model fields take these validators, so ModelForms, the admin and the Excel
imports (`core.exchange.importers.check_fits` runs a field's validators) inherit the bounds;
plain forms that mirror a model use the same validators; `bounds()` gives the database the same limits as
CHECK constraints, for writes that skip validation.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db.models import BaseConstraint, CheckConstraint, F, Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Supervision records of this portal start with its predecessors' paper files around 2000; a
# year or day outside this range is a typing slip (1900, 2999), never a real record.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
EARLIEST_DATE = dt.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = dt.date(LATEST_YEAR, 12, 31)

# People at one visit or activity, and ballots or votes in one count: a county has a few hundred
# deputies and a public meeting a few thousand people, so these are slips of the keyboard.
PEOPLE_MAX = 10_000
VOTES_MAX = 100_000
PERCENT_MAX = 100


year_validators = [
    MinValueValidator(EARLIEST_YEAR, _("年度不能早于 %(limit_value)s 年。")),
    MaxValueValidator(LATEST_YEAR, _("年度不能晚于 %(limit_value)s 年。")),
]


def count_validators(maximum: int) -> list:
    return [
        MinValueValidator(0, _("不能为负数。")),
        MaxValueValidator(maximum, _("数值过大，不能超过 %(limit_value)s。")),
    ]


people_validators = count_validators(PEOPLE_MAX)
votes_validators = count_validators(VOTES_MAX)
percent_validators = [
    MinValueValidator(0, _("比例不能为负数。")),
    MaxValueValidator(PERCENT_MAX, _("比例不能超过 %(limit_value)s%%。")),
]


@deconstructible
class DateInRange:
    """A date (or the day of a date-time) between EARLIEST_DATE and LATEST_DATE."""

    def __call__(self, value):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(
                _("日期应在 %(start)s 年至 %(end)s 年之间。"),
                code="date_out_of_range",
                params={"start": EARLIEST_YEAR, "end": LATEST_YEAR},
            )

    def __eq__(self, other):
        return isinstance(other, DateInRange)

    def __hash__(self):
        return hash(DateInRange)


date_validators = [DateInRange()]

# Mobile or landline, with an optional area code, extension dashes, spaces or a leading +.
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,18}[0-9]$",
    _("请输入有效的电话号码（数字，可带区号和“-”）。"),
    code="invalid_phone",
)


def bounds(
    prefix: str,
    *,
    years=(),
    dates=(),
    datetimes=(),
    maxima: dict[str, int] | None = None,
    ordered=(),
) -> list[BaseConstraint]:
    """CHECK constraints holding the fields named to the bounds above; `ordered` takes triples
    (earlier, later, message), e.g. a stage's start and end. A NULL passes, as a CHECK does.

    A ModelForm checks them too (Django validates a model's constraints), so `message` is what
    a person sees when a stage ends before it starts."""
    earliest = dt.datetime.combine(EARLIEST_DATE, dt.time.min, tzinfo=dt.UTC)
    latest = dt.datetime.combine(LATEST_DATE, dt.time.max, tzinfo=dt.UTC)
    checks = [(f, Q(**{f"{f}__gte": EARLIEST_YEAR, f"{f}__lte": LATEST_YEAR})) for f in years]
    checks += [(f, Q(**{f"{f}__gte": EARLIEST_DATE, f"{f}__lte": LATEST_DATE})) for f in dates]
    checks += [(f, Q(**{f"{f}__gte": earliest, f"{f}__lte": latest})) for f in datetimes]
    checks += [(f, Q(**{f"{f}__lte": top})) for f, top in (maxima or {}).items()]
    constraints: list[BaseConstraint] = [
        CheckConstraint(
            condition=condition,
            name=f"{prefix}_{field}_in_range",
            violation_error_message=_("填写的数值或日期超出允许范围。"),
        )
        for field, condition in checks
    ]
    constraints += [
        CheckConstraint(
            condition=Q(**{f"{later}__gte": F(earlier)}),
            name=f"{prefix}_{later}_after_{earlier}",
            violation_error_message=message,
        )
        for earlier, later, message in ordered
    ]
    return constraints
