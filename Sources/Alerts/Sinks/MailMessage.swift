import Foundation

/// An RFC 5322 message with a `multipart/alternative` body (plain text, then HTML), as bytes ready for
/// SMTP: CRLF line ends, non-ASCII header text as RFC 2047 encoded words, each part UTF-8 in base64
/// lines of 76 characters (so no line is too long and none starts with a dot).
struct MailMessage {
    var from: String
    var to: [String]
    var subject: String
    var date: Date
    /// Without angle brackets: "local@domain".
    var messageID: String
    var text: String
    var html: String
    /// Extra headers (ASCII names; values encoded like the subject when they need it).
    var headers: [(String, String)] = []

    var bytes: [UInt8] {
        // "_" is not in base64's alphabet: no line of a part can be taken for the boundary.
        let boundary = "=_feedwatch_alternative_="
        var lines = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedHeader(subject, nameLength: "Subject: ".count))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        for (name, value) in headers { lines.append("\(name): \(Self.encodedHeader(value, nameLength: name.count + 2))") }
        lines += [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a MIME message: a text part and an HTML part.",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += Self.base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The text as is when it is printable ASCII, else as `=?utf-8?B?…?=` words split on character
    /// boundaries, one per line of at most 76 characters (folded onto continuation lines).
    static func encodedHeader(_ value: String, nameLength: Int) -> String {
        let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), flat.count + nameLength <= 998 { return flat }
        // RFC 2047: a line holding encoded words is at most 76 characters; "=?utf-8?B?" and "?=" take 12,
        // and base64 turns each 3 bytes into 4. The first line also holds the header's name.
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = (76 - nameLength - 12) / 4 * 3
        for character in flat {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                room = (76 - 1 - 12) / 4 * 3
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// The text's UTF-8 in base64, cut into lines of 76 (on bytes: a batch's message is megabytes).
    static func base64Lines(_ text: String) -> [String] {
        let encoded = Array(Data(text.utf8).base64EncodedData())
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            String(decoding: encoded[start..<min(start + 76, encoded.count)], as: UTF8.self)
        }
    }

    /// "Wed, 02 Dec 2026 19:30:00 +0000".
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
