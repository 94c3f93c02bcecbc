"""Moderation: a citizen's proposal reaches the public results page only once staff accept it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from livelihood_projects import services
from livelihood_projects.models import Proposal

from .factories import ProposalFactory

SCRIPT_TITLE = "<script>alert('x')</script>修路"
ESCAPED_TITLE = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;修路"


@pytest.fixture
def results_url(world, cycle_a):
    return reverse("livelihood_projects:public_results", args=[world.county_a.code, 2025])


@pytest.fixture
def submitted(client, cycle_a, world):
    """A citizen's proposal with a script for a title, sent through the public form."""
    client.post(
        reverse("livelihood_projects:public_propose"),
        {
            "cycle": cycle_a.pk,
            "title": SCRIPT_TITLE,
            "category": "transport",
            "township": world.township_a.pk,
            "description": "村道坑洼。",
            "website": "",
        },
    )
    return Proposal.objects.get()


def _publish_url(proposal):
    return reverse("livelihood_projects:proposal_publish", args=[proposal.pk])


def test_a_new_public_proposal_is_not_shown_until_staff_accept_it(
    client, submitted, results_url, staff_a
):
    body = client.get(results_url).content.decode()
    assert "alert(" not in body and submitted.receipt_number not in body
    # Not by a search for its receipt number either.
    body = client.get(results_url, {"q": submitted.receipt_number}).content.decode()
    assert "alert(" not in body

    client.force_login(staff_a)
    response = client.post(_publish_url(submitted))
    assert response.status_code == 302
    client.logout()

    body = client.get(results_url).content.decode()
    assert ESCAPED_TITLE in body and SCRIPT_TITLE not in body
    submitted.refresh_from_db()
    assert submitted.published_by == staff_a and submitted.published_at is not None


def test_unpublish_takes_it_off_the_public_page(client, submitted, results_url, staff_a):
    services.proposal_publish(proposal=submitted, by=staff_a)
    client.force_login(staff_a)
    client.post(reverse("livelihood_projects:proposal_unpublish", args=[submitted.pk]))
    client.logout()
    assert "alert(" not in client.get(results_url).content.decode()
    submitted.refresh_from_db()
    assert submitted.published_at is None and submitted.published_by is None


def test_receipt_lookup_shows_the_proposers_own_proposal_at_any_time(client, submitted, staff_a):
    url = reverse("livelihood_projects:public_receipt")
    body = client.get(url, {"number": submitted.receipt_number}).content.decode()
    assert ESCAPED_TITLE in body and "已受理，待筛选" in body and "待工作人员审核" in body

    services.proposal_publish(proposal=submitted, by=staff_a)
    body = client.get(url, {"number": submitted.receipt_number}).content.decode()
    assert "已审核，在票决结果公开页面上显示" in body


def test_staff_page_offers_the_button_and_deputies_do_not_get_it(
    client, submitted, staff_a, deputy_a
):
    url = submitted.get_absolute_url()
    client.force_login(staff_a)
    body = client.get(url).content.decode()
    assert "审核通过，公开" in body and _publish_url(submitted) in body
    client.force_login(deputy_a)
    body = client.get(url).content.decode()
    assert "待审核" in body and _publish_url(submitted) not in body
    assert client.post(_publish_url(submitted)).status_code == 403
    submitted.refresh_from_db()
    assert not submitted.is_published


def test_outsider_cannot_publish(client, submitted, outsider):
    client.force_login(outsider)
    assert client.post(_publish_url(submitted)).status_code == 404
    submitted.refresh_from_db()
    assert not submitted.is_published


def test_anonymous_cannot_publish(client, submitted):
    response = client.post(_publish_url(submitted))
    assert response.status_code == 302 and "login" in response["Location"]
    submitted.refresh_from_db()
    assert not submitted.is_published


def test_publish_needs_a_post(client, submitted, staff_a):
    client.force_login(staff_a)
    assert client.get(_publish_url(submitted)).status_code == 405


def test_only_public_proposals_are_moderated(cycle_a, staff_a):
    proposal = ProposalFactory(cycle=cycle_a, source=Proposal.Source.DEPUTY)
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, by=staff_a)


def test_staff_list_filters_proposals_waiting_for_moderation(client, cycle_a, staff_a, submitted):
    published = ProposalFactory(cycle=cycle_a, title="已公开的建议")
    services.proposal_publish(proposal=published, by=staff_a)
    ProposalFactory(cycle=cycle_a, title="代表的建议", source=Proposal.Source.DEPUTY)
    client.force_login(staff_a)
    url = reverse("livelihood_projects:proposal_list")
    body = client.get(url, {"publication": "pending"}).content.decode()
    assert submitted.receipt_number in body
    assert "已公开的建议" not in body and "代表的建议" not in body
    body = client.get(url, {"publication": "published"}).content.decode()
    assert "已公开的建议" in body and submitted.receipt_number not in body


def test_staff_dashboard_counts_what_waits_for_review_in_their_scope(
    client_for, submitted, staff_a, deputy_a, outsider, cycle_b
):
    ProposalFactory(cycle=cycle_b, title="辰溪的建议")
    url = reverse("livelihood_projects:dashboard")
    body = client_for(staff_a).get(url).content.decode()
    assert "1 条群众网上建议待审核" in body and "?publication=pending" in body
    body = client_for(outsider).get(url).content.decode()
    assert "1 条群众网上建议待审核" in body  # county B's own, not county A's
    assert (
        'data-testid="awaiting-publication"' not in client_for(deputy_a).get(url).content.decode()
    )
    services.proposal_publish(proposal=submitted, by=staff_a)
    body = client_for(staff_a).get(url).content.decode()
    assert 'data-testid="awaiting-publication"' not in body
