"""`python -m bench`: generate the municipal data set if needed, measure, print and save.

    python -m bench                 # everything at scale 1 (what `make bench` runs)
    python -m bench --only lists    # one part: data, lists, dashboards, export, vote, budget
    python -m bench --scale 3       # the same at three times the data (3 million visits)
    python -m bench --curve         # scales 0.3, 1 and 3 one after the other: the cost curves
    python -m bench --isolation     # the held county at 1 and 3 in turn, three rounds
    python -m bench report          # the tables of RESULTS.md, from results.json
    python -m bench export visits   # one export in this process, printed as JSON (used internally)

Each scale keeps its data set in its own database (`portal_bench` at scale 1, `portal_bench_3`
at 3, ...), so a curve generates each one once. DATABASE_URL overrides that; REDIS_URL defaults
to Redis db 14 on loopback. `results.json` keeps one run per scale; the targets are read at scale 1
(the municipal data set) and isolation compares the held county's pages at scales 1 and 3.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
CURVE = (0.3, 1.0, 3.0)
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
RESULTS = HERE / "results.json"

# Targets on 2 cores, at scale 1.
MAX_LIST_QUERIES = 10
MAX_LIST_RATIO = 2.0
MAX_LIST_MS = 100
MAX_DASHBOARD_MS = 300
# Exports: seconds for a full quarter, and peak memory.
MAX_EXPORT_SECONDS = {"quarterly": 1.0, "visits": 5.0}
MAX_EXPORT_MB = 300
MIN_BALLOTS_PER_SECOND = 100
MAX_BALLOT_MS = 20
# Isolation: the held county's pages at scale 3 against scale 1, allowing for run-to-run noise.
MAX_ISOLATION_GROWTH = 1.25
TARGET_SCALE = "1.0"


def _scale_key(scale: float) -> str:
    return f"{scale:.1f}"


def _environment(scale: float) -> None:
    suffix = "" if scale == 1.0 else "_" + _scale_key(scale).replace(".", "_").removesuffix("_0")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE + suffix)
    os.environ.setdefault("REDIS_URL", DEFAULT_REDIS)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(HERE.parent))


def _create_database() -> None:
    from congress_portal.createdb import ensure_database

    ensure_database(os.environ["DATABASE_URL"])


def _say(message: str) -> None:
    print(message, flush=True)


# --- Data -----------------------------------------------------------------------------------------
def ensure_data(scale: float, seed: int, force: bool) -> dict:
    from django.core.management import call_command

    from bench.generate import VERSION, Generator, Sizes
    from deputies.models import Visit

    call_command("migrate", verbosity=0)
    sizes = Sizes.at(scale)
    marker = {"scale": scale, "seed": seed, "generator": VERSION, **sizes.as_dict()}
    stored = _stored_marker()
    if not force and stored == marker and Visit.objects.count() == sizes.visits:
        _say(f"数据：沿用已生成的数据集（scale={scale}, seed={seed}）")
        return {"generated_seconds": None, **marker}
    _say(f"数据：清空 {os.environ['DATABASE_URL']} 并生成（scale={scale}, seed={seed}）……")
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    Generator(scale=scale, seed=seed, out=sys.stdout).run()
    seconds = round(time.perf_counter() - started, 1)
    _store_marker(marker)
    _say(f"数据：生成用时 {seconds} 秒")
    return {"generated_seconds": seconds, **marker}


def _stored_marker() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
        )
        (comment,) = cursor.fetchone()
    try:
        return json.loads(comment) if comment else None
    except ValueError:
        return None


def _store_marker(marker: dict) -> None:
    from django.db import connection

    # The data set's parameters live on the database itself, so a flush or a different scale is
    # noticed and a matching data set is not generated twice.
    with connection.cursor() as cursor:
        name = connection.settings_dict["NAME"]
        literal = json.dumps(marker).replace("'", "''")
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS '{literal}'")


# --- Pages through the real URL stack -------------------------------------------------------------
def _clients():
    from django.test import Client

    from accounts.models import User
    from bench.generate import HELD_COUNTY
    from core.models import Jurisdiction

    # The county staff of 辰溪 (the seed's busiest station county), of the county held small, and
    # the municipal admin.
    county = Jurisdiction.objects.get(code="431223")
    clients = {}
    for key, username in [
        ("staff", f"bench_staff_{county.code}"),
        ("small", f"bench_staff_{HELD_COUNTY}"),
        ("admin", "bench_admin"),
    ]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[key] = (client, User.objects.get(username=username))
    return clients


def _time(client, url: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples) * 1000, len(queries)


def _deep_page(case, user) -> int:
    from django.http import QueryDict

    from bench.cases import DEEP_FRACTION

    count = case.floor(user, QueryDict()).count()
    pages = max(1, -(-count // case.page_size))
    return min(pages, max(1, int(pages * DEEP_FRACTION)))


def measure_lists(repeat: int, logins: tuple[str, ...] | None = None) -> list[dict]:
    from django.http import QueryDict
    from django.urls import reverse

    from bench.cases import LIST_CASES

    clients = _clients()
    rows = []
    for case in LIST_CASES.values():
        if logins is not None and case.login not in logins:
            continue
        client, user = clients[case.login]
        params = dict(case.params)
        if case.deep:
            # A deep page that exists for this user, whatever the size of their list.
            params["page"] = str(_deep_page(case, user))
        query = "?" + urlencode(params) if params else ""
        page_ms, page_queries = _time(client, reverse(case.url_name) + query, repeat)
        floor_url = reverse("bench_floor", args=[case.key]) + query
        floor_ms, floor_queries = _time(client, floor_url, repeat)
        matching = case.floor(user, QueryDict(urlencode(params))).count()
        row = {
            "key": case.key,
            "label": case.label,
            "params": params,
            "rows_matching": matching,
            "page_ms": round(page_ms, 1),
            "queries": page_queries,
            "floor_ms": round(floor_ms, 1),
            "floor_queries": floor_queries,
            "ratio": round(page_ms / floor_ms, 2),
        }
        row["ok"] = (
            row["queries"] <= MAX_LIST_QUERIES
            and row["ratio"] <= MAX_LIST_RATIO
            and row["page_ms"] <= MAX_LIST_MS
        )
        rows.append(row)
        _say(
            f"列表 {case.label:<18} {page_ms:7.1f} ms {page_queries:3d} 查询 | 基线 {floor_ms:6.1f} ms"
            f" | ×{row['ratio']:.2f} {'✓' if row['ok'] else '✗'}"
        )
    return rows


def measure_dashboards(repeat: int, logins: tuple[str, ...] | None = None) -> list[dict]:
    from django.urls import reverse

    from bench.cases import DASHBOARDS

    clients = _clients()
    rows = []
    for key, label, url_name, params, login in DASHBOARDS:
        if logins is not None and login not in logins:
            continue
        client, _user = clients[login]
        url = reverse(url_name) + ("?" + urlencode(params) if params else "")
        ms, queries = _time(client, url, repeat)
        rows.append(
            {
                "key": key,
                "label": label,
                "ms": round(ms, 1),
                "queries": queries,
                "ok": ms <= MAX_DASHBOARD_MS,
            }
        )
        _say(
            f"统计 {label:<20} {ms:7.1f} ms {queries:3d} 查询 {'✓' if ms <= MAX_DASHBOARD_MS else '✗'}"
        )
    return rows


# --- Exports, each in its own process -------------------------------------------------------------
def _export_in_child(which: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench", "export", which],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure_exports(repeat: int) -> list[dict]:
    rows = []
    for which, label in [
        ("quarterly", "季度报表（全市，2026年第3季度）"),
        ("visits", "履职记录导出（全市，一个季度）"),
    ]:
        runs = [_export_in_child(which) for _ in range(repeat)]
        floors = [_export_in_child(f"{which}_floor") for _ in range(repeat)]
        seconds = statistics.median(r["seconds"] for r in runs)
        floor = statistics.median(r["seconds"] for r in floors)
        peak = max(r["peak_mb"] for r in runs)
        row = {
            "key": which,
            "label": label,
            "rows": runs[0]["rows"],
            "seconds": seconds,
            "peak_mb": peak,
            "baseline_mb": runs[0]["baseline_mb"],
            "floor_seconds": floor,
            "floor_peak_mb": max(r["peak_mb"] for r in floors),
            "ratio": round(seconds / floor, 2),
            "target_seconds": MAX_EXPORT_SECONDS[which],
        }
        row["ok"] = seconds <= MAX_EXPORT_SECONDS[which] and peak <= MAX_EXPORT_MB
        rows.append(row)
        _say(
            f"导出 {label:<22} {seconds:6.2f} s {peak:6.1f} MB（{row['rows']:,} 行）| 基线 {floor:6.2f} s"
            f" | 目标 ≤{MAX_EXPORT_SECONDS[which]} s {'✓' if row['ok'] else '✗'}"
        )
    return rows


def measure_vote() -> dict:
    from bench import vote

    result = vote.run(log=_say)
    result["ok"] = (
        result["ballots_per_second"] >= MIN_BALLOTS_PER_SECOND
        and result["sequential_ms_per_ballot"] <= MAX_BALLOT_MS
        and result["errors"] == 0
        and result["voters_with_two_participations"] == 0
        and result["participations"]
        == result["sealed_ballots"]
        == result["ballots"]
        == result["voters"]
        and result["ballots_added_by_resubmission"] == 0
        and result["tally_matches_ballots_sent"]
    )
    _say(
        f"投票 {result['voters']} 人同时投票：{result['ballots_per_second']} 张/秒，"
        f"错误 {result['errors']}，参与记录 {result['participations']}，选票 {result['ballots']}，"
        f"重复提交新增选票 {result['ballots_added_by_resubmission']} {'✓' if result['ok'] else '✗'}"
    )
    _say(
        f"计票 结束投票（重排选票）{result['close_seconds']:.3f} s，统计结果 {result['tally_seconds']:.3f} s，"
        f"与投出的选票一致：{'是' if result['tally_matches_ballots_sent'] else '否'}"
    )
    return result


def _machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (pg,) = cursor.fetchone()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "postgresql": pg,
        "platform": platform.platform(),
    }


def _commit() -> str:
    """The code measured: the commit, marked when the work tree held changes beyond it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=HERE.parent, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    # The results file itself is what a run writes: it does not make the code measured differ.
    changed = git(
        "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results.json"
    )
    return commit + ("+changes" if changed else "")


