"""A refused set-up form on the poll's page comes back with what was typed in it."""

from django.urls import reverse

LABELS = "县财政局局长 王某某\n城区幼儿园迁建项目"


def test_subjects_typed_beside_a_refused_unit_are_kept(client_for, staff_a, draft_poll):
    response = client_for(staff_a).post(
        reverse("polls:subjects_add", args=[draft_poll.pk]), {"units": ["999999"], "labels": LABELS}
    )
    assert response.status_code == 400
    assert LABELS in response.content.decode()
    assert not draft_poll.subjects.filter(label__in=LABELS.splitlines()).exists()


def test_a_group_name_is_kept_when_no_voter_is_chosen(client_for, staff_a, draft_poll):
    response = client_for(staff_a).post(
        reverse("polls:electorate_add", args=[draft_poll.pk]), {"group_name": "常委会组成人员"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="常委会组成人员"' in body and "请选择投票人" in body
