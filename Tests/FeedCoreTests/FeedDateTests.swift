import Foundation
import Testing

@testable import FeedCore

@Suite("Dates")
struct FeedDateTests {
    /// (input, expected UTC or nil for "left absent").
    static let cases: [(String, String?)] = [
        // RFC 822 / 2822
        ("Tue, 10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 +0000", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 -0700", "2003-06-10T16:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 +0530", "2003-06-10T04:11:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 +05:30", "2003-06-10T04:11:01Z"),
        ("10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41 GMT", "2003-06-10T09:41:00Z"),
        ("Tue, 10 Jun 03 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z"),
        ("Tue, 10 jun 2003 09:41:01 gmt", "2003-06-10T09:41:01Z"),
        ("TUE, 10 JUN 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 June 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Sept 2003 09:41:01 GMT", "2003-09-10T09:41:01Z"),
        ("Tue,10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 1 Jun 2003 9:41:01 GMT", "2003-06-01T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 EST", "2003-06-10T14:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 EDT", "2003-06-10T13:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 PST", "2003-06-10T17:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 PDT", "2003-06-10T16:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 CET", "2003-06-10T08:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 CEST", "2003-06-10T07:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 MSK", "2003-06-10T06:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 UT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 UTC", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 Z", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 A", "2003-06-10T10:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 N", "2003-06-10T08:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 M", "2003-06-10T21:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 Y", "2003-06-09T21:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 GMT+2", "2003-06-10T07:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 GMT-05:00", "2003-06-10T14:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003", "2003-06-10T00:00:00Z"),
        ("10 Jun 2003", "2003-06-10T00:00:00Z"),
        ("Tue, 10 Jun 2003 09:41:01.123 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10 Jun 2003 09:41:01 XYZ", "2003-06-10T09:41:01Z"),
        ("Tuesday, 10 June 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("Tue, 10-Jun-2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("10-Jun-03", "2003-06-10T00:00:00Z"),
        // Month first, asctime, AM/PM
        ("Jun 10, 2003 09:41:01 GMT", "2003-06-10T09:41:01Z"),
        ("June 10, 2003", "2003-06-10T00:00:00Z"),
        ("Tue Jun 10 09:41:01 2003", "2003-06-10T09:41:01Z"),
        ("Tue Jun 10 09:41:01 UTC 2003", "2003-06-10T09:41:01Z"),
        ("Jun 10 2003 9:41 PM EST", "2003-06-11T02:41:00Z"),
        ("10 Jun 2003 12:05 AM", "2003-06-10T00:05:00Z"),
        ("10 Jun 2003 12:05 PM", "2003-06-10T12:05:00Z"),
        // Non-English month names
        ("Di, 10 Mär 2003 09:41:01 +0100", "2003-03-10T08:41:01Z"),
        ("Mi, 10 Okt 2003 09:41:01 +0200", "2003-10-10T07:41:01Z"),
        ("10 Dez 2003 09:41:01 GMT", "2003-12-10T09:41:01Z"),
        ("mar., 10 déc. 2003 09:41:01 +0100", "2003-12-10T08:41:01Z"),
        ("10 mai 2003", "2003-05-10T00:00:00Z"),
        ("10 agosto 2003", "2003-08-10T00:00:00Z"),
        // ISO 8601 / RFC 3339 / W3C-DTF
        ("2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z"),
        ("2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z"),
        ("2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z"),
        ("2003-12-13T18:30:02-05:00", "2003-12-13T23:30:02Z"),
        ("2003-12-13T18:30:02+0100", "2003-12-13T17:30:02Z"),
        ("2003-12-13T18:30:02+01", "2003-12-13T17:30:02Z"),
        ("2003-12-13T18:30:02", "2003-12-13T18:30:02Z"),
        ("2003-12-13T18:30Z", "2003-12-13T18:30:00Z"),
        ("2003-12-13 18:30:02", "2003-12-13T18:30:02Z"),
        ("2003-12-13 18:30:02 +0200", "2003-12-13T16:30:02Z"),
        ("2003-12-13 18:30:02 GMT", "2003-12-13T18:30:02Z"),
        ("2003-12-13t18:30:02z", "2003-12-13T18:30:02Z"),
        ("2003-12-13", "2003-12-13T00:00:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("20031213", "2003-12-13T00:00:00Z"),
        ("20031213T183002Z", "2003-12-13T18:30:02Z"),
        ("2003/12/13 18:30", "2003-12-13T18:30:00Z"),
        ("2003-1-5", "2003-01-05T00:00:00Z"),
        ("2003-12-13T24:00:00Z", "2003-12-14T00:00:00Z"),
        ("  2003-12-13T18:30:02Z  ", "2003-12-13T18:30:02Z"),
        ("13.12.2003", "2003-12-13T00:00:00Z"),
        ("13.12.2003 18:30", "2003-12-13T18:30:00Z"),
        // Leap years and ranges
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("2000-02-29", "2000-02-29T00:00:00Z"),
        ("1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        // Never invented
        ("", nil), ("   ", nil), ("yesterday", nil), ("soon", nil), ("N/A", nil), ("0", nil),
        ("2023-02-29", nil), ("1900-02-29", nil), ("2003-13-01", nil), ("2003-00-10", nil), ("2003-12-32", nil),
        ("2003-12-13T25:00:00Z", nil), ("2003-12-13T18:60:00Z", nil), ("2003-12-13T24:30:00Z", nil),
        ("Tue, 31 Jun 2003 09:41:01 GMT", nil), ("Tue, 10 Foo 2003 09:41:01 GMT", nil), ("10 2003", nil),
        ("2003-12-13T18:30:02+99:00", nil), ("2003-12-13Tnoon", nil), ("Jun 2003", nil),
    ]

    @Test("parses or refuses", arguments: cases)
    func parse(_ input: String, _ expected: String?) {
        let parsed = FeedDate.parse(input).map(FeedDate.format)
        #expect(parsed == expected, "\(input)")
    }

    @Test("formats before 1970 and far ahead")
    func format() {
        #expect(FeedDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(FeedDate.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
    }

    @Test("calendar arithmetic round-trips every day of four centuries")
    func calendarRoundTrip() {
        var day = FeedDate.daysFromCivil(1800, 1, 1)
        let end = FeedDate.daysFromCivil(2200, 1, 1)
        var previous: (Int64, Int64, Int64) = (1799, 12, 31)
        while day < end {
            let (y, m, d) = FeedDate.civilFromDays(day)
            #expect(FeedDate.daysFromCivil(y, m, d) == day)
            let next = d == 1 ? (m == 1 ? previous.0 + 1 == y : previous.1 + 1 == m) : previous.2 + 1 == d
            if !next { Issue.record("\(y)-\(m)-\(d) does not follow \(previous)"); return }
            previous = (y, m, d)
            day += 1
        }
    }

    @Test("the fast path for the canonical RFC 822 form agrees with the general reader, and declines the rest")
    func canonicalFastPath() {
        var generator = SystemRandomNumberGenerator()
        let months = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let zones = ["GMT", "UTC", "gmt", "+0000", "-0500", "+0530", "+1400", "-1200"]
        for _ in 0..<2000 {
            let day = Int.random(in: 1...31, using: &generator)
            let text = String(
                format: "%@%@ %@ %04d %02d:%02d:%02d %@", Bool.random(using: &generator) ? "Tue, " : "",
                Bool.random(using: &generator) ? String(day) : String(format: "%02d", day), months.randomElement(using: &generator)!,
                Int.random(in: 1900...2100, using: &generator), Int.random(in: 0...23, using: &generator),
                Int.random(in: 0...59, using: &generator), Int.random(in: 0...60, using: &generator),
                zones.randomElement(using: &generator)!)
            var copy = text
            copy.withUTF8 { bytes in
                let fast = FeedDate.parseCanonicalRFC822(bytes)
                #expect(fast == FeedDate.parseRFC822Like(bytes), "\(text)")
            }
        }
        for other in [
            "Tue, 1 Jan 2024 10:00 GMT", "Tue, 01 Jan 2024 10:00:00 EST", "01 January 2024 10:00:00 GMT",
            "Tue, 01 Jan 2024 10:00:00 GMT extra", "2024-01-01T10:00:00Z", "Tue, 01 Jan 2024 10:00:00 +05:30",
        ] {
            var copy = other
            copy.withUTF8 { #expect(FeedDate.parseCanonicalRFC822($0) == nil, "\(other)") }
        }
    }
}
