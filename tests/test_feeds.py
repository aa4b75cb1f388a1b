"""Feeds: each item becomes its linked page (or its own full content) or a Skip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest

from flashpoint.config import Settings
from flashpoint.ingest.feeds import FeedItem, feed_documents, looks_like_feed, parse_feed
from flashpoint.model import Document, Skip, SkipReason

from .httpserver import LocalServer, Reply, serve

FERRY_PAGE = (
    "<html><head><title>Ferry service restored</title></head><body><article>"
    "<p>Ferry crossings between the two island ports resumed on Tuesday after a week"
    " of storms.</p></article></body></html>"
)
BUDGET_PAGE = (
    "<html><head><title>Council budget</title></head><body>"
    "<p>The city council approved a smaller budget for road repairs.</p></body></html>"
)
# Over fifty words, so it can stand in for a page that cannot be fetched.
LONG_STORY = (
    "<p>Fishermen in the northern bay staged a second day of protest on Monday, anchoring"
    " dozens of small boats across the harbour mouth to demand lower fuel prices.</p>"
    "<p>Port officials said cargo ships had been held outside the breakwater since dawn."
    " The regional governor offered to meet a delegation of boat owners later in the week,"
    " but organisers said the blockade would stay until the fuel levy is suspended.</p>"
)
SHORT_TEASER = "<p>Storm warnings were issued for the coast.</p>"
PLAIN_STORY = (
    "Farmers in the valley began the grain harvest early this year.\n\n"
    "Officials expect a record crop & higher exports."
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as running:
        running.page("/news/ferry", FERRY_PAGE)
        running.page("/news/budget", BUDGET_PAGE)
        running.route("/news/broken", Reply(status=500, body=b"database is down"))
        running.route("/news/gone", Reply(status=500, body=b"database is down"))
        running.route(
            "/news/report.pdf", Reply(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
        )
        yield running


def rss(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<!-- a regional news wire -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Coastal Wire</title>
    <link>{server.url("/")}</link>
    <item>
      <title>Ferry service restored</title>
      <link>{server.url("/news/ferry")}</link>
      <pubDate>Tue, 03 Jun 2025 22:40:00 -0500</pubDate>
      <description>Crossings resume.</description>
    </item>
    <item>
      <title>Storm warning</title>
      <link>{server.url("/news/broken")}</link>
      <content:encoded><![CDATA[{SHORT_TEASER}]]></content:encoded>
    </item>
    <item>
      <description>An item with a summary but neither a link nor content.</description>
    </item>
    <item>
      <title>Fishermen block harbour</title>
      <link>{server.url("/news/gone")}</link>
      <pubDate>Mon, 02 Jun 2025 08:00:00 +0000</pubDate>
      <content:encoded><![CDATA[{LONG_STORY}]]></content:encoded>
    </item>
    <item>
      <title>Council budget</title>
      <link>/news/budget</link>
    </item>
  </channel>
</rss>
""".encode()


