from django.urls import reverse


def menu(client_for, user, path="home"):
    items = client_for(user).get(reverse(path)).context["nav_items"]
    return {item.label: [child.label for child in item.children] for item in items}


def test_staff_menu_is_grouped(client_for, staff_a):
    groups = menu(client_for, staff_a)
    assert list(groups) == [
        "首页",
        "代表工作",
        "常委会监督",
        "预算审查监督",
        "工作评议",
        "立法联系与专家",
        "民生实事",
        "投票测评",
        "报表与数据",
    ]
    assert "群众意见" in groups["代表工作"] and "季度报告" in groups["报表与数据"]
    assert groups["常委会监督"] == ["监督计划", "监督事项", "应询承诺", "选题线索"]
    assert "后台管理" not in groups["报表与数据"]  # staff do not use the Django admin


def test_deputy_menu_is_short_for_a_phone(client_for, deputy_a):
    assert list(menu(client_for, deputy_a)) == [
        "首页",
        "记录履职",
        "我的履职",
        "我的投票",
        "我的建议",
        "我的履职档案",
        "常委会监督",
        "预算审查监督",
        "立法联系与专家",
        "民生实事",
    ]
    groups = menu(client_for, deputy_a)
    # Deputies read budgets, townships' reviews, the funds they evaluate and consultations; the
    # office's working records (warnings, imports, the dashboard) are not theirs.
    assert groups["预算审查监督"] == ["预算与执行", "乡镇预算审查", "两问四评"]
    assert "专家库会议" not in groups["立法联系与专家"]


def test_liaison_menu(client_for, liaison_a):
    groups = menu(client_for, liaison_a)
    assert list(groups) == [
        "首页",
        "待办意见/建议",
        "常委会监督",
        "预算审查监督",
        "工作评议",
        "民生实事",
    ]
    assert groups["预算审查监督"] == ["问题整改"]  # their unit's problems, to answer
    assert "履职评议" not in groups["工作评议"]
    assert "选题线索" not in groups["常委会监督"]


def test_active_group_is_marked(client_for, staff_a):
    items = client_for(staff_a).get(reverse("core:unit_list")).context["nav_items"]
    active = [item.label for item in items if item.active]
    assert active == ["报表与数据"]
