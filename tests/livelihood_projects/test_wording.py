"""A lag warning says what trails what, with figures written like every other figure."""

from decimal import Decimal

from livelihood_projects.rules import Lag


def test_lag_reasons_read_as_sentences():
    lag = Lag(elapsed=Decimal("80.0"), progress_lag=Decimal("50.0"), spending_lag=Decimal("32.5"))
    assert lag.reasons == [
        "进度落后时间进度 50 个百分点",
        "资金支付落后时间进度 32.5 个百分点",
    ]
