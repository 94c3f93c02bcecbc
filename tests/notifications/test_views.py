from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from notifications import services
from notifications.models import Notification, Preference
from tests.accounts.factories import UserFactory


def test_unread_count_shows_on_every_page(client_for, staff_a, world):
    services.notify(recipient=staff_a, key="a", title="提醒一", url=f"/units/{world.unit_a.pk}/")
    services.notify(recipient=staff_a, key="b", title="提醒二")
    client = client_for(staff_a)
    for url in (reverse("home"), reverse("core:unit_list")):
        body = client.get(url).content.decode()
        assert 'data-testid="unread-count">2<' in body


def test_opening_a_notification_marks_it_read_and_goes_to_the_record(client_for, staff_a, world):
    note = services.notify(
        recipient=staff_a, key="a", title="提醒一", url=f"/units/{world.unit_a.pk}/"
    )
    response = client_for(staff_a).get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response.url == f"/units/{world.unit_a.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_external_links_are_not_followed(client_for, staff_a):
    note = services.notify(recipient=staff_a, key="a", title="x", url="https://evil.example/")
    response = client_for(staff_a).get(reverse("notifications:open", args=[note.pk]))
    assert response.url == reverse("notifications:inbox")


def test_nobody_else_opens_or_lists_my_notifications(client_for, staff_a, outsider, deputy_a):
    note = services.notify(recipient=staff_a, key="a", title="只给张敏的提醒")
    for other in (outsider, deputy_a):
        client = client_for(other)
        assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
        assert "只给张敏的提醒" not in client.get(reverse("notifications:inbox")).content.decode()
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_mark_all_read(client_for, staff_a, outsider):
    services.notify(recipient=staff_a, key="a", title="x")
    theirs = services.notify(recipient=outsider, key="b", title="y")
    client_for(staff_a).post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=staff_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_preferences_need_a_contact_and_keep_input(client_for, staff_a):
    client = client_for(staff_a)
    response = client.post(
        reverse("notifications:preferences"), {"sms": "on", "daily_digest": "on"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "没有登记手机号码" in body
    assert not Preference.objects.filter(user=staff_a, sms=True).exists()
    staff_a.phone = "13800138000"
    staff_a.save()
    client.post(reverse("notifications:preferences"), {"sms": "on", "daily_digest": "on"})
    preference = Preference.objects.get(user=staff_a)
    assert preference.sms and preference.daily_digest and not preference.email


def test_failed_deliveries_page_is_scoped(client_for, world, liaison_a):
    county_b_admin = UserFactory(role=Role.ADMIN, jurisdiction=world.county_b)
    liaison_a.email = "a@example.gov.cn"
    liaison_a.save()
    note = services.notify(recipient=liaison_a, key="a", title="县A的提醒")
    note.deliveries.update(status="failed", last_error="boom")
    body = client_for(county_b_admin).get(reverse("notifications:failed")).content.decode()
    assert "县A的提醒" not in body
    delivery = note.deliveries.get()
    assert (
        client_for(county_b_admin)
        .post(reverse("notifications:resend", args=[delivery.pk]))
        .status_code
        == 404
    )


def test_inbox_query_count_is_fixed(client_for, staff_a, django_assert_num_queries):
    client = client_for(staff_a)
    client.get(reverse("notifications:inbox"))
    services.notify(recipient=staff_a, key="first", title="x")
    with django_assert_num_queries(5):
        client.get(reverse("notifications:inbox"))
    for n in range(25):
        services.notify(recipient=staff_a, key=f"k{n}", title="x")
    with django_assert_num_queries(5):
        client.get(reverse("notifications:inbox"))


def test_unread_notices_are_marked_as_such(client_for, staff_a):
    services.notify(recipient=staff_a, key="a", title="已读的提醒")
    services.notify(recipient=staff_a, key="b", title="未读的提醒")
    Notification.objects.filter(key="a").update(read_at=timezone.now())
    items = client_for(staff_a).get(reverse("notifications:inbox")).content.decode()
    items = items.split('data-testid="notification"')[1:]
    assert "未读" not in next(i for i in items if "已读的提醒" in i).replace("未读的提醒", "")
    assert ">未读</span>未读的提醒" in next(i for i in items if "未读的提醒" in i)
