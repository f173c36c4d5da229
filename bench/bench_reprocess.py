"""Reprocess benchmark: articles/s of ``reprocess`` in this tree and in an earlier one, side by side.

    .venv/bin/python bench/bench_reprocess.py [--articles 6000] [--repeats 3] [--before DIR] [--quick] [--json]

Builds one SQLite store by importing a generated archive (signings at
places and days drawn from skewed distributions over ten years, one article
in eight a repost of an earlier one's signing, as in bench_workbench), analyses it
once, then times ``mark_all_pending`` + ``analyse_pending`` (what
``signwatch reprocess`` runs) on copies of that store: in this tree and, with
``--before``, in a ``git worktree`` of the earlier design, alternating the
trees, ``--repeats`` times each.  Each run is a child process importing its
tree's code.  Reports articles/s per run, medians, their ratio, CPU ms per
article in the parent and in the worker processes, the load average, and
whether the two trees stored the same events.

``--quick``: 1,200 articles, one run each (under a minute on a quiet machine).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (province, city, district): a few places carry most of the news, as in the real sources.
PLACES = [
    ("上海市", "上海市", "宝山区"),
    ("上海市", "上海市", "嘉定区"),
    ("江苏省", "苏州市", "昆山市"),
    ("江苏省", "南京市", "江宁区"),
    ("浙江省", "宁波市", "北仑区"),
    ("广东省", "广州市", "黄埔区"),
    ("山东省", "青岛市", "黄岛区"),
    ("四川省", "成都市", "双流区"),
    ("安徽省", "合肥市", "蜀山区"),
    ("河南省", "郑州市", "金水区"),
]
PLACE_WEIGHTS = [30, 10, 9, 6, 5, 4, 3, 2, 1, 1]
INDUSTRIES = ["集成电路", "新能源汽车", "生物医药", "人工智能", "新材料", "高端装备", "数字经济", "现代物流"]
PARTIES = ["中国电子科技集团", "宁德时代", "比亚迪", "上海电气", "中芯国际", "国家电投"]
FILLER = (
    "会上,区领导介绍了营商环境和产业政策,表示将为企业提供全生命周期服务。"
    "与会企业代表表示,将加快项目建设进度,争取早开工、早投产、早见效。"
    "近年来,该区坚持招商引资“一号工程”,聚焦主导产业链精准招商,优化园区载体布局。"
)

# Run inside the child: reprocess the store at argv[1] with the tree on sys.path; print seconds,
# count and a digest of the stored events (kind, status, place, date, cluster partition).
_CHILD = r"""
import hashlib, json, resource, sys, time
from sqlalchemy import text
from monitor.archive.analysis import analyse_pending, mark_all_pending
from monitor.store import Database
db = Database("sqlite:///" + sys.argv[1])
started, cpu = time.perf_counter(), time.process_time()
mark_all_pending(db)
count = analyse_pending(db)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
workers_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
workers_cpu = workers_cpu.ru_utime + workers_cpu.ru_stime
with db.session() as session:
    rows = session.execute(text(
        "SELECT a.content_hash, e.position, e.kind, e.status, e.city, e.date_from, e.cluster_id"
        " FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.content_hash, e.position")).all()
first = {}
for row in rows:
    first.setdefault(row[6], (row[0], row[1]))
digest = hashlib.sha256(json.dumps([[*map(str, row[:6]), first[row[6]]] for row in rows]).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "parent_cpu": cpu, "workers_cpu": workers_cpu, "articles": count,
                  "events": len(rows), "digest": digest[:16]}))
