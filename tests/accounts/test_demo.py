"""The demo's users live with the accounts; `seed_demo` builds the jurisdictions first, then the
users, then each domain app's data, and prints the logins. One test: seeding takes a while."""

import io

from django.core.management import call_command

from accounts import demo
from accounts.models import Role, User


def test_seed_demo_prints_logins_that_work_and_can_run_again(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    assert f"演示数据已就绪。演示账户（密码均为 {demo.DEMO_PASSWORD}）：" in printed
    for login in demo.logins():
        assert login.username in printed
        if login.role:
            user = User.objects.get(username=login.username)
            assert user.check_password(demo.DEMO_PASSWORD) and user.role == login.role
    assert not User.objects.filter(role=Role.LIAISON, unit__isnull=True).exists()
    count = User.objects.count()
    demo.seed_all()
    assert User.objects.count() == count
