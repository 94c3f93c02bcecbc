"""The last look before a ballot is cast: the choices are shown, nothing is cast until confirmed."""

import re

import pytest
from django.urls import reverse

from polls.models import Participation, SealedBallot

from .conftest import subject_ids


def url(name, poll):
    return reverse(f"polls:{name}", args=[poll.pk])


def ballot(poll, *marks, step=None):
    data = {f"s{sid}": mark for sid, mark in zip(subject_ids(poll), marks, strict=True)}
    return {**data, "step": step} if step else data


def nothing_cast() -> bool:
    return not Participation.objects.exists() and not SealedBallot.objects.exists()


@pytest.mark.parametrize("step", [None, "review", "something-else"])
def test_submitting_the_ballot_shows_the_choices_and_casts_nothing(
    client_for, deputy_a, open_poll, step
):
    response = client_for(deputy_a).post(
        url("vote", open_poll), ballot(open_poll, "B", "-", step=step)
    )
    assert response.status_code == 200
    page = response.content.decode()
    review = page[page.index('data-testid="ballot-review"') :]
    assert re.search(r"沅陵县财政局</span>\s*<strong[^>]*>基本满意<", review)
    assert re.search(r"官庄镇人民政府</span>\s*<strong[^>]*>弃权<", review)
    assert "确认提交" in page and "返回修改" in page
    assert nothing_cast()


def test_the_confirm_form_carries_the_choices_and_casts_them(client_for, deputy_a, open_poll):
    client = client_for(deputy_a)
    ids = subject_ids(open_poll)
    page = client.post(url("vote", open_poll), ballot(open_poll, "B", "-")).content.decode()
    assert f'type="hidden" name="s{ids[0]}" value="B"' in page
    assert f'type="hidden" name="s{ids[1]}" value="-"' in page
    response = client.post(url("vote", open_poll), ballot(open_poll, "B", "-", step="cast"))
    assert response.status_code == 302 and response.url == url("voted", open_poll)
    assert Participation.objects.filter(voter=deputy_a).count() == 1


def test_going_back_keeps_the_choices_to_change_them(client_for, deputy_a, open_poll):
    client = client_for(deputy_a)
    ids = subject_ids(open_poll)
    page = client.post(url("vote", open_poll), ballot(open_poll, "B", "-", step="edit"))
    html = page.content.decode()
    assert "下一步：核对选票" in html and "确认提交" not in html
    checked = re.findall(
        r'<input type="radio"[^>]*name="(s\d+)"[^>]*value="([^"]+)"[^>]*checked', html
    )
    assert sorted(checked) == sorted([(f"s{ids[0]}", "B"), (f"s{ids[1]}", "-")])
    assert nothing_cast()


def test_a_tampered_confirm_form_is_refused(client_for, deputy_a, open_poll):
    response = client_for(deputy_a).post(
        url("vote", open_poll), ballot(open_poll, "B", "EXCELLENT", step="cast")
    )
    assert response.status_code == 200 and "选票未提交" in response.content.decode()
    assert nothing_cast()


def test_an_unanswered_subject_goes_back_to_the_ballot_not_to_the_review(
    client_for, deputy_a, open_poll
):
    ids = subject_ids(open_poll)
    response = client_for(deputy_a).post(url("vote", open_poll), {f"s{ids[0]}": "S"})
    html = response.content.decode()
    assert "选票未提交" in html and "ballot-review" not in html
    assert nothing_cast()


def test_approval_review_lists_what_was_and_was_not_chosen(client_for, deputy_a, approval_poll):
    ids = subject_ids(approval_poll)
    page = (
        client_for(deputy_a).post(url("vote", approval_poll), {"chosen": ids[:1]}).content.decode()
    )
    review = page[page.index('data-testid="ballot-review"') :]
    assert re.search(r"城区幼儿园迁建</span>\s*<strong[^>]*>赞成<", review)
    assert re.search(r"农村饮水安全巩固</span>\s*<strong[^>]*>未选<", review)
    assert f'type="hidden" name="chosen" value="{ids[0]}"' in page
    assert "您赞成 1 项（最多 2 项）" in page
    assert nothing_cast()


def test_an_empty_approval_ballot_is_named_blank_before_it_is_cast(
    client_for, deputy_a, approval_poll
):
    page = client_for(deputy_a).post(url("vote", approval_poll), {}).content.decode()
    assert "您没有选择任何项目，提交后为空白票" in page
    assert nothing_cast()


def test_the_choices_are_kept_nowhere_but_in_the_page(client_for, deputy_a, open_poll):
    client = client_for(deputy_a)
    client.get(url("vote", open_poll))  # the session as the ballot page leaves it
    before = dict(client.session.items())
    response = client.post(url("vote", open_poll), ballot(open_poll, "B", "-"))
    # No store: the back button on a shared phone must not bring the choices back.
    assert "no-store" in response["Cache-Control"]
    assert dict(client.session.items()) == before
    assert nothing_cast()


def test_the_confirmation_after_casting_echoes_nothing(client_for, deputy_a, open_poll):
    client = client_for(deputy_a)
    response = client.post(
        url("vote", open_poll), ballot(open_poll, "B", "-", step="cast"), follow=True
    )
    html = response.content.decode()
    assert "您的选票已提交" in html
    assert "基本满意" not in html and "弃权" not in html and "ballot-review" not in html


def test_an_outsider_cannot_reach_the_review(client_for, outsider, open_poll):
    response = client_for(outsider).post(url("vote", open_poll), ballot(open_poll, "B", "-"))
    assert response.status_code == 404
    assert nothing_cast()
