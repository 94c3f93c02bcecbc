"""The home panel: the office of a county with a pool sees its share and the quarters missed;
deputies, and offices without a pool, get no panel."""

import pytest

from experts.models import Expert
from experts.selectors import home_figures

from .factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_office_sees_its_pool_on_the_home_page(world, staff_a, deputy_a, outsider):
    ExpertFactory(county=world.county_a, title_level=Expert.TitleLevel.INTERMEDIATE)
    figures = home_figures(user=staff_a)
    assert (figures["share"].total, figures["share"].senior) == (1, 0)
    assert figures["share"].below_target
    assert home_figures(user=deputy_a) == {}
    assert home_figures(user=outsider) == {}
