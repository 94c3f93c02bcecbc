"""Exports of a full quarter, each run alone in a fresh process so its peak memory is its own.

- ``quarterly``: the admins' quarterly report (six sheets) of 2026 Q3, as the municipal admin.
- ``visits``: the visit list export of the same quarter (~62,500 rows), as the municipal admin.
- ``*_floor``: the same rows dumped by a raw openpyxl write-only workbook with no styling, from one
  query per sheet (visits) or from the report's rows materialised beforehand (quarterly, whose
  rows are aggregates that have no single-query equivalent).
"""

import io
import resource
import time
from pathlib import Path

from openpyxl import Workbook

from accounts.models import User
from deputies.exporters import VisitExporter
from reports.quarterly import QuarterlyReport

YEAR, QUARTER = 2026, 3
QUARTER_PARAMS = {"after": "2026-07-01", "before": "2026-09-30"}


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM starts afresh at exec; ru_maxrss does not (it
    carries the parent's peak into the child), so it is the fallback only off Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _floor_dump(sheets) -> int:
    workbook = Workbook(write_only=True)
    written = 0
    for name, rows in sheets:
        worksheet = workbook.create_sheet(title=name)
        for row in rows:
            worksheet.append(row)
            written += 1
    workbook.save(io.BytesIO())
    return written


def measure(which: str) -> dict:
    admin = User.objects.get(username="bench_admin")
    baseline = _peak_mb()
    rows = 0
    if which == "quarterly":
        started = time.perf_counter()
        rows = QuarterlyReport(
            user=admin, params={"year": [str(YEAR)], "quarter": [str(QUARTER)]}
        ).write(io.BytesIO())
    elif which == "quarterly_floor":
        report = QuarterlyReport(
            user=admin, params={"year": [str(YEAR)], "quarter": [str(QUARTER)]}
        )
        sheets = [(s.name, [list(r) for r in s.rows]) for s in report.sheets()]
        started = time.perf_counter()
        rows = _floor_dump(sheets)
    elif which == "visits":
        started = time.perf_counter()
        rows = VisitExporter(user=admin, params=QUARTER_PARAMS).write(io.BytesIO())
    elif which == "visits_floor":
        started = time.perf_counter()
        exporter = VisitExporter(user=admin, params=QUARTER_PARAMS)
        values = exporter.queryset().values_list(*exporter.columns)
        rows = _floor_dump([("visits", values.iterator(chunk_size=2000))])
    else:
        raise ValueError(which)
    seconds = time.perf_counter() - started
    return {
        "which": which,
        "rows": rows,
        "seconds": round(seconds, 3),
        "peak_mb": round(_peak_mb(), 1),
        "baseline_mb": round(baseline, 1),
    }