def atom(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <id>urn:example:valley-courier</id>
  <updated>2025-06-04T10:00:00Z</updated>
  <entry>
    <title>Ferry service restored</title>
    <id>urn:example:1</id>
    <link rel="alternate" href="{server.url("/news/ferry")}"/>
    <published>2025-06-03T23:10:00-04:00</published>
    <updated>2025-06-04T09:00:00Z</updated>
  </entry>
  <entry>
    <title>Harvest starts early</title>
    <id>urn:example:2</id>
    <updated>2025-05-30T12:00:00Z</updated>
    <content type="text">{PLAIN_STORY.replace("&", "&amp;")}</content>
  </entry>
  <entry>
    <title>Annual report</title>
    <id>urn:example:3</id>
    <link rel="alternate" href="{server.url("/news/report.pdf")}"/>
  </entry>
  <entry>
    <title>Nothing to read</title>
    <id>urn:example:4</id>
    <summary>Only a summary here.</summary>
  </entry>
</feed>
""".encode()


def kinds(results: list[Document | Skip]) -> list[str]:
    return ["doc" if isinstance(r, Document) else r.reason.value for r in results]


def test_parse_rss_items(server: LocalServer) -> None:
    source = server.url("/feed.xml")
    items = parse_feed(rss(server), source)
    assert len(items) == 5
    first = items[0]
    assert first == FeedItem(
        link=server.url("/news/ferry"),
        title="Ferry service restored",
        # As the feed states it: feedparser's UTC value would say 4 June.
        published=dt.date(2025, 6, 3),
        html=None,  # a <description> is a summary, not the story
    )
    assert items[2] == Skip(
        source=f"{source}#item3",
        reason=SkipReason.FEED_ITEM,
        detail="item has neither an http(s) link nor content",
    )
    assert isinstance(items[3], FeedItem)
    assert items[3].html is not None
    assert "anchoring dozens of small boats" in " ".join(items[3].html.split())
    assert isinstance(items[4], FeedItem)
    assert items[4].link == server.url("/news/budget")  # relative link, resolved


def test_rss_feed_documents(server: LocalServer) -> None:
    source = server.url("/feed.xml")
    results = list(feed_documents(rss(server), source, Settings()))
    assert kinds(results) == ["doc", "http-error", "feed-item", "doc", "doc"]
    ferry, broken, missing, fishermen, budget = results

    assert ferry == Document(
        source=server.url("/news/ferry"),
        content=FERRY_PAGE,
        format="html",
        url=server.url("/news/ferry"),
        title="Ferry service restored",
        published=dt.date(2025, 6, 3),
    )
    # The teaser is too short to stand in for the page, so the fetch error stands.
    assert broken == Skip(
        source=server.url("/news/broken"),
        reason=SkipReason.HTTP_ERROR,
        detail="HTTP 500 Internal Server Error",
    )
    assert isinstance(missing, Skip)
    assert missing.source == f"{source}#item3"
    # The page is down but the feed carries the whole story: use that instead.
    assert isinstance(fishermen, Document)
    assert (fishermen.source, fishermen.url, fishermen.format) == (
        server.url("/news/gone"),
        server.url("/news/gone"),
        "html",
    )
    assert "until the fuel levy is suspended" in " ".join(fishermen.content.split())
    assert (fishermen.title, fishermen.published) == (
        "Fishermen block harbour",
        dt.date(2025, 6, 2),
    )
    assert isinstance(budget, Document)
    assert budget.content == BUDGET_PAGE
    assert server.hits("/news/gone") == 1


def test_atom_feed_documents_with_a_given_client(server: LocalServer) -> None:
    source = server.url("/atom.xml")
    with httpx.Client() as client:
        results = list(feed_documents(atom(server), source, Settings(), client=client))
    assert kinds(results) == ["doc", "doc", "unsupported", "feed-item"]
    ferry, harvest, report, empty = results
    assert isinstance(ferry, Document)
    assert (ferry.content, ferry.published) == (FERRY_PAGE, dt.date(2025, 6, 3))
    # No link: the entry's own content, under the feed's name for the item.
    assert harvest == Document(
        source=f"{source}#item2",
        content=(
            "<p>Farmers in the valley began the grain harvest early this year.</p>"
            "<p>Officials expect a record crop &amp; higher exports.</p>"
        ),
        format="html",
        title="Harvest starts early",
        published=dt.date(2025, 5, 30),
    )
    assert report == Skip(
        source=server.url("/news/report.pdf"),
        reason=SkipReason.UNSUPPORTED,
        detail="link is not a web page (application/pdf)",
    )
    assert isinstance(empty, Skip)
    assert empty.source == f"{source}#item4"


def test_unreachable_link_without_content_is_that_items_skip_only() -> None:
    with serve() as server:
        dead = server.url("/gone-soon")
    feed = f"""<rss version="2.0"><channel><title>x</title>
      <item><title>Dead</title><link>{dead}</link></item>
    </channel></rss>""".encode()
    results = list(feed_documents(feed, "feed.xml", Settings(fetch_timeout=2)))
    assert len(results) == 1
    assert isinstance(results[0], Skip)
    assert (results[0].source, results[0].reason) == (dead, SkipReason.UNREACHABLE)


@pytest.mark.parametrize(
    "content",
    [
        b"<rss version='2.0'><channel><title>Broken wire</title><descr",
        b"<!doctype html><html><head><meta charset=utf-8><title>News</title></head>"
        b"<body><p>Subscribe to our RSS feed<br></body></html>",
        b"\x00\x01\x02 not a feed <<<",
        b"",
    ],
)
def test_unparseable_feed_is_a_single_malformed_skip(content: bytes) -> None:
    results = parse_feed(content, "wire.rss")
    assert len(results) == 1
    assert isinstance(results[0], Skip)
    assert (results[0].source, results[0].reason) == ("wire.rss", SkipReason.MALFORMED)
    assert list(feed_documents(content, "wire.rss", Settings())) == results


def test_truncated_feed_keeps_the_items_before_the_break(server: LocalServer) -> None:
    ferry = server.url("/news/ferry")
    feed = f"""<rss version="2.0"><channel><title>Coastal Wire</title>
      <item><title>Ferry service restored</title><link>{ferry}</link></item>
      <item><title>Council budget</title><link>{server.url("/news/bud")}</lin""".encode()
    items = parse_feed(feed, "cut.rss")
    assert items == [
        FeedItem(link=ferry, title="Ferry service restored", published=None, html=None),
        Skip(
            source="cut.rss#item2",
            reason=SkipReason.FEED_ITEM,
            detail="item has neither an http(s) link nor content",
        ),
    ]
    documents = list(feed_documents(feed, "cut.rss", Settings()))
    assert kinds(documents) == ["doc", "feed-item"]
    assert isinstance(documents[0], Document)
    assert documents[0].content == FERRY_PAGE


def test_malformed_detail_is_short() -> None:
    (skip,) = parse_feed(b"<rss version='2.0'><channel><title>x</title><descr", "w.rss")
    assert isinstance(skip, Skip)
    assert skip.detail == "not a readable RSS or Atom feed: unclosed token"


def test_non_http_links_are_not_links() -> None:
    feed = b"""<rss version="2.0"><channel><title>x</title>
      <item><title>Tagged</title><guid>tag:wire.example,2025:42</guid></item>
      <item><title>Relative</title><link>/news/7</link><content:encoded
        xmlns:content="http://purl.org/rss/1.0/modules/content/"
        >&lt;p&gt;Text.&lt;/p&gt;</content:encoded></item>
    </channel></rss>"""
    tagged, relative = parse_feed(feed, "saved/wire.xml")
    assert isinstance(tagged, Skip)
    assert tagged.reason == SkipReason.FEED_ITEM
    assert relative == FeedItem(link=None, title="Relative", published=None, html="<p>Text.</p>")


def test_valid_feed_without_items_is_empty_not_malformed() -> None:
    feed = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    assert parse_feed(feed, "quiet.rss") == []


def test_feed_in_a_legacy_encoding() -> None:
    feed = (
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
        "<title>x</title><item><title>Café talks</title><link>http://a.test/1</link>"
        "</item></channel></rss>"
    ).encode("cp1252")
    (item,) = parse_feed(feed, "legacy.rss")
    assert isinstance(item, FeedItem)
    assert item.title == "Café talks"


RDF = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"/></rdf:RDF>'
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<rss version='2.0'><channel/></rss>", True),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- wire --><rss version='2.0'>", True),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss version="0.91">', True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', True),
        (b'<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">', True),
        (RDF, True),
        ("<rss version='2.0'><channel/></rss>".encode("utf-16"), True),
        (b"<feed><item>not atom</item></feed>", False),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', False),
        (
            b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"'
            b' href="/rss"></head><body><p>Follow our RSS feed: &lt;rss&gt;</p></body></html>',
            False,
        ),
        (b"<!-- <rss version='2.0'> --><html><body>old feed</body></html>", False),
        (b"rss feed, but plain text", False),
        (b"", False),
    ],
)
def test_looks_like_feed(content: bytes, expected: bool) -> None:
    assert looks_like_feed(content) is expected
