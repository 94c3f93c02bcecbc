import datetime as dt

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1"
    )


def test_login_page_is_chinese(client, db):
    body = client.get(reverse("login")).content.decode()
    assert "登录" in body and "用户名" in body and '<html lang="zh-hans">' in body


def test_login_and_logout(client, staff_a):
    response = login(client, "staff_a")
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("core:unit_list")).status_code == 302


def test_wrong_password_gets_a_chinese_message_and_keeps_the_username(client, staff_a):
    response = login(client, "staff_a", "wrong-password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "用户名或密码不正确" in body
    assert 'value="staff_a"' in body


def test_lockout_after_repeated_failures_per_username_and_address(client, staff_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "staff_a", "wrong-password")
    response = login(client, "staff_a")  # even the right password is refused now
    assert response.status_code == 429
    assert "账户已暂时锁定" in response.content.decode()
    # The same username from another address is not locked: colleagues behind one NAT differ.
    other = client.post(
        reverse("login"), {"username": "staff_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 302


def _attempt(client, password, **meta):
    return client.post(reverse("login"), {"username": "staff_a", "password": password}, **meta)


@pytest.mark.parametrize(
    "spoof",
    [
        lambda n: {"HTTP_X_FORWARDED_FOR": f"1.2.3.{n}"},
        lambda n: {"HTTP_X_REAL_IP": f"1.2.3.{n}"},
        lambda n: {"HTTP_X_FORWARDED_FOR": f"1.2.3.{n}, 5.6.7.{n}", "HTTP_X_REAL_IP": "9.9.9.9"},
    ],
)
def test_without_trusted_proxies_rotating_address_headers_do_not_escape_a_lockout(
    client, staff_a, settings, spoof
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "wrong-password", REMOTE_ADDR="10.0.0.1", **spoof(n))
    response = _attempt(client, PASSWORD, REMOTE_ADDR="10.0.0.1", **spoof(99))
    assert response.status_code == 429
    # The lockout key is the connection's address: a header elsewhere changes nothing either.
    assert _attempt(client, PASSWORD, REMOTE_ADDR="10.0.0.2", **spoof(0)).status_code == 302


def test_behind_one_proxy_a_lockout_is_per_forwarded_client(client, staff_a, settings):
    """Behind nginx every connection comes from 127.0.0.1; before, five bad passwords from one
    client locked the username out for everyone."""
    settings.TRUSTED_PROXY_COUNT = 1

    def attempt(password, forwarded_for):
        return _attempt(
            client, password, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
        )

    # The attacker writes its own X-Forwarded-For, but nginx appends the real address last.
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong-password", f"10.0.0.{n}, 198.51.100.9")
    assert attempt(PASSWORD, '10.0.0.99, ", 198.51.100.9').status_code == 429
    assert attempt(PASSWORD, "198.51.100.9").status_code == 429
    # The colleague at another address still logs in.
    assert attempt(PASSWORD, "203.0.113.5").status_code == 302


def test_the_client_address_comes_from_the_trusted_proxies_only(rf, settings):
    def address(**meta):
        return get_client_ip_address(rf.get("/", **meta))

    settings.TRUSTED_PROXY_COUNT = 0
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4") == "127.0.0.1"
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="1.2.3.4") == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 1.2.3.4") == "1.2.3.4"
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR='9.9.9.9, "x') == "127.0.0.1"
    assert address(REMOTE_ADDR="127.0.0.1") == "127.0.0.1"  # not through the proxy
    settings.TRUSTED_PROXY_COUNT = 2  # a load balancer in front of nginx
    settings.TRUSTED_PROXY_NETWORKS = ["127.0.0.1/32", "10.0.0.0/24"]
    forwarded = "9.9.9.9, 1.2.3.4, 10.0.0.2"
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded) == "1.2.3.4"
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.2") == "127.0.0.1"
    # The entry nginx appended names no trusted balancer: the client wrote the rest itself.
    spoofed = "9.9.9.9, 1.2.3.4, 203.0.113.7"
    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=spoofed) == "127.0.0.1"


def test_the_header_is_believed_only_from_a_trusted_proxy_address(rf, settings):
    """Anyone reaching the app directly (a published port, another container) used to choose
    their own address with a header of their own."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_NETWORKS = ["127.0.0.1/32", "172.18.0.1/32"]

    def address(remote):
        request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="198.51.100.77")
        return get_client_ip_address(request)

    assert address("203.0.113.9") == "203.0.113.9"
    assert address("172.18.0.5") == "172.18.0.5"
    assert address("172.18.0.1") == "198.51.100.77"
    assert address("127.0.0.1") == "198.51.100.77"


def test_an_ipv6_client_is_counted_by_its_64_block(rf, settings):
    """Counted by the whole address, one subscriber's /64 gave 2^64 fresh addresses."""
    settings.TRUSTED_PROXY_COUNT = 0

    def address(remote):
        return get_client_ip_address(rf.get("/", REMOTE_ADDR=remote))

    assert address("2001:db8:1:2::1") == address("2001:db8:1:2:ffff::9") == "2001:db8:1:2::"
    assert address("2001:db8:1:3::1") == "2001:db8:1:3::"
    assert address("::ffff:192.0.2.4") == "192.0.2.4"
    assert address("192.0.2.4") == "192.0.2.4"


def test_an_ipv6_block_is_locked_out_as_one_client(client, staff_a, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "wrong-password", REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
    assert _attempt(client, PASSWORD, REMOTE_ADDR="2001:db8:1:2::ff").status_code == 429
    assert _attempt(client, PASSWORD, REMOTE_ADDR="2001:db8:9:9::1").status_code == 302


def test_session_expires_after_idle_time(client, staff_a):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        login(client, "staff_a")
        traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("home")).status_code == 200  # activity renews the session
        traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        # Logged out: the home page is the public front door, the rest asks for a login.
        assert "工作人员首页" not in client.get(reverse("home")).content.decode()
        assert client.get(reverse("core:unit_list")).status_code == 302


def test_password_change(client, staff_a):
    client.force_login(staff_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Yuanling#2025x",
            "new_password2": "Yuanling#2025x",
        },
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password("Yuanling#2025x")


def test_password_change_errors_are_chinese(client, staff_a):
    client.force_login(staff_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "123", "new_password2": "456"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "你的旧密码不正确" in body


def test_production_hasher_is_argon2():
    from congress_portal.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    ("role", "is_staff"), [("admin", True), ("staff", False), ("deputy", False)]
)
def test_only_admins_enter_the_django_admin(client_for, world, role, is_staff):
    from tests.accounts.factories import UserFactory

    user = UserFactory(role=role, jurisdiction=world.county_a)
    assert user.is_staff is is_staff
    response = client_for(user).get(reverse("admin:index"))
    assert response.status_code == (200 if is_staff else 302)


def test_login_page_links_the_public_pages(client, db):
    body = client.get(reverse("login")).content.decode()
    for name in (
        "livelihood_projects:public_propose",
        "livelihood_projects:public_index",
        "deputies:calendar",
    ):
        url = reverse(name)
        assert f'href="{url}"' in body
        assert client.get(url).status_code == 200  # reachable without logging in
