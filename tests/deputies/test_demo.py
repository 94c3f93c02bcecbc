from accounts.demo import seed_all
from accounts.models import User
from core.models import Jurisdiction
from deputies import demo, selectors
from deputies.models import Activity, Campaign, Deputy, Opinion, PartnerDeputy, Station


def test_demo_data_shows_the_seeds_figures_and_can_run_twice(db):
    seed_all()
    demo.seed()
    admin = User.objects.get(username="hh_admin")
    rows = {r.label: r for r in selectors.county_figures(user=admin, year=demo.YEAR)}
    mayang, chenxi = rows["麻阳苗族自治县"], rows["辰溪县"]
    assert (mayang.stations, mayang.deputies, mayang.visits, mayang.replies) == (
        21,
        1194,
        1038,
        363,
    )
    assert (mayang.opinions, mayang.opinions_resolved, mayang.opinions_open) == (110, 97, 13)
    assert (mayang.micro, str(mayang.micro_closed_rate), str(mayang.micro_satisfied_rate)) == (
        51,
        "100.0",
        "100.0",
    )
    assert mayang.contacts == {"leader_to_deputy": 220, "deputy_to_public": 310}
    assert (chenxi.stations, chenxi.visits, chenxi.posts, chenxi.activities) == (
        67,
        4355,
        1255,
        537,
    )
    assert chenxi.deputies > 1600
    assert rows["通道侗族自治县"].stations == 23
    assert Station.objects.filter(kind=Station.Kind.INTER_PROVINCIAL).count() == 10
    assert Station.objects.filter(kind=Station.Kind.INDUSTRY_CHAIN).count() == 2
    three = Activity.objects.filter(kind=Activity.Kind.THREE_OFFICIALS, starts_at__year=2024)
    assert set(three.dates("starts_at", "month").values_list("starts_at__month", flat=True)) == {
        2,
        5,
        8,
        11,
    }
    assert Activity.objects.public().filter(status=Activity.Status.ANNOUNCED).exists()
    assert Deputy.objects.get(user__username="yl_deputy").stations.exists()

    # Deputies online: 麻阳's opinions came from its contact visits, 辰溪's campaigns, 新晃's border.
    sources = {
        r.source: r
        for r in selectors.opinions_by_source(
            user=admin, year=demo.YEAR, county=Jurisdiction.objects.get(code="431226")
        )
    }
    contact = sources["contact_visit"]
    assert (contact.opinions, contact.settled, contact.open) == (110, 97, 13)
    campaigns = {c.name: c for c in selectors.campaigns(user=admin)}
    assert (campaigns["法治护绿"].opinion_count, campaigns["法治护安"].opinion_count) == (389, 527)
    assert Station.objects.filter(county__code="431223", is_public=True).count() == 67
    border = selectors.inter_provincial_figures(user=admin, year=demo.YEAR)
    assert len(border) == 10
    assert sum(r.joint_activities for r in border) == 56
    assert (sum(r.opinions for r in border), sum(r.solved for r in border)) == (120, 58)
    assert all(r.partners for r in border)

    def counts():
        return [
            m.objects.count() for m in (Deputy, Station, Activity, Opinion, Campaign, PartnerDeputy)
        ]

    before = counts()
    demo.seed()
    assert counts() == before
