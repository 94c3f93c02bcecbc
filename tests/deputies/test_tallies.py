"""The tallies behind a list's exact total (models.Tally, kept by triggers in tallies.py): equal to
the rows they count after every kind of write, on the database the tests run on, and what the visit
and opinion lists print as their total."""

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse

from deputies import tallies
from deputies.models import Opinion, Tally, Visit
from tests.accounts.factories import UserFactory
from tests.deputies.factories import OpinionFactory, StationFactory, VisitFactory


def _tallied(counted: str) -> dict[int, int]:
    return {
        scope: total
        for scope, total in Tally.objects.filter(counted=counted).values_list("scope_id", "total")
        if total
    }


def _counted() -> tuple[dict[int, int], dict[int, int]]:
    visits = dict(Visit.objects.values_list("station").annotate(n=Count("pk")).order_by())
    opinions = dict(
        Opinion.objects.exclude(county=None)
        .values_list("county")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return visits, opinions


def _assert_tallies_match() -> None:
    visits, opinions = _counted()
    assert _tallied("visit") == visits
    assert _tallied("opinion") == opinions


@pytest.fixture
def stations(world):
    return (
        StationFactory(county=world.county_a),
        StationFactory(county=world.county_a),
        StationFactory(county=world.county_b),
    )


def test_every_kind_of_write_keeps_the_tallies(stations):
    one, two, other = stations
    VisitFactory(station=one)  # Model.save
    VisitFactory.create_batch(3, station=two)
    deputy = VisitFactory(station=other).deputy
    Visit.objects.bulk_create(
        [Visit(station=other, deputy=deputy, visited_on="2025-03-01", kind="reception")] * 1
        + [
            Visit(station=one, deputy=deputy, visited_on="2025-03-02", kind="reception")
            for _ in range(4)
        ]
    )
    OpinionFactory.create_batch(2, station=one)
    OpinionFactory(station=other)
    _assert_tallies_match()
    assert _tallied("visit") == {one.pk: 5, two.pk: 3, other.pk: 2}

    # Saving a visit rewrites its station column to the same value: nothing moves.
    visit = Visit.objects.filter(station=two).first()
    visit.notes = "改过"
    visit.save()
    assert _tallied("visit")[two.pk] == 3
    # Moving visits, one and many at once; deleting one and many.
    visit.station = other
    visit.save()
    Visit.objects.filter(station=one).update(station=two)
    Visit.objects.filter(pk=Visit.objects.filter(station=two).first().pk).delete()
    Visit.objects.filter(station=other).delete()
    Opinion.objects.filter(station=one).update(county=other.county)
    _assert_tallies_match()
    assert _tallied("visit") == {two.pk: 6}


def test_a_write_rolled_back_leaves_the_tallies_as_they_were(stations):
    one, _two, _other = stations
    VisitFactory(station=one)
    with transaction.atomic():
        VisitFactory.create_batch(5, station=one)
        Visit.objects.filter(station=one).delete()
        transaction.set_rollback(True)
    assert _tallied("visit") == {one.pk: 1}
    _assert_tallies_match()


def test_recount_repairs_a_tally(stations):
    one, _two, _other = stations
    VisitFactory.create_batch(2, station=one)
    Tally.objects.filter(counted="visit").update(total=999)
    with connection.cursor() as cursor:
        tallies.recount(cursor)
    _assert_tallies_match()


def test_triggers_come_back_after_a_migrate_drops_them(stations):
    # SQLite drops a table's triggers when a migration rebuilds the table to alter it.
    one, _two, _other = stations
    tallies.uninstall(connection)
    tallies.reinstall_after_migrate(sender=None, using="default")
    VisitFactory.create_batch(2, station=one)
    assert _tallied("visit") == {one.pk: 2}


def test_the_total_each_user_sees_is_what_the_list_holds(
    stations, admin_user, staff_a, deputy_a, liaison_a, outsider
):
    one, two, other = stations
    VisitFactory.create_batch(3, station=one)
    VisitFactory.create_batch(2, station=two)
    VisitFactory.create_batch(4, station=other)
    OpinionFactory.create_batch(2, station=one)
    OpinionFactory(station=other)
    superuser = UserFactory(is_superuser=True, jurisdiction=None)
    for user in (admin_user, staff_a, outsider, superuser):
        for model in (Visit, Opinion):
            assert model.objects.visible_total(user) == model.objects.visible_to(user).count()
    assert Visit.objects.visible_total(staff_a) == 5
    assert Visit.objects.visible_total(admin_user) == 9
    # Deputies and liaisons see their own rows, which no tally keeps: their lists count.
    assert Visit.objects.visible_total(deputy_a) is None
    assert Opinion.objects.visible_total(liaison_a) is None
    # A filtered queryset is not the whole table.
    assert Visit.objects.filter(station=one).visible_total(staff_a) is None


@pytest.mark.parametrize("url_name", ["deputies:visit_list", "deputies:opinion_list"])
def test_the_list_prints_the_tallied_total_and_a_filtered_list_counts(
    client_for, stations, staff_a, url_name
):
    one, _two, _other = stations
    VisitFactory.create_batch(3, station=one)
    OpinionFactory.create_batch(3, station=one)
    # Proof that the page reads the tally and not a COUNT: a tally set by hand shows through.
    Tally.objects.filter(scope_id__in=[one.pk, one.county_id]).update(total=4321)
    client = client_for(staff_a)
    page = client.get(reverse(url_name)).content.decode()
    assert "4,321" in page or "4321" in page
    filtered = client.get(reverse(url_name), {"q": "不存在的内容"}).content.decode()
    assert "4321" not in filtered and "4,321" not in filtered
