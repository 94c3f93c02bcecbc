"""The public front door at `/` and the footer naming the body that runs the site."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

BODY = {
    "PORTAL_BODY_NAME": "沅陵县人大常委会",
    "PORTAL_BODY_ADDRESS": "沅陵县沅陵镇辰州中路1号",
    "PORTAL_BODY_CONTACT": "0745-4220000",
    "PORTAL_ICP_NUMBER": "湘ICP备12345678号-1",
}


@pytest.fixture
def deployment(settings):
    for name, value in BODY.items():
        setattr(settings, name, value)
    return settings


def test_a_visitor_gets_the_front_door_not_the_login(client, db, deployment):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "沅陵县人大常委会" in body
    for name in [
        "livelihood_projects:public_propose",
        "livelihood_projects:public_receipt",
        "livelihood_projects:public_index",
        "deputies:calendar",
        "login",
    ]:
        assert f'href="{reverse(name)}"' in body or f'action="{reverse(name)}"' in body, name
    assert "工作人员首页" not in body and "管理员首页" not in body


def test_each_linked_public_page_opens_without_a_login(client, db):
    for name in [
        "livelihood_projects:public_propose",
        "livelihood_projects:public_receipt",
        "livelihood_projects:public_index",
        "deputies:calendar",
        "login",
    ]:
        assert client.get(reverse(name)).status_code == 200, name


def test_footer_names_the_body_on_public_pages(client, db, deployment):
    for url in [
        reverse("home"),
        reverse("login"),
        reverse("livelihood_projects:public_propose"),
        reverse("deputies:calendar"),
        "/no-such-page/",
    ]:
        body = client.get(url).content.decode()
        assert 'data-testid="public-footer"' in body, url
        for value in BODY.values():
            assert value in body, (url, value)
        assert 'href="https://beian.miit.gov.cn/"' in body


def test_footer_leaves_out_what_a_deployment_has_not_set(client, db, settings):
    settings.PORTAL_BODY_ADDRESS = ""
    settings.PORTAL_ICP_NUMBER = ""
    body = client.get(reverse("home")).content.decode()
    assert "地址：" not in body and "beian.miit.gov.cn" not in body


def test_logged_in_users_keep_their_role_home(client_for, staff_a, deputy_a):
    assert "工作人员首页" in client_for(staff_a).get(reverse("home")).content.decode()
    assert "代表首页" in client_for(deputy_a).get(reverse("home")).content.decode()


def test_the_body_is_read_from_the_environment():
    env = {**os.environ, **BODY, "DJANGO_SETTINGS_MODULE": "congress_portal.settings.prod"}
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.gov.cn")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PORTAL_BODY_NAME, s.PORTAL_BODY_ADDRESS, s.PORTAL_BODY_CONTACT, "
        "s.PORTAL_ICP_NUMBER, sep='|')"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert output == "|".join(BODY.values())
