"""The floor of a list page: its rows in one query, printed by a bare template."""

from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.template import engines

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
    return HttpResponse(_template().render({"rows": list(rows)}, request))


@cache
def _template():
    # Compiled once, as the cached loader does for the portal's own templates.
    return engines["django"].from_string((Path(__file__).parent / "floor.html").read_text())
