"""The date a feed gives each item: RSS pubDate, Atom published (else updated), dc:date; Beijing time when zoneless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.spiders.discovery import FeedEntry, feed_entries, parse_feed_date

BEIJING = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("Thu, 26 Aug 2021 10:30:00 +0800", datetime(2021, 8, 26, 10, 30, tzinfo=BEIJING)),  # RSS 2.0 (RFC 822)
        ("Thu, 26 Aug 2021 02:30:00 GMT", datetime(2021, 8, 26, 2, 30, tzinfo=UTC)),
        ("Thu, 26 Aug 2021 10:30:00", datetime(2021, 8, 26, 10, 30, tzinfo=BEIJING)),  # no zone: the site's time
        ("2021-08-26T02:30:00Z", datetime(2021, 8, 26, 2, 30, tzinfo=UTC)),  # Atom (RFC 3339)
        ("2021-08-26T10:30:00+08:00", datetime(2021, 8, 26, 10, 30, tzinfo=BEIJING)),
        ("2021-08-26 10:30:00", datetime(2021, 8, 26, 10, 30, tzinfo=BEIJING)),  # Z-BlogPHP and DedeCMS feeds
        ("2021/08/26", datetime(2021, 8, 26, tzinfo=BEIJING)),
        ("", None),
        ("昨天", None),
        ("0000-00-00 00:00:00", None),
    ],
)
def test_feed_dates(text: str, moment: datetime | None) -> None:
    assert parse_feed_date(text) == moment


def test_each_item_keeps_its_own_date() -> None:
    rss = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<channel><title>t</title><pubDate>Fri, 27 Aug 2021 00:00:00 +0800</pubDate>"
        b"<item><link>http://a.cn/1.html</link><pubDate>Thu, 26 Aug 2021 10:30:00 +0800</pubDate></item>"
        b"<item><link>http://a.cn/2.html</link><dc:date>2021-08-25T09:00:00+08:00</dc:date></item>"
        b"<item><link>http://a.cn/3.html</link></item>"
        b"<item><link>http://a.cn/1.html</link><pubDate>Mon, 01 Jan 2001 00:00:00 +0800</pubDate></item>"
        b"</channel></rss>"
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><updated>2021-08-27T00:00:00Z</updated>'
        b'<entry><link rel="alternate" href="http://a.cn/4.html"/><updated>2021-08-27T01:00:00Z</updated>'
        b"<published>2021-08-24T08:00:00+08:00</published></entry>"
        b'<entry><link href="http://a.cn/5.html"/><link rel="edit" href="http://a.cn/edit/5"/>'
        b"<updated>2021-08-23T08:00:00+08:00</updated></entry></feed>"
    )
    assert feed_entries(rss) == [
        FeedEntry("http://a.cn/1.html", datetime(2021, 8, 26, 10, 30, tzinfo=BEIJING)),
        FeedEntry("http://a.cn/2.html", datetime(2021, 8, 25, 9, 0, tzinfo=BEIJING)),
        FeedEntry("http://a.cn/3.html", None),
    ]
    # Atom: published before updated; only the alternate link is the article.
    assert feed_entries(atom) == [
        FeedEntry("http://a.cn/4.html", datetime(2021, 8, 24, 8, 0, tzinfo=BEIJING)),
        FeedEntry("http://a.cn/5.html", datetime(2021, 8, 23, 8, 0, tzinfo=BEIJING)),
    ]
