from accounts.demo import seed_all
from accounts.models import User
from deputies import demo, selectors
from deputies.models import Activity, Deputy, Station


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

    counts = (Deputy.objects.count(), Station.objects.count(), Activity.objects.count())
    demo.seed()
    assert (Deputy.objects.count(), Station.objects.count(), Activity.objects.count()) == counts
