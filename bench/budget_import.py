"""A month of a county's budget execution, 50,000 rows, through the execution importer.

Each size runs alone in a fresh process (``python -m bench budget-import <rows>``) so its peak
memory is its own; the import is rolled back afterwards, so every run writes the whole month. The
import reads the workbook once in read-only mode, spools the checked rows to a temporary file and
writes them in batches: the peak of 50,000 rows may grow only a little over that of 5,000.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

MAX_SECONDS = 30
# Flat memory: ten times the rows may cost at most this much more peak memory.
MAX_GROWTH_MB = 60
SIZES = (5_000, 50_000)
HEADER = [
    "行政区划",
    "年度",
    "截至月份",
    "预算单位",
    "科目编码",
    "科目名称",
    "预算数",
    "累计支出数",
]


def _workbook(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for n in range(rows):
        agency, item = divmod(n, 100)
        code = f"2{item // 10:02d}{item % 10:02d}01"  # 7 digits, one 项 per row of a unit
        sheet.append(
            [
                "会同县",
                2026,
                9,
                f"会同县预算单位{agency:04d}",
                code,
                f"科目{code}",
                100000,
                61000 + n % 500,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(rows: int) -> dict:
    """In this process: write the file, then import it and roll the import back."""
    from django.db import transaction

    from accounts.models import User
    from budget.importers import ExecutionImporter

    admin = User.objects.get(username="bench_admin")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(_workbook(rows))
        handle.flush()
        baseline = _peak_mb()
        with transaction.atomic():
            started = time.perf_counter()
            with open(handle.name, "rb") as upload:
                outcome = ExecutionImporter(user=admin).run(upload)
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    return {
        "rows": rows,
        "written": outcome.created + outcome.updated,
        "errors": [str(e) for e in outcome.errors[:3]],
        "seconds": round(seconds, 2),
        "peak_mb": round(_peak_mb(), 1),
        "baseline_mb": round(baseline, 1),
    }


def run(log) -> dict:
    runs = []
    for rows in SIZES:
        output = subprocess.run(
            [sys.executable, "-m", "bench", "budget-import", str(rows)],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
        runs.append(json.loads(output.stdout.strip().splitlines()[-1]))
    small, large = runs
    growth = round(large["peak_mb"] - small["peak_mb"], 1)
    ok = (
        large["written"] == large["rows"]
        and large["seconds"] <= MAX_SECONDS
        and growth <= MAX_GROWTH_MB
    )
    log(
        f"导入 预算执行月报 {large['rows']:,} 行 {large['seconds']:6.2f} s，峰值 {large['peak_mb']:.1f} MB"
        f"（{small['rows']:,} 行 {small['peak_mb']:.1f} MB，增长 {growth} MB）{'✓' if ok else '✗'}"
    )
    return {"runs": runs, "growth_mb": growth, "ok": ok}
