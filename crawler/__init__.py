"""The Scrapy project: spiders per site type, politeness, and pipelines that call into ``monitor``.

Arrows point one way: this package imports ``monitor``; ``monitor`` never
imports Scrapy or this package.
"""