def isolation(runs: dict) -> list[dict]:
    """The held county's pages at scale 3 against scale 1: its own data is the same in both.

    From the interleaved passes (`--isolation`) when both scales have them: the median of each
    page's pass medians, so a noisy moment of the machine does not decide. Otherwise from the
    scales' list and dashboard parts.
    """
    small, large = runs.get(TARGET_SCALE), runs.get(_scale_key(3.0))
    if not small or not large:
        return []
    passes = min(len(small.get("isolation_passes", [])), len(large.get("isolation_passes", [])))
    if passes:
        small, large = _pass_medians(small), _pass_medians(large)
    rows = []
    for part, figure in [("lists", "page_ms"), ("dashboards", "ms")]:
        at_three = {row["key"]: row for row in large.get(part, [])}
        for row in small.get(part, []):
            if not row["key"].endswith("_small") or row["key"] not in at_three:
                continue
            growth = at_three[row["key"]][figure] / row[figure]
            rows.append(
                {
                    "key": row["key"],
                    "label": row["label"],
                    "ms_at_1": row[figure],
                    "ms_at_3": at_three[row["key"]][figure],
                    "growth": round(growth, 2),
                    "passes": passes or 1,
                    "ok": growth <= MAX_ISOLATION_GROWTH,
                }
            )
    return rows


