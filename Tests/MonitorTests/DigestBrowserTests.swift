import Foundation
import TestSupport
import Testing

@testable import Digests
@testable import Store

/// The HTML digest as a reader sees it: rendered by a real Chromium (Debian's `chromium`, headless)
/// at phone and desktop widths, in light and dark colour schemes, and printed. Screenshots and the
/// PDF are kept under `.build/digest-screenshots/` for a person to look at.
@Suite("The HTML digest in a real browser", .serialized)
struct DigestBrowserTests {
    /// Where the screenshots go: `.build/digest-screenshots` of this package.
    static var output: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/digest-screenshots")
    }

    /// Measured in the page: overflow, heading order, table headers, alternative text, anchors,
    /// colours and their contrast, and (for print) whether folded stories are shown.
    static let probe = #"""
        (() => {
          const problems = [];
          let last = 0;
          for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
            const level = +h.tagName[1];
            if (level > last + 1) problems.push("heading " + h.tagName + " after h" + last + ": " + h.textContent.slice(0, 40));
            last = level;
          }
          if (document.querySelectorAll("h1").length !== 1) problems.push("not one h1");
          if (!document.documentElement.lang) problems.push("no lang on html");
          for (const table of document.querySelectorAll("table")) {
            if (!table.querySelector("thead th[scope=col]")) problems.push("a table without column headers");
            if (!table.querySelector("caption")) problems.push("a table without a caption");
          }
          for (const svg of document.querySelectorAll("svg")) {
            if (svg.getAttribute("role") !== "img" || !svg.getAttribute("aria-label")) problems.push("an svg without alternative text");
          }
          const ids = new Set();
          for (const e of document.querySelectorAll("[id]")) { if (ids.has(e.id)) problems.push("duplicate id " + e.id); ids.add(e.id); }
          for (const a of document.querySelectorAll("a")) {
            if (!a.textContent.trim()) problems.push("a link without text");
            const href = a.getAttribute("href") || "";
            if (href.startsWith("#") && !document.getElementById(href.slice(1))) problems.push("broken anchor " + href);
            if (!href.startsWith("#") && !/^https?:/.test(href)) problems.push("a link that is not a web link: " + href);
          }
          const wide = [...document.querySelectorAll("body *")]
            .filter(e => !e.closest(".scroll") && e.getBoundingClientRect().right > innerWidth + 0.5)
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + ": " + (e.textContent || "").slice(0, 30));
          const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
          const luminance = c => {
            const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const background = getComputedStyle(document.body).backgroundColor;
          const worst = Math.min(...["body", "a", ".meta", ".spike", "summary"].map(s => document.querySelector(s)).filter(Boolean)
            .map(e => contrast(getComputedStyle(e).color, e.matches(".spike") ? getComputedStyle(e).backgroundColor : background)));
          const folded = document.querySelector("details article");
          return JSON.stringify({
            innerWidth, scrollWidth: document.documentElement.scrollWidth, problems, wide,
            background, backgroundLuminance: luminance(background), worstContrast: worst,
            dark: matchMedia("(prefers-color-scheme: dark)").matches,
            foldedShown: folded ? folded.checkVisibility() && folded.getBoundingClientRect().height > 0 : false,
            navShown: document.querySelector("nav").checkVisibility(),
            stories: document.querySelectorAll("article").length,
            tablesFit: [...document.querySelectorAll(".scroll")].filter(e => e.checkVisibility()).every(e => e.scrollWidth <= e.clientWidth + 1),
          });
        })()
        """#

    @Test("30 feeds' day at 390 and 1,280 px, light and dark, and printed: no console errors, no sideways scroll, accessible")
    func renders() async throws {
        let folder = try DigestTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("db.sqlite").path
        let store = try SQLiteStore(path: database)
        try await DigestFixture.fill(store)
        let configuration = DigestFixture.configuration(folder: folder, database: database)
        let paths = try await DigestWriter(configuration: configuration, store: store).write(date: DigestFixture.day)
        await store.close()
        let html = try #require(paths.first { $0.hasSuffix(".html") })
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let kept = Self.output.appendingPathComponent("digest.html")
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(atPath: html, toPath: kept.path)

        let probe = Self.probe, output = Self.output
        let report = try await blockingWork {
            try HeadlessChromium.inspect(
                page: URL(fileURLWithPath: html), widths: [390, 1280], probe: probe, output: output, name: "digest")
        }
        #expect(report.console.isEmpty, "console: \(report.console)")
        #expect(report.views.count == 4)
        for view in report.views {
            let probe = view.probe
            let label = "\(view.width) px, \(view.scheme)"
            #expect(probe["innerWidth"]?.number == Double(view.width), "\(label): laid out at the width asked")
            #expect(probe["scrollWidth"]?.number ?? 1e9 <= Double(view.width), "\(label): no horizontal scroll")
            #expect(probe["wide"]?.strings == [], "\(label): wider than the screen: \(probe["wide"]?.strings ?? [])")
            #expect(probe["tablesFit"]?.bool == true, "\(label): the tables fit without scrolling sideways within them")
            #expect(probe["problems"]?.strings == [], "\(label): \(probe["problems"]?.strings ?? [])")
            #expect(probe["dark"]?.bool == (view.scheme == "dark"))
            let luminance = try #require(probe["backgroundLuminance"]?.number)
            #expect(view.scheme == "dark" ? luminance < 0.05 : luminance > 0.9, "\(label): background \(probe["background"]?.string ?? "")")
            #expect(probe["worstContrast"]?.number ?? 0 >= 4.5, "\(label): text contrast at least 4.5:1 (WCAG AA)")
            #expect(probe["foldedShown"]?.bool == false, "\(label): the stories past the first 20 are folded on screen")
            let size = (try? FileManager.default.attributesOfItem(atPath: view.screenshot)[.size] as? Int) ?? 0
            #expect(size > 20_000, "\(label): a screenshot at \(view.screenshot)")
        }
        #expect(report.print["foldedShown"]?.bool == true, "printed, folded stories are shown")
        #expect(report.print["navShown"]?.bool == false, "printed, the contents links are left out")
        #expect(report.pdfPages >= 3, "the printed digest: \(report.pdfPages) pages in \(report.pdf)")
        print("digest screenshots: \(report.views.map(\.screenshot).joined(separator: ", ")); printed: \(report.pdf)")
    }
}
