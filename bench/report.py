"""`python -m bench report`: the tables of RESULTS.md, printed from results.json.

The figures in RESULTS.md are pasted from this output, so what it says and what was measured
cannot drift apart; the analysis around the tables is written by hand.
"""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _scales(runs: dict) -> list[str]:
    return sorted(runs, key=float)


def _by_scale(title: str, scales: list[str]) -> list[str]:
    """The head of a table with one column per scale."""
    return [
        "| " + title + " | " + " | ".join(f"×{s}" for s in scales) + " |",
        "|---|" + "---:|" * len(scales),
    ]


def _stamps(runs: dict) -> list[str]:
    lines = [
        "| 规模 / scale | 开始 / started | 提交 / commit | CPU | 核 / cores | PostgreSQL |",
        "|---|---|---|---|---:|---|",
    ]
    for key in _scales(runs):
        run = runs[key]
        machine = run.get("machine", {})
        lines.append(
            f"| {key} | {run.get('started', '—')} | `{run.get('commit', '—')}` |"
            f" {machine.get('cpu', '—')} | {machine.get('cores', '—')} | {machine.get('postgresql', '—')} |"
        )
        for part, stamp in run.get("partial_runs", {}).items():
            lines.append(
                f"| {key}（{part}） | {stamp['started']} | `{stamp['commit']}` |"
                f" {stamp['machine'].get('cpu', '—')} | {stamp['machine'].get('cores', '—')} |"
                f" {stamp['machine'].get('postgresql', '—')} |"
            )
    return lines


def _lists(run: dict) -> list[str]:
    lines = [
        "| 页面 / page | 条件 / params | 匹配行数 / rows | 页面 ms | 查询 | 基线 ms / floor | 倍数 | 达标 |",
        "|---|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in run.get("lists", []):
        params = " ".join(f"{k}={v}" for k, v in row["params"].items()) or "—"
        lines.append(
            f"| {row['label']} | {params} | {row['rows_matching']:,} | {row['page_ms']} |"
            f" {row['queries']} | {row['floor_ms']} | ×{row['ratio']} | {_mark(row['ok'])} |"
        )
    return lines


def _curve(runs: dict, part: str, figure: str) -> list[str]:
    scales = _scales(runs)
    lines = _by_scale(part, scales)
    labels: dict[str, str] = {}
    for key in scales:
        for row in runs[key].get(part, []):
            labels.setdefault(row["key"], row["label"])
    for row_key, label in labels.items():
        cells = []
        for key in scales:
            found = [r for r in runs[key].get(part, []) if r["key"] == row_key]
            cells.append(f"{found[0][figure]}" if found else "—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _data(runs: dict) -> list[str]:
    scales = _scales(runs)
    lines = _by_scale("数据 / data", scales)
    names = ["stations", "deputies", "visits", "opinions", "suggestions", "projects", "voters"]
    for name in names:
        cells = [f"{runs[s].get('data', {}).get(name, 0):,}" for s in scales]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _vote(runs: dict) -> list[str]:
    scales = _scales(runs)
    lines = _by_scale("投票 / voting", scales)
    for figure, label in [
        ("voters", "投票人 / voters"),
        ("workers", "gunicorn 进程 / workers"),
        ("ballots_per_second", "张/秒 / ballots per second"),
        ("sequential_ms_per_ballot", "单张 ms（页面+提交）/ ms per ballot alone"),
        ("p50_seconds", "中位等待 s / median wait"),
        ("p95_seconds", "95% 等待 s / p95 wait"),
        ("errors", "错误 / errors"),
        ("ballots_added_by_resubmission", "重复提交新增 / added by resubmission"),
        ("close_seconds", "结束投票 s / close"),
        ("tally_matches_ballots_sent", "计票一致 / tally matches"),
    ]:
        cells = [str(runs[s].get("vote", {}).get(figure, "—")) for s in scales]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _exports(runs: dict) -> list[str]:
    lines = [
        "| 规模 | 导出 / export | 行数 | 秒 / s | 峰值 MB | 进程起点 MB | 基线 s | 目标 s | 达标 |",
        "|---|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for key in _scales(runs):
        for row in runs[key].get("exports", []):
            lines.append(
                f"| ×{key} | {row['label']} | {row['rows']:,} | {row['seconds']} |"
                f" {row['peak_mb']} | {row['baseline_mb']} | {row['floor_seconds']} |"
                f" {row.get('target_seconds', '—')} | {_mark(row['ok'])} |"
            )
    return lines


def _isolation(rows: list[dict]) -> list[str]:
    lines = [
        "| 页面（小县）| ×1 ms | ×3 ms | 增长 | 轮次 / passes | 达标 (≤1.25) |",
        "|---|---:|---:|---:|---:|:-:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['ms_at_1']} | {row['ms_at_3']} | ×{row['growth']} |"
            f" {row.get('passes', 1)} | {_mark(row['ok'])} |"
        )
    return lines


def render() -> str:
    results = json.loads(RESULTS.read_text())
    runs = results.get("runs", {})
    sections = [
        ("Runs", _stamps(runs)),
        ("Data", _data(runs)),
        ("Lists at scale 1", _lists(runs.get("1.0", {}))),
        ("List page ms by scale", _curve(runs, "lists", "page_ms")),
        ("Dashboards ms by scale", _curve(runs, "dashboards", "ms")),
        ("Exports", _exports(runs)),
        ("Voting", _vote(runs)),
        ("Isolation", _isolation(results.get("isolation", []))),
    ]
    out = []
    for title, lines in sections:
        out += [f"<!-- {title} -->", *lines, ""]
    return "\n".join(out)
