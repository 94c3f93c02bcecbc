"""The floor of a list page: its rows in one query, printed by a bare template."""

from django.http import Http404
from django.shortcuts import render

from .cases import LIST_CASES


def floor(request, key: str):
    case = LIST_CASES.get(key)
    if case is None:
        raise Http404
    rows = case.floor(request.user, request.GET)
    if case.page_size:
        number = int(request.GET.get("page") or 1)
        start = (number - 1) * case.page_size
        # One query: the slice, without the count a paginator would add.
        rows = rows[start : start + case.page_size]
    return render(request, "bench/floor.html", {"rows": list(rows)})
