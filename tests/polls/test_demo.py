"""The demo polls build through the services and can be seeded twice without changing."""

import pytest

from accounts.demo import seed_all
from polls import demo, selectors
from polls.models import Ballot, PaperTally, Poll


@pytest.mark.django_db
def test_demo_polls_are_realistic_and_idempotent():
    seed_all()
    demo.seed()
    state = sorted(Poll.objects.values_list("title", "status"))
    ballots = Ballot.objects.count()
    demo.seed()
    assert sorted(Poll.objects.values_list("title", "status")) == state
    assert Ballot.objects.count() == ballots and PaperTally.objects.count() == 2

    two_sided = Poll.objects.get(jurisdiction__code="431223")
    groups = selectors.poll_results(poll=two_sided).groups
    assert [g.name for g in groups] == ["全体代表", "常委会组成人员", "全体"]
    assert groups[0].voted == 12 and groups[0].ballots.invalid == 1  # 8 of them on paper
    assert not selectors.poll_results(poll=two_sided).paper_pending
    vote = Poll.objects.get(jurisdiction__code="431222", kind=Poll.Kind.APPROVAL)
    assert vote.is_open and not vote.participations.filter(voter__username="yl_deputy").exists()
