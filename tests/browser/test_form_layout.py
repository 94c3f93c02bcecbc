"""Choice inputs as drawn: on a phone every radio and checkbox of a form can be tapped (the point at
its centre is the input or its label, not something on top of it), and a long checkbox group
does not stretch the page to thousands of pixels."""

from datetime import date

import pytest

from deputies.models import Opinion, Suggestion
from evaluations.models import AuditProblem
from tests.accounts.factories import PASSWORD
from tests.deputies.factories import (
    DeputyFactory,
    OpinionFactory,
    StationFactory,
    SuggestionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each input matched by `selector`: is the element at the centre of the input the input
# itself or its own label, and is that label wider than tall? Scrolled into view first, as a finger would (instantly: Bootstrap
# makes scrolling smooth, and a smooth scroll has not arrived when the point is taken).
HIT_TEST = """(selector) => [...document.querySelectorAll(selector)].map((input) => {
  input.scrollIntoView({block: "center", behavior: "instant"});
  const box = input.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  const label = input.id && document.querySelector(`label[for="${input.id}"]`);
  const ok = hit === input || (label && (hit === label || label.contains(hit)));
  const text = label ? label.getBoundingClientRect() : {width: 0, height: 1};
  return {
    id: input.id, ok, width: box.width, hit: hit && hit.outerHTML.slice(0, 80),
    reads_across: text.width > text.height,
  };
})"""


def _log_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _assert_tappable(page, selector, expected):
    inputs = page.evaluate(HIT_TEST, selector)
    assert len(inputs) == expected, inputs
    # Tappable, and labelled by text that reads across (piled up, it stood one character a line).
    bad = [i for i in inputs if not (i["ok"] and i["width"] >= 12 and i["reads_across"])]
    assert not bad, bad


def test_every_radio_of_the_opinion_rating_is_tappable_on_a_phone(
    live_server, page, world, staff_a
):
    opinion = OpinionFactory(
        station=StationFactory(county=world.county_a),
        status=Opinion.Status.ANSWERED,
        answer="已当场解释政策。",
    )
    _log_in(page, live_server.url, staff_a)
    page.goto(f"{live_server.url}/deputies/opinions/{opinion.pk}/")
    _assert_tappable(page, 'input[name="satisfaction"]', 3)
    # The options stand one under another, each on its own line, label beside its radio.
    boxes = [
        page.get_by_label(text, exact=True).bounding_box()
        for text in ("满意", "基本满意", "不满意")
    ]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    page.get_by_label("基本满意", exact=True).check()
    page.get_by_role("button", name="保存").click()
    opinion.refresh_from_db()
    assert opinion.satisfaction == "basically"


def test_a_deputy_can_tap_each_rating_of_the_reply_to_their_suggestion(
    live_server, page, world, deputy_a
):
    suggestion = SuggestionFactory(
        deputy=DeputyFactory(county=world.county_a, user=deputy_a),
        status=Suggestion.Status.REPLIED,
        reply="已列入明年计划。",
        result_class=Suggestion.ResultClass.B,
    )
    _log_in(page, live_server.url, deputy_a)
    page.goto(f"{live_server.url}/deputies/suggestions/{suggestion.pk}/")
    _assert_tappable(page, 'input[name="satisfaction"]', 3)
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交测评").click()
    suggestion.refresh_from_db()
    assert suggestion.satisfaction == "satisfied"


def test_the_monthly_joint_review_lays_forty_problems_out_compactly(
    live_server, page, world, staff_a
):
    AuditProblem.objects.bulk_create(
        AuditProblem(
            jurisdiction=world.county_a,
            unit=world.unit_a,
            year=2023,
            number=f"{n:02d}",
            area="预算执行",
            description=f"部分专项资金未及时拨付（第{n}项）",
            deadline=date(2024, 6, 30),
        )
        for n in range(1, 41)
    )
    _log_in(page, live_server.url, staff_a)
    page.goto(f"{live_server.url}/evaluations/audit/reviews/new/")
    _assert_tappable(page, 'input[name="problems"]', 40)
    # One line per problem on a phone (it was 11,000 px when each wrapped a character a line).
    assert page.evaluate("document.documentElement.scrollHeight") < 2600
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.evaluate("document.documentElement.scrollHeight") < 1700
    _assert_tappable(page, 'input[name="problems"]', 40)