def _pass_medians(run: dict) -> dict:
    """A run's isolation passes as one run: each page's median over the passes."""
    merged: dict[str, list[dict]] = {}
    for part, figure in [("lists", "page_ms"), ("dashboards", "ms")]:
        by_key: dict[str, list[dict]] = {}
        for one in run["isolation_passes"]:
            for row in one.get(part, []):
                by_key.setdefault(row["key"], []).append(row)
        merged[part] = [
            {**rows[0], figure: round(statistics.median(r[figure] for r in rows), 1)}
            for rows in by_key.values()
        ]
    return merged


def _isolation_passes(args: argparse.Namespace) -> int:
    """The held county's pages at scale 1 and 3 in turn, `--rounds` times: alternating the scales
    spreads the machine's slow and fast moments over both."""
    if RESULTS.exists():
        results = json.loads(RESULTS.read_text())
        for run in results.get("runs", {}).values():
            run.pop("isolation_passes", None)
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    for _round in range(args.rounds):
        for scale in (1.0, 3.0):
            command = [sys.executable, "-m", "bench", "--scale", str(scale), "--only", "isolation"]
            if subprocess.run(command + ["--repeat", str(args.repeat)], check=False).returncode:
                return 1
    return 0


def _targets_met(results: dict) -> bool:
    run = results["runs"].get(TARGET_SCALE, {})
    parts = [*run.get("lists", []), *run.get("dashboards", []), *run.get("exports", [])]
    parts += [run[key] for key in ("vote", "budget_import") if key in run]
    parts += results.get("isolation", [])
    return bool(parts) and all(part["ok"] for part in parts) and bool(results.get("isolation"))


