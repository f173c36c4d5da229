"""Migration 0007 upgrades a populated 0006 database: articles and events kept, projects ready to fill."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select, text

from monitor.store import Article, Database
from monitor.store.event_models import EventRow
from monitor.store.migrate import alembic_config

# Two stored articles of 0006 days, one with a signing event (a real 宝山 report, abridged).
ARTICLES = (
    (
        "宝山区重大产业项目集中签约",
        "8月26日,上海市宝山区举行重大产业项目集中签约仪式,100个产业项目集中签约,总投资额超500亿元。",
    ),
    ("上药超级工厂正式开工", "上海医药集团在宝山区投资建设的上药超级工厂项目正式开工。"),
)


def _populate(db: Database) -> None:
    with db.session() as session:
        for number, (title, body) in enumerate(ARTICLES):
            session.add(
                Article(
                    content_hash=f"{number:016x}",
                    file_hash=f"{number:016x}",
                    archive_name=f"{number:03d}_{number:016x}.txt",
                    sequence=number,
                    title=title,
                    raw_text=body,
                    clean_text=body,
                    url=f"http://127.0.0.1/{number}.html",
                )
            )
        session.flush()
        first = session.scalars(select(Article.id).order_by(Article.id)).first()
        # 0006's events table, written without the ORM model (which has 0007's columns)
        session.execute(
            text(
                "INSERT INTO events (article_id, position, kind, status, province, city, county, parties,"
                " parts, evidence, created_at) VALUES (:article, 0, '集中签约', 'done', '上海市', '上海市',"
                " '宝山区', '[]', '[]', :evidence, CURRENT_TIMESTAMP)"
            ),
            {"article": first, "evidence": ARTICLES[0][1]},
        )


def _upgrade_populated(url: str) -> None:
    db = Database(url)
    try:
        db.upgrade("0006")
        _populate(db)
        assert db.upgrade("0007") == ["0007"]
        tables = set(inspect(db.engine).get_table_names())
        assert {"projects", "project_stages", "event_parties"} <= tables
        with db.session() as session:
            assert len(session.scalars(select(Article)).all()) == 2
            # the columns 0007 has (the model also reads later ones, such as 0016's source_id)
            [event] = session.execute(select(EventRow.county, EventRow.industry)).all()
            assert tuple(event) == ("宝山区", None)  # filled by reprocess, never guessed
        with db.engine.begin() as connection:  # and back: the old columns and rows survive a downgrade
            command.downgrade(alembic_config(connection), "0006")
        assert "projects" not in set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT county FROM events")).scalar() == "宝山区"
    finally:
        db.dispose()


def test_0007_upgrades_a_populated_sqlite_database(tmp_path: Path) -> None:
    _upgrade_populated(f"sqlite:///{tmp_path / 'old.db'}")


def test_0007_upgrades_a_populated_postgresql_database(postgres_url: str) -> None:
    _upgrade_populated(postgres_url)
