import Config
import FeedCore
import Fetcher
import Foundation
import Store

/// The email sink: each alert (or, with `batch`, each round's alerts) as one message through the
/// configured SMTP server, text and HTML. The `X-Feedwatch-Keys` header lists the alerts'
/// idempotency keys and the Message-ID is made from them, so a message sent again after a crash
/// (delivery is at least once) can be recognised as the same.
public enum EmailSink {
    static func send(_ deliveries: [Delivery], to sink: Configuration.Sink, at now: Date = Date()) async -> DeliveryOutcome {
        guard let email = sink.email, let url = sink.url, !deliveries.isEmpty else {
            return DeliveryOutcome(sink: sink.id, failure: .mail(MailError(message: "the email sink is not configured", replyCode: 0)))
        }
        let message = compose(
            deliveries.map {
                AlertPayload(json: $0.payload) ?? AlertPayload(idempotencyKey: $0.idempotencyKey, rule: $0.ruleID, kind: .item)
            }, email: email, at: now)
        return await deliver(message, sink: sink, email: email, url: url)
    }

    /// Sends a message through the sink's server, to the sink's addresses.
    static func deliver(
        _ message: MailMessage, sink: Configuration.Sink, email: Configuration.Sink.Email, url: String
    ) async -> DeliveryOutcome {
        let envelope = MailEnvelope(
            url: url, from: email.from, to: email.to, requireTLS: email.starttls, username: email.username, password: email.password,
            timeout: sink.timeout)
        let error = await MailSender.send(message.bytes, envelope: envelope)
        return DeliveryOutcome(sink: sink.id, failure: error.map(DeliveryOutcome.Failure.mail))
    }

