from deputies.models import Deputy, Opinion, Station, Suggestion, Visit

from .factories import OpinionFactory, SuggestionFactory, VisitFactory


def test_deputy_sees_only_own_visits(deputy_a, deputy_record_a, other_deputy_a, station_a):
    own = VisitFactory(station=station_a, deputy=deputy_record_a)
    VisitFactory(station=station_a, deputy=other_deputy_a)
    assert list(Visit.objects.visible_to(deputy_a)) == [own]


def test_staff_see_their_county_only(staff_a, outsider, station_a, station_b, deputy_record_a):
    visit_a = VisitFactory(station=station_a, deputy=deputy_record_a)
    visit_b = VisitFactory(station=station_b)
    assert list(Visit.objects.visible_to(staff_a)) == [visit_a]
    assert list(Visit.objects.visible_to(outsider)) == [visit_b]
    assert station_a not in Station.objects.visible_to(outsider)
    assert deputy_record_a not in Deputy.objects.visible_to(outsider)


def test_municipal_admin_sees_all_counties(admin_user, station_a, station_b):
    assert set(Station.objects.visible_to(admin_user)) == {station_a, station_b}


def test_liaison_sees_what_is_assigned_to_their_unit(world, liaison_a, station_a, deputy_record_a):
    mine = OpinionFactory(station=station_a, unit=world.unit_a)
    OpinionFactory(station=station_a)
    assert list(Opinion.objects.visible_to(liaison_a)) == [mine]
    led = SuggestionFactory(deputy=deputy_record_a, lead_unit=world.unit_a)
    co = SuggestionFactory(deputy=deputy_record_a, lead_unit=world.township_unit_a)
    co.co_units.add(world.unit_a, world.unit_b)
    SuggestionFactory(deputy=deputy_record_a)
    assert set(Suggestion.objects.visible_to(liaison_a)) == {led, co}
    assert not Visit.objects.visible_to(liaison_a).exists()
