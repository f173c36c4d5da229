"""Distributed crawling: scrapy-redis queue shared by several ``signwatch worker`` processes."""