    static func compose(_ alerts: [AlertPayload], email: Configuration.Sink.Email, at now: Date) -> MailMessage {
        let keys = alerts.map(\.idempotencyKey)
        let subject: String
        if alerts.count == 1 {
            subject = "[feedwatch] " + headline(alerts[0])
        } else {
            subject = "[feedwatch] \(alerts.count) alerts: " + headline(alerts[0]) + (alerts.count > 1 ? " …" : "")
        }
        let text = alerts.map(plainText).joined(separator: "\n\n----\n\n") + "\n\n-- \nSent by feedwatch.\n"
        let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(escape(subject))</title></head>
            <body style="font-family: sans-serif; max-width: 40em">
            \(alerts.map(htmlText).joined(separator: "\n<hr>\n"))
            <p style="color: #666; font-size: small">Sent by feedwatch.</p></body></html>
            """
        let domain = email.from.split(separator: "@").last.map(String.init) ?? "feedwatch.invalid"
        return MailMessage(
            from: email.from, to: email.to, subject: subject, date: now,
            messageID: "\(String(FNV1a.hash(keys.joined(separator: "\n")), radix: 36)).\(alerts.count)@\(domain)", text: text, html: html,
            headers: [
                ("X-Feedwatch-Keys", keys.joined(separator: " ")),
                ("X-Feedwatch-Rule", Set(alerts.map(\.rule)).sorted().joined(separator: " ")),
            ])
    }

    /// One line naming the alert: the rule and the item's title, or what happened to a feed.
    static func headline(_ alert: AlertPayload) -> String {
        let feed = alert.feed?.name ?? alert.feed?.url ?? ""
        switch AlertKind(rawValue: alert.kind) {
        case .item: return "\(alert.rule): \(alert.item?.title ?? "(untitled)")"
        case .storyUpdate: return "\(alert.rule): \(alert.item?.title ?? "(untitled)") — also in \(feed)"
        case .feedBroken: return "feed broken: \(feed)"
        case .feedRecovered: return "feed recovered: \(feed)"
        case .group: return "\(alert.rule): \(alert.count ?? 0) more alerts"
        case nil: return "\(alert.rule): \(alert.kind)"
        }
    }

    static func plainText(_ alert: AlertPayload) -> String {
        var lines = [headline(alert)]
        if let item = alert.item {
            if !item.link.isEmpty { lines.append(item.link) }
            lines.append("in \(alert.feed?.name ?? "?")" + (item.published.map { ", published \($0)" } ?? ""))
        }
        if let outlets = alert.story?.outlets, outlets.count > 1 {
            lines.append("also carried by: " + outlets.dropLast().map(\.name).joined(separator: ", "))
        }
        for actor in alert.actors ?? [] {
            lines.append("")
            lines.append("\(actor.name) (\(actor.count) mentions)")
            lines += actor.snippets.map { "  “\($0)”" }
        }
        for topic in alert.topics ?? [] {
            lines.append("")
            lines.append("topic: \(topic.name)")
            lines += topic.snippets.map { "  “\($0)”" }
        }
        for quote in alert.quotes ?? [] { lines.append("quote: “\(quote.text)” — \(quote.speaker), \(quote.verb)") }
        if let error = alert.error { lines.append("error: \(error)") }
        for item in alert.items ?? [] { lines.append("- \(item.title) \(item.link)") }
        return lines.joined(separator: "\n")
    }

    static func htmlText(_ alert: AlertPayload) -> String {
        var parts: [String] = []
        if let item = alert.item, !item.link.isEmpty {
            parts.append("<h2><a href=\"\(escape(item.link))\">\(escape(headline(alert)))</a></h2>")
        } else {
            parts.append("<h2>\(escape(headline(alert)))</h2>")
        }
        if let item = alert.item {
            parts.append("<p>in \(escape(alert.feed?.name ?? "?"))\(item.published.map { ", published \(escape($0))" } ?? "")</p>")
        }
        if let outlets = alert.story?.outlets, outlets.count > 1 {
            let links = outlets.dropLast().map { "<a href=\"\(escape($0.link))\">\(escape($0.name))</a>" }
            parts.append("<p>Also carried by: \(links.joined(separator: ", "))</p>")
        }
        for actor in alert.actors ?? [] {
            parts.append("<h3>\(escape(actor.name)) <small>(\(actor.count) mentions)</small></h3>")
            parts += actor.snippets.map { "<blockquote>\(escape($0))</blockquote>" }
        }
        for topic in alert.topics ?? [] {
            parts.append("<h3>Topic: \(escape(topic.name))</h3>")
            parts += topic.snippets.map { "<blockquote>\(escape($0))</blockquote>" }
        }
        for quote in alert.quotes ?? [] {
            parts.append("<p>“\(escape(quote.text))” — \(escape(quote.speaker)), \(escape(quote.verb))</p>")
        }
        if let error = alert.error { parts.append("<p>Error: \(escape(error))</p>") }
        if let items = alert.items, !items.isEmpty {
            parts.append("<ul>" + items.map { "<li><a href=\"\(escape($0.link))\">\(escape($0.title))</a></li>" }.joined() + "</ul>")
        }
        return parts.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// A day's digest as a message: its Markdown as the text part, its HTML as the HTML part.
public struct DigestMail: Sendable {
    public var day: String
    public var subject: String
    public var markdown: String
    public var html: String

    public init(day: String, subject: String, markdown: String, html: String) {
        self.day = day
        self.subject = subject
        self.markdown = markdown
        self.html = html
    }
}

extension EmailSink {
    /// Sends the digest to one email sink (one message to all its addresses). The Message-ID is the
    /// day's and the sink's, so a digest sent again after a crash is recognisably the same message.
    public static func send(_ digest: DigestMail, to sink: Configuration.Sink, at now: Date = Date()) async -> DeliveryOutcome {
        guard let email = sink.email, let url = sink.url else {
            return DeliveryOutcome(sink: sink.id, failure: .mail(MailError(message: "the email sink is not configured", replyCode: 0)))
        }
        let domain = email.from.split(separator: "@").last.map(String.init) ?? "feedwatch.invalid"
        let message = MailMessage(
            from: email.from, to: email.to, subject: digest.subject, date: now,
            messageID: "digest.\(digest.day).\(String(FNV1a.hash(sink.id), radix: 36))@\(domain)", text: digest.markdown,
            html: digest.html, headers: [("X-Feedwatch-Digest", digest.day)])
        return await deliver(message, sink: sink, email: email, url: url)
    }
}
