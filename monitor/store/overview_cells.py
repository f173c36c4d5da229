"""The Overview's sums kept beside the events: one row per month × place × industry × amount band.

The Overview charts signed investment and event counts of the period by
month, place, industry and amount band, counting each real-world event
once (a cluster by its founding report, its lowest event id).  Summed from
``events`` on each request that is seconds at 300,000 events; summed from
``overview_cells`` it is a few thousand small rows.

Two tables, kept by database triggers (migration 0011) so that every
writer — the storing transaction, reprocess, import, a deletion of an
article or a cluster — keeps them right without knowing of them:

- ``overview_clusters``: what each cluster adds, read off its founding
  report (month, place, industry, band, signed yuan);
- ``overview_cells``: the sums of those by month, place, industry and band.

A trigger on ``events`` *resyncs* each cluster a changed row belongs to
(before and after the change): it takes the cluster's old share out of
the cells, reads its founder afresh and puts the new share in.  A resync
is idempotent, so it does not matter that PostgreSQL runs AFTER ROW
triggers at the end of a statement: each one sees the final rows.

Empty values are stored as ``''`` (and no band as -1) so that the cells'
primary key, which NULLs would not match, can take every row's upsert.
"""

from __future__ import annotations

from sqlalchemy import Connection, Float, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from monitor.store.base import Base

# Amount bands in yuan (lower bound inclusive), as the Overview shows them: the index is the cell's band.
BAND_FLOORS = (0.0, 1e8, 1e9, 5e9, 1e10)
NO_BAND = -1  # no amount, another currency than yuan, or a negative one
# The event columns a cluster's share reads: an UPDATE of any of them resyncs the cluster.
READ_COLUMNS = ("cluster_id", "reported_on", "province", "city", "county", "industry", "status", "currency")
KEY_COLUMNS = ("month", "province", "city", "county", "industry", "band")


class OverviewCell(Base):
    """The founding reports of one month, place, industry and amount band: how many, and their signed yuan."""

    __tablename__ = "overview_cells"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM of reported_on
    province: Mapped[str] = mapped_column(String(40), primary_key=True)
    city: Mapped[str] = mapped_column(String(40), primary_key=True)
    county: Mapped[str] = mapped_column(String(40), primary_key=True)
    industry: Mapped[str] = mapped_column(String(40), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    signed: Mapped[float] = mapped_column(Float)  # yuan of done signings
    events: Mapped[int] = mapped_column(Integer)


class OverviewCluster(Base):
    """The share one cluster adds to ``overview_cells``: its founding report's cell and signed yuan.

    With the founding report's id and its amount in yuan, so the Overview's
    largest events of a period are read here by amount, not sorted from
    every event of the period.
    """

    __tablename__ = "overview_clusters"

    cluster_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)  # the founding report (no foreign key: triggers keep it)
    amount: Mapped[float | None] = mapped_column(Float, index=True)  # its investment in yuan, None in another
    month: Mapped[str] = mapped_column(String(7))
    province: Mapped[str] = mapped_column(String(40))
    city: Mapped[str] = mapped_column(String(40))
    county: Mapped[str] = mapped_column(String(40))
    industry: Mapped[str] = mapped_column(String(40))
    band: Mapped[int] = mapped_column(Integer)
    signed: Mapped[float] = mapped_column(Float)


def _share_select(dialect: str) -> str:
    """SELECT of a founding report's share, over ``events e``: key columns, signed yuan, its id and yuan amount."""
    month = "substr(e.reported_on, 1, 7)" if dialect == "sqlite" else "to_char(e.reported_on, 'YYYY-MM')"
    yuan = "e.investment_value IS NOT NULL AND e.currency = 'CNY'"
    bands = " ".join(
        f"WHEN e.investment_value >= {floor!r} THEN {index}" for index, floor in reversed(list(enumerate(BAND_FLOORS)))
    )
    return (
        f"{month}, coalesce(e.province, ''), coalesce(e.city, ''), coalesce(e.county, ''),"
        f" coalesce(e.industry, ''), CASE WHEN NOT ({yuan}) THEN {NO_BAND} {bands} ELSE {NO_BAND} END,"
        f" CASE WHEN e.status = 'done' AND {yuan} THEN e.investment_value ELSE 0.0 END,"
        f" e.id, CASE WHEN {yuan} THEN e.investment_value END"
    )


def _add_cells(source: str, sign: str) -> str:
    """Add ``source``'s rows (key columns, signed) times ``sign`` to the cells."""
    keys = ", ".join(KEY_COLUMNS)
    return (
        f"INSERT INTO overview_cells ({keys}, signed, events) {source.format(sign=sign)}"
        f" ON CONFLICT ({keys}) DO UPDATE SET signed = overview_cells.signed + excluded.signed,"
        " events = overview_cells.events + excluded.events"
    )


