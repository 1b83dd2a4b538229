import Foundation
import Testing

@testable import FeedParser

@Suite("Feed autodiscovery")
struct DiscoveryTests {
    static let page = """
        <!DOCTYPE html><html><head><title>News</title>
        <base href="https://news.example.org/section/">
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/rss+xml" title="All news" href="rss.xml">
        <link rel="alternate feed" type="application/atom+xml" href="/atom.xml" title="Atom">
        <link rel="alternate" type="text/html" hreflang="de" href="/de/">
        <link rel="alternate" type="application/rss+xml" href="rss.xml">
        </head><body><p>Hello<link rel="alternate" type="application/rss+xml" href="https://other.example/feed"></body></html>
        """

    @Test("finds RSS and Atom links, resolved against <base>, without duplicates")
    func discovery() {
        let feeds = FeedDiscovery.feeds(inHTML: Array(Self.page.utf8), pageURL: "https://news.example.org/section/page.html")
        #expect(
            feeds.map(\.url) == [
                "https://news.example.org/section/rss.xml", "https://news.example.org/atom.xml",
                "https://other.example/feed",
            ])
        #expect(feeds.first?.title == "All news")
        #expect(feeds[1].type == "application/atom+xml")
    }

    @Test("resolves against the page URL when there is no <base>")
    func pageBase() {
        let html = "<html><head><link rel=alternate type='application/rss+xml' href='/feed'></head></html>"
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "http://example.com/blog/post")
        #expect(feeds.map(\.url) == ["http://example.com/feed"])
    }

    @Test("tag soup and pages without feeds")
    func soup() {
        #expect(FeedDiscovery.feeds(inHTML: Array("<html><body><p>no feeds".utf8), pageURL: nil).isEmpty)
        #expect(FeedDiscovery.feeds(inHTML: [], pageURL: nil).isEmpty)
        let broken = "<html><head><link rel='alternate' type='application/atom+xml' href='a.xml'<title>x</head>"
        #expect(FeedDiscovery.feeds(inHTML: Array(broken.utf8), pageURL: "http://e.com/").count <= 1)
    }

    @Test("HTML is told from XML by Content-Type, else by the first tag")
    func htmlOrNot() {
        #expect(FeedDiscovery.looksLikeHTML(Array("<rss/>".utf8), contentType: "text/html; charset=utf-8"))
        #expect(!FeedDiscovery.looksLikeHTML(Array("<html>".utf8), contentType: "application/rss+xml"))
        #expect(FeedDiscovery.looksLikeHTML(Array("\n  <!DOCTYPE html><html>".utf8), contentType: nil))
        #expect(!FeedDiscovery.looksLikeHTML(Array("<?xml version='1.0'?><rss/>".utf8), contentType: nil))
    }
}
