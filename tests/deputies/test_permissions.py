"""Deputy work's named permissions give each persona what the role checks gave: the menu entries,
the home page's panel, and who may answer an opinion or a suggestion."""

import pytest
from django.urls import reverse

from core.registry import menu_entries
from deputies import selectors
from deputies.models import Suggestion
from deputies.permissions import may_rate, may_reply_to, may_reply_to_suggestion

from .factories import OpinionFactory, SuggestionFactory

# Today's menu (the role checks it replaces), per persona: the deputy-work entries each one had.
OFFICE_SECTION = [
    "代表",
    "联络站",
    "履职记录",
    "群众意见",
    "代表建议",
    "活动",
    "履职统计",
    "专项活动",
]
MENU = {
    "admin_user": OFFICE_SECTION,
    "staff_a": OFFICE_SECTION,
    "deputy_a": ["记录履职", "我的履职", "我的建议", "我的履职档案"],
    "liaison_a": ["待办意见/建议"],
}


@pytest.mark.parametrize("persona", sorted(MENU))
def test_menu_entries_keep_their_audience(request, persona):
    user = request.getfixturevalue(persona)
    entries = [e for e in menu_entries if e.url_name.startswith("deputies:")]
    shown = sorted(
        (e.section or "", e.order, str(e.label)) for e in entries if user.has_perm(e.permission)
    )
    assert [label for _section, _order, label in shown] == MENU[persona]


@pytest.mark.parametrize(
    ("persona", "panel"),
    [
        ("admin_user", "office_link"),
        ("staff_a", "office"),
        ("deputy_a", "deputy"),
        ("liaison_a", "unit"),
    ],
)
def test_home_panel_per_persona(request, persona, panel):
    user = request.getfixturevalue(persona)
    assert user.has_perm("deputies.see_home_panel")
    assert selectors.home_figures(user=user)["panel"] == panel


def test_who_may_answer(world, staff_a, admin_user, deputy_a, liaison_a, deputy_record_a):
    ours = OpinionFactory(county=world.county_a, unit=world.unit_a)
    theirs = OpinionFactory(county=world.county_a, unit=world.township_unit_a)
    for user, expected in [(staff_a, True), (admin_user, True), (deputy_a, False)]:
        assert may_reply_to(user, ours) is expected
        assert user.has_perm("deputies.reply_opinion", theirs) is expected
    assert may_reply_to(liaison_a, ours) and not may_reply_to(liaison_a, theirs)

    led = SuggestionFactory(deputy=deputy_record_a, lead_unit=world.unit_a)
    other = SuggestionFactory(deputy=deputy_record_a, lead_unit=world.township_unit_a)
    assert may_reply_to_suggestion(liaison_a, led)
    assert not may_reply_to_suggestion(liaison_a, other)
    assert may_reply_to_suggestion(staff_a, other) and not may_reply_to_suggestion(deputy_a, led)

    # The deputy rates the reply to their own suggestion; the office may record a rating.
    assert may_rate(deputy_a, led) and may_rate(staff_a, led)
    assert not may_rate(liaison_a, led)


def test_outsider_holds_the_office_permissions_but_sees_nothing_of_county_a(
    outsider, world, deputy_record_a
):
    suggestion = SuggestionFactory(deputy=deputy_record_a)
    assert outsider.has_perm("deputies.assign_suggestion")
    # Which records is decided by visibility: the page is a 404 for them (see test_views).
    assert not Suggestion.objects.visible_to(outsider).filter(pk=suggestion.pk).exists()


@pytest.mark.parametrize(
    ("persona", "text"),
    [
        ("admin_user", "代表履职统计"),
        ("staff_a", "年进站履职 0 人次，联络站开展活动 0 次"),
        ("deputy_a", "尚未关联人大代表信息"),
        ("liaison_a", "转交本单位待答复的群众意见 0 件"),
    ],
)
def test_home_page_shows_the_panel_of_each_persona(world, client_for, request, persona, text):
    response = client_for(request.getfixturevalue(persona)).get(reverse("home"))
    assert response.status_code == 200 and text in response.content.decode()
