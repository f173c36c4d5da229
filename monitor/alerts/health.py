"""Source health: a source that keeps failing, or whose listings stop yielding links, raises an alert.

A crawl run is *bad* when it failed, or when it finished but its listing
pages gave no article links (the site's layout changed under us).  When the
newest ``threshold`` finished runs of a source are all bad, one ``health``
alert goes out, keyed by the first bad run so the outage is announced once
however long it lasts; when a good run follows an announced outage, one
recovery alert goes out.  Both are plain outbox rows, delivered like any other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from monitor.alerts.digest_times import zone
from monitor.alerts.outbox import queue_health
from monitor.store import Database
from monitor.store.alert_models import OutboxRow
from monitor.store.models import Article, CrawlRun, Source

# How far back a health check looks past the threshold, to find an outage's start.
_LOOKBACK = 200
# The statuses of a run that has ended.
_FINISHED = ("ok", "failed", "killed")


@dataclass(frozen=True)
class SourceHealth:
    """What ``signwatch sources`` shows of a source's health."""

    name: str
    last_success: datetime | None  # the newest good run's start
    consecutive_failures: int  # bad runs (failed, or no listing links) since the last good one
    last_new_article: datetime | None  # when the newest article of this source was stored
    last_error: str | None  # the newest bad run's error text
    reason: str  # why the streak is bad, in Chinese ("" when healthy)

    def to_json(self) -> dict[str, Any]:
        """The health as JSON."""
        return {
            "name": self.name,
            "last_success": self.last_success.isoformat() if self.last_success else None,
            "consecutive_failures": self.consecutive_failures,
            "last_new_article": self.last_new_article.isoformat() if self.last_new_article else None,
            "last_error": self.last_error,
            "reason": self.reason,
        }


def is_bad(run: CrawlRun) -> bool:
    """Whether a finished run counts against the source: failed, or no article links on its listings."""
    return run.status in ("failed", "killed") or (run.status == "ok" and run.listing_links == 0)


def describe_streak(streak: Sequence[CrawlRun]) -> str:
    """Why a run of bad crawls is bad, in Chinese."""
    failed = sum(1 for run in streak if run.status in ("failed", "killed"))
    if failed == len(streak):
        return f"连续{len(streak)}次抓取失败"
    if failed == 0:
        return f"连续{len(streak)}次列表页没有文章链接(页面结构可能已改变)"
    return f"连续{len(streak)}次抓取异常(其中{failed}次失败,其余列表页没有文章链接)"


@contextmanager
def _session(target: Database | Session) -> Iterator[Session]:
    if isinstance(target, Session):
        yield target
    else:
        with target.session() as session:
            yield session


def _finished_runs(session: Session, source_id: int, limit: int) -> list[CrawlRun]:
    """The newest finished runs of a source, newest first."""
    return list(
        session.scalars(
            select(CrawlRun)
            .where(CrawlRun.source_id == source_id, CrawlRun.status.in_(_FINISHED))
            .order_by(CrawlRun.id.desc())
            .limit(limit)
        )
    )


def _leading(runs: Sequence[CrawlRun], bad: bool) -> list[CrawlRun]:
    streak: list[CrawlRun] = []
    for run in runs:
        if is_bad(run) != bad:
            break
        streak.append(run)
    return streak


def _when(moment: datetime | None, timezone: str) -> str:
    return moment.astimezone(zone(timezone)).strftime("%Y-%m-%d %H:%M") if moment else ""


