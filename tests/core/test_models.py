import pytest
from django.core.exceptions import ValidationError

from core.models import Jurisdiction


def test_township_needs_a_county_parent(world):
    bad = Jurisdiction(
        name="错镇", code="431222199", level=Jurisdiction.Level.TOWNSHIP, parent=world.city
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "上级行政区划的层级不正确" in str(excinfo.value)


def test_division_code_must_be_six_or_nine_digits(world):
    bad = Jurisdiction(
        name="错县", code="43122", level=Jurisdiction.Level.COUNTY, parent=world.city
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "行政区划代码应为6位" in str(excinfo.value)


def test_county_of_a_township(world):
    assert world.township_a.county == world.county_a
    assert world.county_a.county == world.county_a
    assert world.city.county is None


def test_changes_are_recorded_with_their_author(world, staff_a):
    unit = world.unit_a
    unit._history_user = staff_a
    unit.contact_person = "赵六"
    unit.save()
    latest = unit.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == staff_a
    assert latest.contact_person == "赵六"
