"""The SQL store: models, engine and sessions, schema upgrades."""

from monitor.store.base import Base, utcnow
from monitor.store.database import Database, masked_url
from monitor.store.models import Article, ArticleUrl, CrawlRun, ListingState, PageProblem, RawPage, Source

__all__ = [
    "Article",
    "ArticleUrl",
    "Base",
    "CrawlRun",
    "Database",
    "ListingState",
    "PageProblem",
    "RawPage",
    "Source",
    "masked_url",
    "utcnow",
]