def resync_statements(dialect: str, cluster: str) -> list[str]:
    """The statements that bring cluster ``cluster`` (an SQL expression) up to date in both tables."""
    keys = ", ".join(KEY_COLUMNS)
    share = f"SELECT {keys}, {{sign}} * signed, {{sign}} FROM overview_clusters WHERE cluster_id = {cluster}"
    founder = f"(SELECT min(f.id) FROM events f WHERE f.cluster_id = {cluster})"
    return [
        _add_cells(share, "-1"),
        f"DELETE FROM overview_clusters WHERE cluster_id = {cluster}",
        f"INSERT INTO overview_clusters (cluster_id, {keys}, signed, event_id, amount)"
        f" SELECT e.cluster_id, {_share_select(dialect)} FROM events e"
        f" WHERE e.id = {founder} AND e.reported_on IS NOT NULL",
        _add_cells(share, "1"),
    ]


def _sqlite_triggers() -> list[str]:
    def body(*clusters: str) -> str:
        return " ".join(f"{s};" for cluster in clusters for s in resync_statements("sqlite", cluster))

    watched = ", ".join(READ_COLUMNS) + ", investment_value"
    return [
        f"CREATE TRIGGER overview_events_insert AFTER INSERT ON events BEGIN {body('NEW.cluster_id')} END",
        f"CREATE TRIGGER overview_events_delete AFTER DELETE ON events BEGIN {body('OLD.cluster_id')} END",
        f"CREATE TRIGGER overview_events_update AFTER UPDATE OF {watched} ON events"
        f" BEGIN {body('OLD.cluster_id', 'NEW.cluster_id')} END",
    ]


def _postgres_triggers() -> list[str]:
    statements = " ".join(f"{s};" for s in resync_statements("postgresql", "changed"))
    watched = ", ".join(READ_COLUMNS) + ", investment_value"
    return [
        "CREATE FUNCTION overview_resync(changed integer) RETURNS void LANGUAGE plpgsql AS $$"
        f" BEGIN IF changed IS NOT NULL THEN {statements} END IF; END $$",
        "CREATE FUNCTION overview_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF TG_OP <> 'INSERT' THEN PERFORM overview_resync(OLD.cluster_id); END IF;"
        " IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.cluster_id IS DISTINCT FROM OLD.cluster_id) THEN"
        " PERFORM overview_resync(NEW.cluster_id); END IF;"
        " RETURN NULL; END $$",
        "CREATE TRIGGER overview_events_changed AFTER INSERT OR DELETE OR UPDATE OF"
        f" {watched} ON events FOR EACH ROW EXECUTE FUNCTION overview_events_changed()",
    ]


def create_triggers(connection: Connection) -> None:
    """Make the triggers that keep both tables current on every change to ``events``."""
    dialect = connection.dialect.name
    for statement in _sqlite_triggers() if dialect == "sqlite" else _postgres_triggers():
        connection.execute(text(statement))


def drop_triggers(connection: Connection) -> None:
    """Drop what ``create_triggers`` made."""
    if connection.dialect.name == "sqlite":
        for name in ("overview_events_insert", "overview_events_delete", "overview_events_update"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    else:
        connection.execute(text("DROP TRIGGER IF EXISTS overview_events_changed ON events"))
        connection.execute(text("DROP FUNCTION IF EXISTS overview_events_changed()"))
        connection.execute(text("DROP FUNCTION IF EXISTS overview_resync(integer)"))


def refill(connection: Connection) -> None:
    """Compute both tables afresh from ``events`` (a migration's backfill, or a repair)."""
    keys = ", ".join(KEY_COLUMNS)
    connection.execute(text("DELETE FROM overview_cells"))
    connection.execute(text("DELETE FROM overview_clusters"))
    connection.execute(
        text(
            f"INSERT INTO overview_clusters (cluster_id, {keys}, signed, event_id, amount)"
            f" SELECT e.cluster_id, {_share_select(connection.dialect.name)} FROM events e"
            " WHERE e.reported_on IS NOT NULL AND e.id IN"
            " (SELECT min(f.id) FROM events f WHERE f.cluster_id IS NOT NULL GROUP BY f.cluster_id)"
        )
    )
    connection.execute(
        text(
            f"INSERT INTO overview_cells ({keys}, signed, events)"
            f" SELECT {keys}, sum(signed), count(*) FROM overview_clusters GROUP BY {keys}"
        )
    )
