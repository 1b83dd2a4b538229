import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The email sink against a real SMTP server on loopback (python3-aiosmtpd), with the real binary.
@Suite("Email sink (processes, SQLite, a real SMTP server)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct EmailTests {
    /// A sandbox whose one rule (Putin) alerts by email; `sink` adds settings to the email sink.
    func configure(_ sandbox: DaemonSandbox, feed: String, smtp: SMTPServer, sink: String = "") throws {
        try sandbox.write(
            feeds: [feed],
            extra: """
                , "alerts": {"sinks": [{"id": "mail", "type": "email", "url": "\(smtp.url)", "starttls": false,
                                        "from": "feedwatch@newsroom.example",
                                        "to": ["desk@newsroom.example", "analyst@newsroom.example"],
                                        "retrySeconds": 0.2\(sink)}],
                             "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["mail"]}]}
                """)
    }

    func once(_ sandbox: DaemonSandbox) async throws -> FeedwatchProcess.Run {
        try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
    }

    /// A sandbox, the SMTP server and a feed host, configured (`sink` made in the sandbox), with the
    /// feed's first (quiet) poll done.
    func withMail(
        _ smtp: SMTPServer, sink: (DaemonSandbox) throws -> String = { _ in "" },
        _ body: (DaemonSandbox, FeedBoard) async throws -> Void
    ) async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove(); smtp.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try configure(sandbox, feed: server.url("/world"), smtp: smtp, sink: try sink(sandbox))
            #expect(try await once(sandbox).status == 0)
            try await body(sandbox, board)
        }
    }

    @Test("one message per alert: multipart/alternative, UTF-8 subject encoded, Message-ID, Date, both recipients")
    func onePerAlert() async throws {
        let smtp = try SMTPServer()
        try await withMail(smtp) { sandbox, board in
            let title = "Путин в Москве: Vladimir Putin meets Orbán & the press"
            await board.publish(
                "/world", id: "a", title: title.replacingOccurrences(of: "&", with: "&amp;"),
                text: "Vladimir Putin said the talks went well.")
            await board.publish("/world", id: "b", title: "Putin again", text: SyntheticText.article(5, about: "Vladimir Putin"))
            let run = try await once(sandbox)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.output.contains("mail: 2 delivered"), "\(run.output)")
            let messages = smtp.messages
            #expect(messages.count == 2)
            let message = try #require(messages.first { $0.subject.contains("Москве") })
            #expect(message.defects.isEmpty, "Python's MIME parser found defects: \(message.defects)")
            #expect(message.subject == "[feedwatch] putin: \(title)")
            #expect(message.raw.contains("Subject: =?utf-8?B?"), "the non-ASCII subject is an encoded word")
            let lines = message.raw.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 998 }, "RFC 5322's limit")
            #expect(lines.filter { $0.hasPrefix("Subject:") || $0.hasPrefix(" =?utf-8") }.allSatisfy { $0.utf8.count <= 78 })
            #expect(message.contentType == "multipart/alternative")
            #expect(message.parts.map(\.type) == ["text/plain", "text/html"])
            #expect(message.parts[0].text.contains("http://news.example/a"))
            #expect(message.parts[1].text.contains("meets Orbán &amp; the press"), "escaped in HTML")
            #expect(message.parts[1].text.contains("<a href=\"http://news.example/a\">"))
            #expect(message.from == "feedwatch@newsroom.example")
            #expect(message.to == ["desk@newsroom.example", "analyst@newsroom.example"])
            #expect(message.messageID.hasPrefix("<") && message.messageID.hasSuffix("@newsroom.example>"))
            #expect(message.date.hasSuffix("+0000"), "\(message.date)")
            #expect(message.keys.count == 1 && message.keys[0].hasPrefix("putin:"))
            #expect(Set(messages.map(\.messageID)).count == 2)
        }
    }

    @Test("batch: one message lists the round's alerts")
    func batch() async throws {
        let smtp = try SMTPServer()
        try await withMail(smtp, sink: { _ in #", "batch": true"# }) { sandbox, board in
            for i in 0..<3 {
                await board.publish(
                    "/world", id: "i\(i)", title: "Putin item \(i)", text: SyntheticText.article(i, about: "Vladimir Putin"))
            }
            let run = try await once(sandbox)
            #expect(run.output.contains("mail: 3 delivered"), "\(run.output)")
            let messages = smtp.messages
            #expect(messages.count == 1)
            #expect(messages.first?.keys.count == 3)
            #expect(
                messages.first?.subject.hasPrefix("[feedwatch] 3 alerts: putin: Putin item") == true, "\(messages.first?.subject ?? "")")
            for i in 0..<3 { #expect(messages.first?.parts.first?.text.contains("Putin item \(i)") == true) }
            #expect(messages.first?.defects.isEmpty == true)
        }
    }

    @Test("a server that answers 451 is retried like a webhook, and the alert arrives once it accepts")
    func retried() async throws {
        let smtp = try SMTPServer(failFirst: 2)
        try await withMail(smtp) { sandbox, board in
            await board.publish("/world", id: "a", title: "Putin", text: "Vladimir Putin spoke.")
            let first = try await once(sandbox)
            #expect(first.output.contains("mail: 0 delivered, 1 failed"), "\(first.output)")
            #expect(first.output.contains("451"), "the server's reply is named: \(first.output)")
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            // Generous for the sanitizers' runs (see AlertTests' Retry-After test).
            #expect(try await waitFor(timeout: .seconds(60)) { smtp.messages.count == 1 }, "\(daemon.stderr)")
            #expect(smtp.refusals == 2)
            daemon.signal(SIGTERM)
            _ = try await daemon.waitForExit(timeout: 15)
        }
    }

    @Test("a login from usernameEnv and passwordFile; a wrong password is an error that says so")
    func login() async throws {
        let smtp = try SMTPServer(login: ("feedwatch", "s3cret pass"))
        let variable = "FEEDWATCH_TEST_SMTP_USER_\(getpid())"
        setenv(variable, "feedwatch", 1)
        let passwordFile = { (sandbox: DaemonSandbox) in sandbox.folder.appendingPathComponent("smtp-password") }
        let sink = { (sandbox: DaemonSandbox) throws -> String in
            try Data("s3cret pass\n".utf8).write(to: passwordFile(sandbox))
            return #", "usernameEnv": "\#(variable)", "passwordFile": "\#(passwordFile(sandbox).path)""#
        }
        try await withMail(smtp, sink: sink) { sandbox, board in
            await board.publish("/world", id: "a", title: "Putin", text: "Vladimir Putin spoke.")
            let run = try await once(sandbox)
            #expect(run.output.contains("mail: 1 delivered"), "\(run.output)\(run.stderr)")
            #expect(smtp.messages.first?.login == "feedwatch")
            #expect(!run.stderr.contains("s3cret"), "the password is never logged")

            try Data("wrong".utf8).write(to: passwordFile(sandbox))
            await board.publish("/world", id: "b", title: "Putin again", text: "Vladimir Putin spoke again today.")
            let refused = try await once(sandbox)
            #expect(refused.output.contains("1 failed"), "\(refused.output)")
            #expect(refused.output.contains("535") || refused.output.lowercased().contains("login denied"), "\(refused.output)")
        }
    }

    @Test("check-config names what an email sink lacks, with its JSON path")
    func configErrors() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            feeds: ["http://news.example/rss"],
            extra: """
                , "alerts": {"sinks": [{"id": "a", "type": "email", "url": "http://mail.example", "from": "x@y", "to": ["d@e"]},
                                       {"id": "b", "type": "email", "url": "smtp://mail.example", "to": ["no at sign"]},
                                       {"id": "c", "type": "email", "url": "smtps://mail.example", "from": "x@y", "to": ["d@e"],
                                        "passwordEnv": "FEEDWATCH_TEST_UNSET_VARIABLE"}]}
                """)
        let check = try await FeedwatchProcess.runDetached(["check-config", sandbox.config.path])
        let text = check.output + check.stderr
        #expect(check.status != 0)
        #expect(text.contains("$.alerts.sinks[0].url") && text.contains("smtp://host:port"), "\(text)")
        #expect(text.contains("$.alerts.sinks[1].from"), "\(text)")
        #expect(text.contains("$.alerts.sinks[1].to[0]") && text.contains("not an email address"), "\(text)")
        #expect(text.contains("$.alerts.sinks[2].passwordEnv") && text.contains("FEEDWATCH_TEST_UNSET_VARIABLE is not set"), "\(text)")
    }

    @Test("kill -9 while mailing alerts, then restarts: every alert arrives by email at least once")
    func killedWhileMailing() async throws {
        let smtp = try SMTPServer()
        try await withMail(smtp) { sandbox, board in
            for i in 0..<40 {
                await board.publish(
                    "/world", id: "i\(i)", title: "Putin item \(i)", text: SyntheticText.article(i, about: "Vladimir Putin"))
            }
            var kills = 0
            while Set(smtp.messages.flatMap(\.keys)).count < 40 || kills == 0 {
                let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
                let before = smtp.messages.count
                _ = try await waitFor(timeout: .seconds(20)) { smtp.messages.count > before }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
                daemon.kill()
                _ = try await daemon.waitForExit(timeout: 10)
                kills += 1
                if kills > 60 { break }
            }
            let keys = smtp.messages.flatMap(\.keys)
            #expect(Set(keys).count == 40, "\(Set(keys).count) of 40 alerts arrived after \(kills) kills")
            #expect(keys.count >= 40)
            print(
                "kill -9 while mailing: \(kills) kills, \(keys.count) messages for 40 alerts (\(keys.count - Set(keys).count) sent twice)")
        }
    }

    @Test("the day's digest by email: Markdown as text, HTML inline, once per sink and day, a refused one sent at the next try")
    func digestByMail() async throws {
        let smtp = try SMTPServer(failFirst: 1)
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove(); smtp.remove() }
        // Something stored yesterday (UTC): yesterday's digest is due at 00:00 today.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let yesterday = calendar.startOfDay(for: Date()).addingTimeInterval(-12 * 3600)
        let (store, feed) = try await DigestTests.storeWithFeed(sandbox.database)
        try await store.store(
            feed: feed, items: [DigestTests.item("y", title: "Orbán und Putin", putin: true, orban: true, sanctions: true)], at: yesterday)
        await store.close()
        let c = calendar.dateComponents([.year, .month, .day], from: yesterday)
        let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        try sandbox.write(
            feeds: ["https://news.example/rss"],
            extra: """
                , "fetch": {"timeoutSeconds": 2},
                "digest": {"time": "00:00", "timezone": "UTC", "folder": "\(sandbox.folder.appendingPathComponent("digests").path)"},
                "alerts": {"sinks": [{"id": "morning", "type": "email", "url": "\(smtp.url)", "starttls": false, "digest": true,
                                      "from": "feedwatch@newsroom.example", "to": ["desk@newsroom.example"], "retrySeconds": 0.2}]}
                """)
        // The server refuses the first message (451): the digest is written, its mail tried again next time.
        let first = try await once(sandbox)
        #expect(first.output.contains("digest \(day) written"), "\(first.output)")
        #expect(first.output.contains("digest \(day) not mailed to morning"), "\(first.output)")
        #expect(smtp.messages.isEmpty)
        try await Task.sleep(for: .milliseconds(400))  // past the sink's retrySeconds
        let second = try await once(sandbox)
        #expect(second.output.contains("digest \(day) mailed to morning"), "\(second.output)")
        let third = try await once(sandbox)
        #expect(!third.output.contains("mailed to"), "sent once: \(third.output)")
        let messages = smtp.messages
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(message.defects.isEmpty, "\(message.defects)")
        #expect(message.subject.hasPrefix("feedwatch digest — ") && message.subject.contains(": 1 story"), "\(message.subject)")
        #expect(message.contentType == "multipart/alternative")
        #expect(message.parts.map(\.type) == ["text/plain", "text/html"])
        let markdown = try String(contentsOf: sandbox.folder.appendingPathComponent("digests/\(day).md"), encoding: .utf8)
        #expect(message.parts[0].text.replacingOccurrences(of: "\r\n", with: "\n") == markdown, "the text part is the Markdown digest")
        #expect(message.parts[1].text.hasPrefix("<!DOCTYPE html>") && message.parts[1].text.contains("At a glance"))
        #expect(message.parts[1].text.contains("Orbán und Putin"))
        #expect(message.to == ["desk@newsroom.example"])
        #expect(message.messageID.hasPrefix("<digest.\(day)."))
    }
}
