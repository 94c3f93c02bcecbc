import pytest
from django.urls import reverse

from tests.core.factories import UnitFactory


def test_every_page_but_login_and_healthz_needs_a_login(client, world):
    for url in [
        reverse("core:unit_list"),
        reverse("core:jurisdiction_list"),
        reverse("core:unit_detail", args=[world.unit_a.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("admin_user", "管理员首页"),
        ("staff_a", "工作人员首页"),
        ("deputy_a", "代表首页"),
        ("liaison_a", "承办单位首页"),
    ],
)
def test_each_role_has_its_home_page(request, client_for, persona, heading):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_liaison_home_names_their_unit(client_for, liaison_a):
    assert "沅陵县财政局" in client_for(liaison_a).get(reverse("home")).content.decode()


def test_staff_home_counts_only_their_scope(client_for, staff_a, world):
    figures = client_for(staff_a).get(reverse("home")).context["summary"]["core"]
    assert figures["units"] == 2
    assert figures["townships"] == 1


def test_unit_list_shows_only_own_county(client_for, staff_a, world):
    body = client_for(staff_a).get(reverse("core:unit_list")).content.decode()
    assert "沅陵县财政局" in body and "官庄镇人民政府" in body
    assert "辰溪县财政局" not in body


def test_unit_list_filters_by_kind_and_name(client_for, staff_a, world):
    client = client_for(staff_a)
    body = client.get(reverse("core:unit_list"), {"kind": "township"}).content.decode()
    assert "官庄镇人民政府" in body and "沅陵县财政局" not in body
    body = client.get(reverse("core:unit_list"), {"q": "财政"}).content.decode()
    assert "沅陵县财政局" in body and "官庄镇人民政府" not in body


def test_unit_list_rejects_a_jurisdiction_outside_scope(client_for, outsider, world):
    response = client_for(outsider).get(
        reverse("core:unit_list"), {"jurisdiction": world.county_a.pk}
    )
    body = response.content.decode()
    assert "沅陵县财政局" not in body
    assert "选择一个有效的选项" in body


def test_outsider_cannot_open_county_a_records(client_for, outsider, world):
    client = client_for(outsider)
    assert client.get(reverse("core:unit_detail", args=[world.unit_a.pk])).status_code == 404
    assert (
        client.get(reverse("core:unit_detail", args=[world.township_unit_a.pk])).status_code == 404
    )
    assert (
        client.get(reverse("core:jurisdiction_detail", args=[world.county_a.pk])).status_code == 404
    )
    assert (
        client.get(reverse("core:jurisdiction_detail", args=[world.township_a.pk])).status_code
        == 404
    )
    body = client.get(reverse("core:jurisdiction_list")).content.decode()
    assert "沅陵县" not in body and "辰溪县" in body


def test_outsider_404_page_is_chinese(client_for, outsider, world):
    response = client_for(outsider).get(reverse("core:unit_detail", args=[world.unit_a.pk]))
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize("persona", ["deputy_a", "liaison_a"])
def test_deputies_and_liaisons_may_not_browse_units(request, client_for, persona, world):
    client = client_for(request.getfixturevalue(persona))
    for url in [
        reverse("core:unit_list"),
        reverse("core:unit_detail", args=[world.unit_a.pk]),
        reverse("core:jurisdiction_list"),
    ]:
        response = client.get(url)
        assert response.status_code == 403
        assert "无权访问" in response.content.decode()


def test_unit_detail_shows_history(client_for, staff_a, world):
    body = (
        client_for(staff_a)
        .get(reverse("core:unit_detail", args=[world.unit_a.pk]))
        .content.decode()
    )
    assert "修改记录" in body and "创建" in body


def test_municipal_admin_opens_any_county(client_for, admin_user, world):
    client = client_for(admin_user)
    assert client.get(reverse("core:unit_detail", args=[world.unit_b.pk])).status_code == 200
    assert client.get(reverse("core:unit_detail", args=[world.unit_a.pk])).status_code == 200


def test_unit_list_query_count_does_not_grow_with_rows(
    client_for, staff_a, world, django_assert_num_queries
):
    client = client_for(staff_a)
    url = reverse("core:unit_list")
    client.get(url)  # warm the session
    # session, user, count, page of units with their jurisdiction, filter's jurisdiction choices,
    # unread notifications; no session write (core.middleware.SessionRenewalMiddleware)
    with django_assert_num_queries(6):
        client.get(url)
    UnitFactory.create_batch(30, jurisdiction=world.county_a)
    with django_assert_num_queries(6):
        client.get(url)


def test_pages_are_chinese_by_default_and_switch_to_english(client, staff_a):
    client.force_login(staff_a)
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in body
    assert "Staff home" in body


def test_chinese_even_for_an_english_browser_until_switched(client, staff_a):
    client.force_login(staff_a)
    body = client.get(
        reverse("home"), headers={"Accept-Language": "en-US,en;q=0.9"}
    ).content.decode()
    assert '<html lang="zh-hans">' in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home"), headers={"Accept-Language": "zh-CN"}).content.decode()
    assert '<html lang="en">' in body