def check_source_health(
    target: Database | Session, source_name: str, threshold: int, *, timezone: str = "Asia/Shanghai"
) -> str | None:
    """Queue a health alert if the source just crossed ``threshold`` bad runs, or just recovered.

    Call after each crawl run ends.  Returns ``"down"`` or ``"up"`` when
    alerts were queued now, None otherwise (calling again adds nothing).
    """
    threshold = max(threshold, 1)
    with _session(target) as session:
        source_id = session.scalar(select(Source.id).where(Source.name == source_name))
        if source_id is None:
            return None
        runs = _finished_runs(session, source_id, threshold + _LOOKBACK)
        streak = _leading(runs, bad=True)
        if len(streak) >= threshold:
            start = streak[-1]
            payload = {
                "state": "down",
                "source": source_name,
                "reason": describe_streak(streak[:threshold] if len(streak) == threshold else streak),
                "since": _when(start.started_at, timezone),
                "error": streak[0].error_text or "",
                "runs": len(streak),
            }
            added = queue_health(session, f"health:{source_id}:{start.id}:down", payload)
            return "down" if added else None
        good = _leading(runs, bad=False)
        outage = _leading(runs[len(good) :], bad=True)
        if not good or len(outage) < threshold:
            return None
        start = outage[-1]
        announced = session.scalar(
            select(OutboxRow.id).where(OutboxRow.alert_key == f"health:{source_id}:{start.id}:down").limit(1)
        )
        if announced is None:
            return None  # no outage was announced, so there is nothing to call off
        payload = {
            "state": "up",
            "source": source_name,
            "reason": describe_streak(outage),
            "since": _when(start.started_at, timezone),
            "error": "",
            "runs": len(outage),
        }
        added = queue_health(session, f"health:{source_id}:{start.id}:up", payload)
        return "up" if added else None


@cache  # a statement is immutable: made once, compiled once (SQLAlchemy caches the compiled form by its key)
def _health_select() -> Select[int, str, datetime | None, datetime | None, int | None, int | None]:
    """Per source, by name: its newest article's stored time, its newest good run's start and id, its newest
    finished run's id.  Each is one source's newest row of an index (source, id) or (source, started_at)."""
    article = aliased(Article)
    good = aliased(CrawlRun)
    finished = aliased(CrawlRun)
    # Articles are stored in id order (stored_at is the moment of the insert), so a source's newest article is
    # its highest id, read off ix_articles_source_stored (source_id, id, stored_at) without a max over them all.
    newest_article = (
        select(article.stored_at).where(article.source_id == Source.id).order_by(article.id.desc()).limit(1)
    )
    # A good run is not is_bad: it finished ok with listing links.
    newest_good = (
        select(good)
        .where(good.source_id == Source.id, good.status == "ok", good.listing_links != 0)
        .order_by(good.started_at.desc(), good.id.desc())
        .limit(1)
    )
    newest_finished = (
        select(finished.id)
        .where(finished.source_id == Source.id, finished.status.in_(_FINISHED))
        .order_by(finished.started_at.desc(), finished.id.desc())
        .limit(1)
    )
    return select(
        Source.id,
        Source.name,
        newest_article.scalar_subquery(),
        newest_good.with_only_columns(good.started_at).scalar_subquery(),
        newest_good.with_only_columns(good.id).scalar_subquery(),
        newest_finished.scalar_subquery(),
    ).order_by(Source.name)


def source_health(target: Database | Session) -> list[SourceHealth]:
    """Every source's health, by name: last success, consecutive bad runs, last new article.

    One statement reads every source's newest article, newest good run and
    newest finished run (each an index lookup per source); only a source
    whose newest finished run is bad has its runs read, to measure its streak.
    Reading every source's runs and a ``max`` over every article took most of
    the Overview's first request at a million articles.
    """
    with _session(target) as session:
        found: list[SourceHealth] = []
        for source_id, name, newest_article, last_success, newest_good, newest_finished in session.execute(
            _health_select()
        ):
            streak: list[CrawlRun] = []
            if newest_finished is not None and newest_finished != newest_good:
                # its newest finished run is bad: the streak is its bad runs back to the last good one
                streak = _leading(_finished_runs(session, source_id, _LOOKBACK), bad=True)
            found.append(
                SourceHealth(
                    name=name,
                    last_success=last_success,
                    consecutive_failures=len(streak),
                    last_new_article=newest_article,
                    last_error=streak[0].error_text if streak else None,
                    reason=describe_streak(streak) if streak else "",
                )
            )
        return found
