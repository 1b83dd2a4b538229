import Foundation

/// Reads the dates feeds actually carry: RFC 822 / 2822 and its broken variants (no weekday, two-digit
/// years, named and military zones, missing seconds, any case, asctime order, common non-English month
/// abbreviations), and ISO 8601 / RFC 3339 / W3C-DTF with or without a zone. A date without a zone is
/// taken as UTC. Anything it cannot read is nil: a date is never invented.
public enum FeedDate {
    /// Parses a date string to a point in time, or nil.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            guard let seconds = parseEpochSeconds(bytes) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }

    /// Seconds since 1970 in UTC, or nil.
    static func parseEpochSeconds(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var start = 0, end = s.count
        while start < end, isSpace(s[start]) { start += 1 }
        while end > start, isSpace(s[end - 1]) { end -= 1 }
        guard end - start >= 4 else { return nil }
        let trimmed = UnsafeBufferPointer(rebasing: s[start..<end])
        if let canonical = parseCanonicalRFC822(trimmed) { return canonical }
        if let iso = parseISO8601(trimmed) { return iso }
        return parseRFC822Like(trimmed)
    }

    /// The form most RSS dates take, `Mon, 01 Jan 2024 00:00:00 GMT` (or `+0100`), read by position
    /// without building strings: a feed of 20,000 items has 20,000 of them. Anything else is nil,
    /// and the general reader below takes it.
    static func parseCanonicalRFC822(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        func byte(_ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        func number(_ at: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for k in at..<(at + width) {
                let b = byte(k)
                guard isDigit(b) else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            return value
        }
        if isLetter(byte(0)), isLetter(byte(1)), isLetter(byte(2)), byte(3) == 0x2C, byte(4) == 0x20 { i = 5 }  // "Mon, "
        let dayWidth = isDigit(byte(i + 1)) ? 2 : 1
        guard let day = number(i, dayWidth), byte(i + dayWidth) == 0x20 else { return nil }
        i += dayWidth + 1
        let packed = (UInt32(byte(i) | 0x20) << 16) | (UInt32(byte(i + 1) | 0x20) << 8) | UInt32(byte(i + 2) | 0x20)
        guard let month = englishMonth(packed), byte(i + 3) == 0x20, let year = number(i + 4, 4), byte(i + 8) == 0x20,
            let hour = number(i + 9, 2), byte(i + 11) == 0x3A, let minute = number(i + 12, 2), byte(i + 14) == 0x3A,
            let second = number(i + 15, 2), byte(i + 17) == 0x20
        else { return nil }
        i += 18
        let offset: Int64
        switch s.count - i {
        case 3 where (byte(i) | 0x20, byte(i + 1) | 0x20, byte(i + 2) | 0x20) == (0x67, 0x6D, 0x74),  // GMT
            3 where (byte(i) | 0x20, byte(i + 1) | 0x20, byte(i + 2) | 0x20) == (0x75, 0x74, 0x63):  // UTC
            offset = 0
        case 5 where byte(i) == 0x2B || byte(i) == 0x2D:
            guard let hours = number(i + 1, 2), let minutes = number(i + 3, 2), minutes < 60 else { return nil }
            offset = (byte(i) == 0x2D ? -1 : 1) * (hours * 60 + minutes)
        default:
            return nil
        }
        return epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    /// An English month abbreviation packed as three lower-case bytes.
    private static func englishMonth(_ packed: UInt32) -> Int64? {
        switch packed {
        case 0x6A_616E: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6D_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6D_6179: return 5  // may
        case 0x6A_756E: return 6  // jun
        case 0x6A_756C: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return nil
        }
    }

    /// Formats as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    // MARK: ISO 8601 / RFC 3339 / W3C-DTF

    /// `YYYY[-MM[-DD]]` or `YYYYMMDD`, then optionally `T`/space `hh:mm[:ss[.frac]]` and a zone.
    private static func parseISO8601(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var p = Cursor(s)
        guard let year = p.digits(exactly: 4) else { return nil }
        var month: Int64 = 1, day: Int64 = 1
        if p.eat(0x2D) || p.eat(0x2F) {  // '-' or '/'
            let separator = s[p.i - 1]
            guard let m = p.digits(min: 1, max: 2) else { return nil }
            month = m
            if p.eat(separator) {
                guard let d = p.digits(min: 1, max: 2) else { return nil }
                day = d
            }
        } else if let m = p.digits(exactly: 2) {
            guard let d = p.digits(exactly: 2) else { return nil }
            month = m; day = d
        }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, offset: Int64 = 0
        if !p.atEnd {
            guard p.eat(0x54) || p.eat(0x74) || p.eat(0x20) else { return nil }  // 'T' 't' ' '
            while p.eat(0x20) {}
            guard let h = p.digits(min: 1, max: 2) else { return nil }
            hour = h
            if p.eat(0x3A) {
                guard let mi = p.digits(exactly: 2) else { return nil }
                minute = mi
                if p.eat(0x3A) {
                    guard let se = p.digits(exactly: 2) else { return nil }
                    second = se
                }
            } else if let mi = p.digits(exactly: 2) {  // basic format hhmm[ss]
                minute = mi
                if let se = p.digits(exactly: 2) { second = se }
            }
            if p.eat(0x2E) || p.eat(0x2C) { _ = p.digits(min: 1, max: 12) }  // fraction
            while p.eat(0x20) {}
            if !p.atEnd {
                guard let zone = parseZone(&p), p.atEnd else { return nil }
                offset = zone
            }
        }
        return epochSeconds(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetMinutes: offset)
    }

    /// `Z`, `±hh:mm`, `±hhmm`, `±hh`, or a zone name optionally followed by an offset (`GMT+2`).
    private static func parseZone(_ p: inout Cursor) -> Int64? {
        if p.peek == 0x2B || p.peek == 0x2D { return parseNumericOffset(&p) }
        let word = p.word()
        guard !word.isEmpty else { return nil }
        guard let base = zoneOffsetMinutes[word] ?? militaryZone(word) else { return nil }
        if p.peek == 0x2B || p.peek == 0x2D, let extra = parseNumericOffset(&p) { return base + extra }
        return base
    }

    private static func parseNumericOffset(_ p: inout Cursor) -> Int64? {
        let negative = p.peek == 0x2D
        p.i += 1
        guard let first = p.digits(min: 1, max: 4) else { return nil }
        var minutes: Int64
        let width = p.lastDigitCount
        if width >= 3 {
            minutes = (first / 100) * 60 + first % 100
        } else {
            minutes = first * 60
            if p.eat(0x3A), let mi = p.digits(exactly: 2) { minutes += mi }
        }
        guard minutes <= 18 * 60 else { return nil }
        return negative ? -minutes : minutes
    }

    // MARK: RFC 822 and friends

    /// Token-based: a month name, a day, a year, an optional `h:mm[:ss]` time, an optional AM/PM and zone,
    /// in any of the orders feeds use ("Tue, 10 Jun 2003 09:41:01 GMT", "Jun 10 2003 9:41 PM EST",
    /// "Tue Jun 10 09:41:01 2003", "10-Jun-03"). Also `dd.mm.yyyy`.
    static func parseRFC822Like(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        var p = Cursor(s)
        var month: Int64?, day: Int64?, year: Int64?
        var hour: Int64?, minute: Int64 = 0, second: Int64 = 0
        var offset: Int64 = 0
        var pm: Bool?
        var monthIsLeadingWord = false
        var numbersWithoutMonth: [Int64] = []
        while !p.atEnd {
            let c = p.peek!
            if isDigit(c) {
                let value = p.digits(min: 1, max: 4)!
                let width = p.lastDigitCount
                if p.peek == 0x3A, hour == nil {  // time
                    p.i += 1
                    guard width <= 2, let mi = p.digits(min: 1, max: 2) else { return nil }
                    hour = value; minute = mi
                    if p.eat(0x3A) {
                        guard let se = p.digits(min: 1, max: 2) else { return nil }
                        second = se
                        if p.eat(0x2E) { _ = p.digits(min: 1, max: 9) }
                    }
                } else if p.peek == 0x2E, month == nil, day == nil, width <= 2 {  // dd.mm.yyyy
                    p.i += 1
                    guard let m = p.digits(min: 1, max: 2), p.eat(0x2E), let y = p.digits(exactly: 4) else { return nil }
                    day = value; month = m; year = y
                } else if width >= 3 || value > 31 || (day != nil && year == nil) {
                    guard year == nil else { return nil }
                    year = width <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
                    if width == 3 { return nil }
                } else if day == nil {
                    day = value
                } else {
                    numbersWithoutMonth.append(value)
                }
            } else if c == 0x2B || c == 0x2D, hour != nil, let peek = p.peekAhead(1), isDigit(peek) {
                guard let extra = parseNumericOffset(&p) else { return nil }
                offset += extra
            } else if isLetter(c) {
                let word = p.word()
                if let m = monthNumber[word] ?? (word.count > 3 ? monthNumber[String(word.prefix(3))] : nil),
                    month == nil || monthIsLeadingWord
                {
                    // A month word before any number may be a weekday ("mar." is Tuesday in French):
                    // a later month word replaces it.
                    monthIsLeadingWord = month == nil && day == nil && year == nil && hour == nil
                    month = m
                } else if word == "am" || word == "a.m." {
                    pm = false
                } else if word == "pm" || word == "p.m." {
                    pm = true
                } else if hour != nil, let zone = zoneOffsetMinutes[word] ?? (word.count == 1 ? militaryZone(word) : nil) {
                    offset += zone
                }
                // Weekday names and words like "at" or "of" carry nothing: skip them.
            } else {
                p.i += 1
            }
        }
        guard numbersWithoutMonth.isEmpty, let month, let day, let year else { return nil }
        var h = hour ?? 0
        if let pm {
            guard h >= 1 && h <= 12 else { return nil }
            h = (h % 12) + (pm ? 12 : 0)
        }
        return epochSeconds(
            year: year, month: month, day: day, hour: h, minute: minute, second: second,
            offsetMinutes: offset)
    }

    // MARK: Calendar arithmetic

    static func epochSeconds(
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64,
        offsetMinutes: Int64
    ) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: year, month: month),
            hour <= 24, minute <= 59, second <= 60
        else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        let days = daysFromCivil(year, month, day)
        return days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
    public static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    // MARK: Tables

    /// RFC 822 military zones as the RFC writes them (A = -1 … M = -12, N = +1 … Y = +12, Z = 0).
    private static func militaryZone(_ word: String) -> Int64? {
        guard word.count == 1, let c = word.unicodeScalars.first?.value else { return nil }
        switch c {
        case 0x7A: return 0  // z
        case 0x61...0x69: return -Int64(c - 0x60) * 60  // a-i
        case 0x6B...0x6D: return -Int64(c - 0x61) * 60  // k-m: -10…-12
        case 0x6E...0x79: return Int64(c - 0x6D) * 60  // n-y: +1…+12
        default: return nil
        }
    }

    private static let zoneOffsetMinutes: [String: Int64] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "ist": 330, "cet": 60, "met": 60,
        "cest": 120, "mest": 120, "eet": 120, "eest": 180, "msk": 180, "msd": 240, "west": 60,
        "edt": -240, "est": -300, "cdt": -300, "cst": -360, "mdt": -360, "mst": -420, "pdt": -420, "pst": -480,
        "et": -300, "ct": -360, "mt": -420, "pt": -480, "adt": -180, "ast": -240, "akst": -540, "akdt": -480,
        "hst": -600, "nst": -210, "ndt": -150, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "awst": 480,
        "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780, "brt": -180, "art": -180,
    ]

    private static let monthNumber: [String: Int64] = {
        var table: [String: Int64] = [:]
        let names: [[String]] = [
            ["jan", "january", "janv", "janvier", "ene", "enero", "gen", "gennaio", "januar", "janeiro"],
            ["feb", "february", "fev", "fév", "févr", "fevr", "février", "febrero", "febbraio", "februar", "fevereiro"],
            ["mar", "march", "mär", "mrz", "märz", "maerz", "mars", "marzo", "mrt", "maart", "março", "marco"],
            ["apr", "april", "avr", "avril", "abr", "abril", "aprile"],
            ["may", "mai", "mayo", "mag", "maggio", "mei", "maio"],
            ["jun", "june", "juin", "junio", "giu", "giugno", "juni", "junho"],
            ["jul", "july", "juil", "juillet", "julio", "lug", "luglio", "juli", "julho"],
            ["aug", "august", "aou", "aoû", "août", "aout", "ago", "agosto"],
            ["sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro"],
            ["oct", "october", "octobre", "octubre", "ott", "ottobre", "okt", "oktober", "out", "outubro"],
            ["nov", "november", "novembre", "noviembre", "novembro"],
            ["dec", "december", "déc", "décembre", "decembre", "dic", "diciembre", "dicembre", "dez", "dezember", "dezembro"],
        ]
        for (index, spellings) in names.enumerated() {
            for name in spellings { table[name] = Int64(index + 1) }
        }
        return table
    }()

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    /// A byte cursor over the date text.
    private struct Cursor {
        let s: UnsafeBufferPointer<UInt8>
        var i = 0
        var lastDigitCount = 0
        init(_ s: UnsafeBufferPointer<UInt8>) { self.s = s }

        var atEnd: Bool { i >= s.count }
        var peek: UInt8? { i < s.count ? s[i] : nil }
        func peekAhead(_ k: Int) -> UInt8? { i + k < s.count ? s[i + k] : nil }

        mutating func eat(_ b: UInt8) -> Bool {
            if i < s.count, s[i] == b { i += 1; return true }
            return false
        }

        mutating func digits(exactly n: Int) -> Int64? { digits(min: n, max: n) }

        mutating func digits(min: Int, max: Int) -> Int64? {
            var value: Int64 = 0, count = 0
            while i + count < s.count, count < max, isDigit(s[i + count]) {
                value = value * 10 + Int64(s[i + count] - 0x30)
                count += 1
            }
            if count < min { return nil }
            i += count
            lastDigitCount = count
            return value
        }

        /// A run of letters (and dots, for "a.m."), lowercased.
        mutating func word() -> String {
            let start = i
            while i < s.count, isLetter(s[i]) || (s[i] == 0x2E && i > start) { i += 1 }
            var end = i
            while end > start, s[end - 1] == 0x2E { end -= 1 }  // "Sept." → "sept"
            let text = String(decoding: UnsafeBufferPointer(rebasing: s[start..<end]), as: UTF8.self)
            return text.utf8.allSatisfy { $0 < 0x80 } ? text.asciiLowercased() : text.lowercased()
        }
    }
}
