"""Rows of township budget review and 两问四评 that the page walk opens, by name in
`Records.extra`: a step of the walk county's first township, a fund of the county with its
survey open and a criterion; the demo's published funds are 新晃's."""

from datetime import date
from decimal import Decimal

from accounts.models import Role, User
from budget.models import Fund, FundCriterion
from budget.services import funds, review
from core.models import Jurisdiction, Unit

PUBLISHED_COUNTY = "431227"  # 新晃, whose demo funds are published


def records(county: Jurisdiction, unit: Unit) -> dict:
    staff = User.objects.filter(jurisdiction=county, role=Role.STAFF).order_by("username").first()
    assert staff is not None, "the demo seed has no office user in the county"
    township = Jurisdiction.objects.townships().filter(parent=county).order_by("code").first()
    assert township is not None, "the demo seed has no township"
    step = review.review_record(
        township=township,
        year=2024,
        step="preliminary",
        held_on=date(2023, 12, 26),
        opinions="预算编制基本符合规定，同意提交乡镇人民代表大会审查。",
        by=staff,
    )
    fund = Fund.objects.filter(county=county, name="农村公路养护资金").first()
    if fund is None:
        fund = funds.fund_create(
            county=county, year=2024, name="农村公路养护资金", unit=unit, by=staff
        )
    funds.fund_survey_set(fund=fund, open=True, by=staff)
    criterion = FundCriterion.objects.filter(county=county).first() or FundCriterion.objects.create(
        county=county, kind="finance", name="资金到位及时性", max_score=Decimal(30)
    )
    return {
        "township_review": step,
        "fund": fund,
        "fund_criterion": criterion,
        "published_county": Jurisdiction.objects.get(code=PUBLISHED_COUNTY),
    }