def _curve(args: argparse.Namespace) -> int:
    """Each scale in a process of its own: the database differs, and Django's settings are read
    once per process."""
    for scale in CURVE:
        command = [
            sys.executable,
            "-m",
            "bench",
            "--scale",
            str(scale),
            "--repeat",
            str(args.repeat),
        ]
        if args.only:
            command += ["--only", args.only]
        if subprocess.run(command, check=False).returncode != 0:
            return 1
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run", "export", "budget-import", "report"],
    )
    parser.add_argument("which", nargs="?")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--curve", action="store_true", help="run at the scales 0.3, 1 and 3")
    parser.add_argument(
        "--isolation",
        action="store_true",
        help="the held county at 1 and 3, in turn, --rounds times",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--only",
        choices=["data", "lists", "dashboards", "export", "vote", "budget", "isolation"],
    )
    args = parser.parse_args(argv)
    if args.curve:
        return _curve(args)
    if args.isolation:
        return _isolation_passes(args)
    if args.command == "report":
        from bench.report import render

        print(render())
        return 0

    _environment(args.scale)
    if args.command == "export":
        import django

        django.setup()
        from bench.export import measure

        print(json.dumps(measure(args.which)))
        return 0
    if args.command == "budget-import":
        import django

        django.setup()
        from bench.budget_import import measure as measure_budget_import

        print(json.dumps(measure_budget_import(int(args.which))))
        return 0

    _create_database()
    import django

    django.setup()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    runs = results.setdefault("runs", {})
    key = _scale_key(args.scale)
    # A partial run (--only) replaces its part of this scale's run and says its own day, commit
    # and machine; a full run starts the scale's figures afresh.
    stamp = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "commit": _commit(),
        "machine": _machine(),
    }
    if args.only:
        run = runs.setdefault(key, {})
        run.setdefault("partial_runs", {})[args.only] = stamp
    else:
        run = runs[key] = {"scale": args.scale, **stamp}
    run["data"] = ensure_data(args.scale, args.seed, args.regenerate)
    _say(f"规模 {args.scale}，提交 {stamp['commit']}，{stamp['machine']['cpu']}")
    only = args.only
    if only == "isolation":
        run.setdefault("isolation_passes", []).append(
            {
                "lists": measure_lists(args.repeat, logins=("small",)),
                "dashboards": measure_dashboards(args.repeat, logins=("small",)),
            }
        )
    if only in (None, "lists"):
        run["lists"] = measure_lists(args.repeat)
    if only in (None, "dashboards"):
        run["dashboards"] = measure_dashboards(args.repeat)
    if only in (None, "export"):
        run["exports"] = measure_exports(max(1, args.repeat // 5))
    if only in (None, "vote"):
        run["vote"] = measure_vote()
    # The budget import measures one county's month, whatever the city's size: scale 1 only.
    if only == "budget" or (only is None and key == TARGET_SCALE):
        from bench.budget_import import run as budget_import_run

        run["budget_import"] = budget_import_run(_say)
    results["runs"] = dict(sorted(runs.items(), key=lambda item: float(item[0])))
    results["isolation"] = isolation(results["runs"])
    for row in results["isolation"]:
        _say(
            f"隔离 {row['label']:<18} 1倍 {row['ms_at_1']:6.1f} ms → 3倍 {row['ms_at_3']:6.1f} ms"
            f" ×{row['growth']:.2f} {'✓' if row['ok'] else '✗'}"
        )
    results["all_targets_met"] = _targets_met(results)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    _say(f"结果已写入 {RESULTS.relative_to(HERE.parent)}")
    _say("全部达标" if results["all_targets_met"] else "有未达标项，见上表（✗）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
