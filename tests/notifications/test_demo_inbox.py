"""`make run`'s demo: right after `seed_demo` the inboxes hold the reminders due today and the
notices the demo's own actions sent, and running the seed again sends nothing new."""

import io

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from notifications.models import Notification


def inbox_titles(username: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient__username=username).values_list("title", flat=True)
    )


def test_the_demo_inboxes_show_reminders_and_notices(
    db, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())

    # 沅陵's overdue audit problems and suggestions, at the staff's and at the unit's desk.
    staff = inbox_titles("yl_staff")
    assert sum(t.startswith("【已逾期】审计问题") for t in staff) == 8
    assert sum(t.startswith("【已逾期】代表建议") for t in staff) == 2
    liaison = inbox_titles("yl_liaison")
    # The unit's overdue audit problems, and the budget problem assigned to it in October 2024.
    assert liaison and all(
        t.startswith(("【已逾期】审计问题", "【已逾期】预算监督问题")) for t in liaison
    )
    assert any(t.startswith("【已逾期】预算监督问题") for t in liaison)
    # The demo opened a vote through the poll service: its electors were invited.
    assert "投票已开始，请参加：2025年县级民生实事项目代表票决" in inbox_titles("yl_deputy")
    # A poll the demo opened and closed again invites nobody.
    assert not any("工作评议满意度测评" in t for t in inbox_titles("yl_deputy"))
    # 辰溪's staff hear of 辰溪's records only.
    cx_urls = Notification.objects.filter(recipient__username="cx_staff").values_list("url")
    yl_urls = Notification.objects.filter(recipient__username="yl_staff").values_list("url")
    assert not set(cx_urls) & set(yl_urls)

    client.force_login(User.objects.get(username="yl_liaison"))
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert liaison[0] in page and "暂无提醒" not in page

    before = Notification.objects.count()
    output = io.StringIO()
    call_command("send_reminders", stdout=output)
    assert "已发送 0 条新提醒" in output.getvalue()
    assert Notification.objects.count() == before
