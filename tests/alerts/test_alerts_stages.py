"""Stage alerts (issue 18): a subscription told when a project it cares about reaches a stage, once.

Real articles of our own go through the crawler's storing transaction
(``ingest_pages``) into a real store, and a real dispatcher delivers to the
demo's local Apprise sink: a signing in 宝山区, its groundbreaking months
later on another site, a repost of that, then production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.alerts.alert_event import AlertEvent
from monitor.alerts.dispatch import Dispatcher
from monitor.alerts.policy import AlertPolicy
from monitor.alerts.render import Templates
from monitor.alerts.stage_alerts import days_since_signing, stage_label
from monitor.alerts.subscriptions import SubscriptionSpec, add_subscription, describe
from monitor.archive.files import Archive
from monitor.archive.ingest import ingest_pages
from monitor.config import AlertSettings, load_settings
from monitor.demo.sink import AlertSink
from monitor.errors import ConfigError, InputError
from monitor.projects.model import STAGES
from monitor.records import FetchedPage
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from monitor.subscription_terms import STAGE_NAMES
from tests.conftest import to_store
from tests.events.events_seedtext import article_from_text

INVESTOR = "上海澄锋新能源科技有限公司"
PROJECT = "澄锋智能电驱动生产基地项目"


@dataclass(frozen=True)
class Report:
    """One article of the lifecycle: where it was read, when, and what it says."""

    site: str
    published: str
    title: str
    text: str


SIGNING = Report(
    "mirror-zblog",
    "2026-06-10",
    f"宝山区签约{PROJECT} 总投资50亿元",
    f"6月10日,上海市宝山区人民政府与{INVESTOR}签署投资协议,{PROJECT}落户宝山区罗店镇。"
    "项目总投资50亿元,主要建设新能源汽车电驱动系统生产线。",
)
GROUNDBREAKING = Report(
    "mirror-wordpress",
    "2026-10-31",
    f"{PROJECT}在宝山开工",
    f"10月31日,{PROJECT}在上海市宝山区罗店镇开工。该项目由{INVESTOR}投资建设,总投资50亿元,"
    "主要生产新能源汽车电驱动系统。",
)
REPOST = Report(
    "mirror-cms",
    "2026-11-01",
    "宝山:澄锋智能电驱动生产基地开工建设",
    f"据宝山区融媒体中心消息,{PROJECT}10月31日在宝山区罗店镇开工,项目总投资50亿元。",
)
# Judged the day after the repost, with a year's room: every report is news.
POLICY = AlertPolicy(max_event_age_days=365, now=datetime(2026, 11, 2, 2, 0, tzinfo=UTC))
SETTINGS = AlertSettings(max_attempts=3, backoff_seconds=60.0, backoff_max_seconds=600.0)


def _store(db: Database, archive: Archive, report: Report, number: int, policy: AlertPolicy = POLICY) -> None:
    published = datetime.fromisoformat(report.published).replace(tzinfo=UTC)
    article = article_from_text(report.text, title=report.title, published=published)
    page = FetchedPage(url=f"http://127.0.0.1/{report.site}/{number}.html", body=b"<html></html>", fetched_at=published)
    ingest_pages(db, archive, [to_store(page, article, report.site)], alert_policy=policy)


def _subscribe(db: Database, name: str, target: str, **filters: object) -> None:
    with db.session() as session:
        add_subscription(session, SubscriptionSpec(name=name, target=target, **filters))  # type: ignore[arg-type]


def _outbox(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as session:
        rows = session.scalars(select(OutboxRow).join(OutboxRow.subscription).order_by(OutboxRow.id)).all()
        return [(row.subscription.name, row.kind, str(row.payload.get("label"))) for row in rows]


def test_a_groundbreaking_is_told_once_with_the_days_since_signing(
    db: Database, archive: Archive, sink: AlertSink
) -> None:
    _subscribe(db, "baoshan-ground", sink.url("baoshan-ground"), places=("宝山区",), stages=("开工",))
    _subscribe(db, "jiangsu-ground", sink.url("jiangsu-ground"), places=("江苏省",), stages=("开工",))
    _subscribe(db, "production", sink.url("production"), stages=("投产",))
    _subscribe(db, "signings", sink.url("signings"), places=("宝山区",), kinds=("signing",))
    for number, report in enumerate([SIGNING, GROUNDBREAKING, REPOST]):
        _store(db, archive, report, number)
    # the signing goes to the signing subscriber only; the groundbreaking (142 days on) once,
    # to the 宝山区 one; the repost on a third site adds nothing; Jiangsu and 投产 hear nothing
    assert _outbox(db) == [
        ("signings", "signing", "投资协议"),
        ("baoshan-ground", "stage", "开工 · 签约后 143 天 · 新能源汽车"),
    ]
    delivered = Dispatcher(db, SETTINGS).deliver_due()
    assert delivered.sent == 2
    [message] = sink.received("baoshan-ground")
    assert message.title == f"【项目进展】上海市宝山区 50亿元 {INVESTOR}"
    assert message.body.splitlines()[0] == (
        f"上海市宝山区 · 2026-10-31 · 开工 · 签约后 143 天 · 新能源汽车 · {INVESTOR} · 总投资50亿元"
    )


def test_a_stage_too_old_or_older_than_the_subscription_is_not_told(db: Database, archive: Archive) -> None:
    _store(db, archive, SIGNING, 0)
    _subscribe(db, "ground", "json://127.0.0.1:9/ground", stages=("开工",))
    # judged over a year after the groundbreaking: history, not news
    _store(db, archive, GROUNDBREAKING, 1, AlertPolicy(max_event_age_days=30, now=datetime(2027, 12, 1, tzinfo=UTC)))
    assert _outbox(db) == []


@pytest.mark.parametrize(
    ("stage", "signed_on", "day", "industry", "label"),
    [
        ("开工", date(2026, 6, 10), date(2026, 10, 31), "新能源汽车", "开工 · 签约后 143 天 · 新能源汽车"),
        ("投产", date(2026, 6, 10), date(2026, 6, 10), None, "投产 · 签约后 0 天"),
        # no signing seen: the stage alone
        ("开工", None, date(2026, 10, 31), "生物医药", "开工 · 生物医药"),
        # a stage dated before its signing is a misread date, never "签约后 -3 天"
        ("竣工", date(2026, 6, 10), date(2026, 6, 7), None, "竣工"),
        ("达产", date(2026, 6, 10), None, None, "达产"),
    ],
)
def test_the_label_names_the_signing_it_follows(
    stage: str, signed_on: date | None, day: date | None, industry: str | None, label: str
) -> None:
    assert stage_label(stage, signed_on, day, industry) == label
    assert (days_since_signing(signed_on, day) is None) == ("签约后" not in label)


@pytest.mark.parametrize(
    ("body_format", "shown"),
    [
        # plain text is sent as read; markdown and html escape what the article wrote
        ("text", "标题:<script>x</script>"),
        ("markdown", "标题:\\<script\\>x\\</script\\>"),
        ("html", "标题:&lt;script&gt;x&lt;/script&gt;"),
    ],
)
def test_a_stage_alert_is_escaped_as_the_other_alerts(body_format: str, shown: str) -> None:
    event = AlertEvent(
        kind="stage",
        label="开工 · 签约后 143 天",
        county="宝山区",
        parties=("<b>澄锋</b>_[科技]",),
        title="<script>x</script>",
        url="https://x/1",
    )
    message = Templates(body_format=body_format).event(event)
    assert shown in message.body
    assert message.title.startswith("【项目进展】")


@pytest.mark.parametrize(
    ("stages", "kinds", "saved", "error"),
    [
        (("开工",), (), (["开工"], ["stage"]), None),
        # naming a kind as well keeps it: signings and groundbreakings
        ((" 开工 ", "投产", "开工"), ("signing",), (["开工", "投产"], ["signing"]), None),
        (("封顶",), (), None, "--stage '封顶' is not one of 签约, 落地, 开工, 竣工, 投产, 达产"),
        (("",), (), None, "--stage '' is not one of 签约, 落地, 开工, 竣工, 投产, 达产"),
    ],
)
def test_subscribe_takes_stages_as_it_takes_kinds(
    sqlite_db: Database,
    stages: tuple[str, ...],
    kinds: tuple[str, ...],
    saved: tuple[list[str], list[str]] | None,
    error: str | None,
) -> None:
    spec = SubscriptionSpec(name="s", target="json://127.0.0.1:9/s", stages=stages, kinds=kinds)
    with sqlite_db.session() as session:
        if error is not None:
            with pytest.raises(InputError) as caught:
                add_subscription(session, spec)
            assert str(caught.value) == error
            return
        shown = describe(add_subscription(session, spec))
    assert (shown["stages"], shown["kinds"]) == saved


def test_the_config_stages_are_the_readers() -> None:
    assert STAGE_NAMES == STAGES


def test_a_config_subscription_keeps_its_stages(tmp_path: Path) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text("[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\nstages = ['开工']\n", encoding="utf-8")
    assert load_settings(path).subscriptions[0].stages == ["开工"]
    path.write_text("[[subscriptions]]\nname = 's'\nurl = 'json://h/x'\nstages = '开工'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: subscriptions[0].stages (s): ")