"""


def _article(rng: random.Random, index: int) -> str:
    """One article in the seed format: a signing at a place and day drawn from skewed distributions."""
    province, city, district = rng.choices(PLACES, PLACE_WEIGHTS)[0]
    industry = rng.choice(INDUSTRIES)
    day = date(2026, 11, 30) - timedelta(days=int(abs(rng.gauss(0, 700))) % 3800)
    amount = f"{round(10 ** rng.triangular(0, 3, 1.3), 1):g}亿元"
    where = f"{province if province != city else ''}{city}{district}"
    return (
        f"{district}{industry}项目集中签约 总投资{amount}\n"
        f"{day.isoformat()} 10:00 来源:{district}融媒体中心\n"
        f"{day.month}月{day.day}日,{where}举行{industry}重点项目集中签约仪式,{rng.randint(2, 60)}个项目集中签约,"
        f"总投资{amount}。签约项目涵盖{industry}、{rng.choice(INDUSTRIES)}等领域,{rng.choice(PARTIES)}等企业参加。\n"
        f"{FILLER[: rng.randint(60, len(FILLER))]}(第{index}篇)\n"
    )


def build_archive(directory: Path, count: int, seed: int = 19) -> None:
    """Write ``count`` distinct files in the seed format; one in eight reposts an earlier article's signing."""
    rng = random.Random(seed)
    written: list[str] = []
    for index in range(count):
        if written and rng.random() < 0.125:
            text = rng.choice(written).replace("(第", f"(转载{index},第", 1)
        else:
            text = _article(rng, index)
            written.append(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        (directory / f"{index:03d}_{digest}.txt").write_text(text, encoding="utf-8")


def build_store(work: Path, count: int) -> Path:
    """An analysed SQLite store of ``count`` imported articles; its path."""
    sys.path.insert(0, str(ROOT))
    from monitor.archive.analysis import analyse_pending
    from monitor.archive.files import Archive
    from monitor.archive.importer import import_archive
    from monitor.store import Database

    source = work / "incoming"
    source.mkdir()
    build_archive(source, count)
    path = work / "store.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    import_archive(db, Archive(work / "archive"), source)
    analyse_pending(db)
    db.dispose()
    return path


def run_tree(tree: Path, store: Path, work: Path, label: str) -> dict[str, object]:
    """Reprocess a copy of ``store`` with ``tree``'s code in a child process."""
    copy = work / f"{label}.db"
    shutil.copyfile(store, copy)
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(copy)], cwd=tree, env=environment, capture_output=True, text=True, check=True
    )
    copy.unlink()
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a worktree of the earlier design")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.quick:
        options.articles, options.repeats = 1200, 1
    trees = {"this": ROOT, **({"before": options.before.resolve()} if options.before else {})}
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in trees}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="signwatch-bench-reprocess-") as directory:
        work = Path(directory)
        store = build_store(work, options.articles)
        for repeat in range(options.repeats):
            order = list(trees) if repeat % 2 == 0 else list(reversed(trees))
            for name in order:
                runs[name].append(run_tree(trees[name], store, work, name))
                loads.append(os.getloadavg()[0])
    rates = {
        name: [float(str(r["articles"])) / float(str(r["seconds"])) for r in found] for name, found in runs.items()
    }
    medians = {name: statistics.median(values) for name, values in rates.items()}
    # CPU per article in the parent (reading, filing, writing) and in the worker processes (cleaning,
    # extraction): the parent's is the ceiling of articles/s however many cores the workers get.
    cpu_ms = {
        name: {
            part: round(statistics.median(1000 * float(str(r[part])) / float(str(r["articles"])) for r in found), 2)
            for part in ("parent_cpu", "workers_cpu")
        }
        for name, found in runs.items()
    }
    result = {
        "articles": options.articles,
        "repeats": options.repeats,
        "articles_per_s": {name: [round(v) for v in values] for name, values in rates.items()},
        "median_articles_per_s": {name: round(value) for name, value in medians.items()},
        "cpu_ms_per_article": cpu_ms,
        "ratio_this_vs_before": round(medians["this"] / medians["before"], 2) if "before" in medians else None,
        "same_events": len({str(r["digest"]) for found in runs.values() for r in found}) == 1,
        "events": runs["this"][0]["events"],
        "load_average": [round(min(loads), 1), round(max(loads), 1)],
        "cpus": os.cpu_count(),
    }
    if options.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
