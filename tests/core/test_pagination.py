"""One pager for every list: numbered pages, the first and the last, an ellipsis for each gap,
and the list's filters kept in every link."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.deputies.factories import StationFactory


def _pager(number: int, pages: int = 22, query: str = "county=3") -> str:
    page = Paginator(range(pages * 10), 10).get_page(number)
    request = RequestFactory().get(f"/deputies/activities/?{query}&page={number}")
    return render_to_string(
        "includes/_pagination.html",
        {"page_obj": page, "is_paginated": True},
        request=request,
    )


def _labels(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li.*?</li>", html, re.S)]


def test_middle_page_shows_first_last_neighbours_and_gaps():
    assert _labels(_pager(10)) == [
        "上一页", "1", "…", "8", "9", "10", "11", "12", "…", "22", "下一页"
    ]  # fmt: skip


def test_first_page_has_no_previous_and_marks_the_current_page():
    html = _pager(1)
    assert _labels(html)[:4] == ["1", "2", "3", "…"]
    assert 'aria-current="page"><span class="page-link">1</span>' in html


def test_links_keep_the_filters_and_name_the_page():
    html = _pager(10)
    assert 'href="?county=3&amp;page=22"' in html
    assert 'href="?county=3&amp;page=1"' in html


def test_list_pages_use_the_numbered_pager(client_for, staff_a, world):
    for n in range(60):
        StationFactory(county=world.county_a, name=f"沅陵第{n + 1}代表联络站")
    body = client_for(staff_a).get(reverse("deputies:station_list")).content.decode()
    assert 'href="?page=3"' in body and 'href="?page=2"' in body


def test_stations_sort_as_people_count(client_for, staff_a, world):
    for n in (10, 4, 2, 11, 1):
        StationFactory(county=world.county_a, name=f"辰溪第{n}代表联络站")
    response = client_for(staff_a).get(reverse("deputies:station_list"))
    names = [s.name for s in response.context["object_list"]]
    assert names == [f"辰溪第{n}代表联络站" for n in (1, 2, 4, 10, 11)]
