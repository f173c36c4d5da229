"""signwatch: a scheduled crawler and change monitor for Chinese investment-promotion news.

Everything that is not Scrapy lives in this package: text cleaning, the
content-hash archive, the SQL store, event extraction, alerts, scheduling and
the ``signwatch`` command. Nothing in here imports Scrapy.
"""

__version__ = "0.1.0"
