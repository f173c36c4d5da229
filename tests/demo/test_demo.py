"""``signwatch demo``: the whole job offline; the second pass alerts only the new event."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from monitor.config import Settings
from monitor.demo.mirror.lifecycles import PROJECT
from monitor.demo.tour import NEW_TITLE, REPOST_TITLE, run_demo
from monitor.projects.model import STAGES
from monitor.store import Database
from monitor.store.models import Article
from monitor.store.project_models import Project, ProjectStage
from tests.running.conftest import signwatch


def test_demo_alerts_new_event_once_and_repost_never(tmp_path: Path) -> None:
    timelines: list[tuple[str, list[tuple[str, str]]]] = []

    def read_timelines(_: Settings, db: Database) -> None:
        with db.session() as session:
            for project in session.scalars(select(Project).where(Project.name == PROJECT)):
                reports = session.execute(
                    select(ProjectStage.stage, Article.url)
                    .join(Article, Article.id == ProjectStage.article_id)
                    .where(ProjectStage.project_id == project.id)
                ).all()
                # in lifecycle order: the crawl reads the sites in its own order
                steps = sorted((STAGES.index(stage), stage, str(url).split("/")[3]) for stage, url in reports)
                timelines.append((project.name, [(stage, site) for _, stage, site in steps]))

    report = run_demo(tmp_path / "demo", then=read_timelines)
    first, second = report.passes
    assert first.new_articles >= 30 and first.events > 0 and first.alerts > 0
    # the new article, the repost, and the lifecycle's production (issue 18)
    assert second.new_articles == 3
    # their events: the new signing, the repost's, and the production's report (a mention, never alerted)
    assert second.events == 3
    # the new signing, and the production of the project signed 400 days before on another site
    assert second.alerts == 2
    signing = next(m for m in second.received if "上海市金山区" in m.body)
    assert "86亿元" in signing.body
    [stage] = [m for m in second.received if m.title.startswith("【项目进展】")]
    assert stage.body.splitlines()[0].startswith("上海市宝山区 · ")
    assert "投产 · 签约后 400 天 · 新能源汽车 · 上海澄锋新能源科技有限公司" in stage.body
    # one project, linked across three sites: its signing, groundbreaking and production
    assert timelines == [(PROJECT, [("签约", "generic"), ("开工", "zblog"), ("投产", "dedecms")])]
    # The repost joined the cluster of the seed-000 signing the first pass saw.
    baoshan = [
        e
        for e in report.events
        if e["place"]["county"] == "宝山区" and e["projects"] == 100 and e["kind"] == "集中签约"
    ]
    titles = {e["article"]["title"] for e in baoshan}
    assert REPOST_TITLE in titles and len(baoshan) >= 2
    assert len({e["cluster"] for e in baoshan}) == 1
    assert any(e["article"]["title"] == NEW_TITLE for e in report.events)


def test_demo_command_json(tmp_path: Path) -> None:
    result = signwatch("demo", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [sorted(p) for p in document["passes"]] == [
        ["alerts", "duplicates", "events", "new_articles", "revisions"]
    ] * 2
    assert document["passes"][1]["alerts"] == 2  # the new signing and a project's production
    assert document["events"]
    assert not (tmp_path / "signwatch-data").exists()  # a temporary data directory unless one is given
