import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server on loopback for tests: Debian's `python3-aiosmtpd` (installed by
/// `scripts/install-deps.sh --tests`), in a process of its own. Each message it accepts is parsed by
/// Python's `email` package (a MIME parser that is not ours) and written as one JSON file: envelope,
/// decoded headers, each part's type and decoded text, the parser's defects, and the raw bytes.
/// It can refuse the first messages with a temporary error (451), and require a login.
public final class SMTPServer: @unchecked Sendable {
    public struct Message: Sendable {
        public var from: String
        public var to: [String]
        public var subject: String
        public var messageID: String
        public var date: String
        public var keys: [String]
        public var contentType: String
        /// (content type, decoded text) of each leaf part, in order.
        public var parts: [(type: String, text: String)]
        public var defects: [String]
        public var login: String?
        public var raw: String
    }

    public let port: Int
    public let folder: URL
    private let process = Process()

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Starts the server; fails (throws) when python3 or aiosmtpd is missing: a test that needs a
    /// real server does not skip.
    public init(failFirst: Int = 0, login: (user: String, password: String)? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("server.py")
        try Data(Self.script.utf8).write(to: script)
        var arguments = [script.path, folder.path, String(failFirst)]
        if let login { arguments += [login.user, login.password] }
        let out = Pipe()
        let err = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw SMTPServerError(message: "the SMTP server (python3-aiosmtpd) did not start: \(line) \(log)")
        }
        self.port = port
    }

    deinit { stop() }

    /// SIGKILL, not SIGTERM: the test runner's children may inherit a mask that blocks SIGTERM.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The messages received so far, in the order they arrived.
    public var messages: [Message] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return files.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return Message(
                from: o["from"] as? String ?? "", to: o["to"] as? [String] ?? [], subject: o["subject"] as? String ?? "",
                messageID: o["message_id"] as? String ?? "", date: o["date"] as? String ?? "",
                keys: (o["keys"] as? String ?? "").split(separator: " ").map(String.init),
                contentType: o["content_type"] as? String ?? "",
                parts: (o["parts"] as? [[String: String]] ?? []).map { ($0["type"] ?? "", $0["text"] ?? "") },
                defects: o["defects"] as? [String] ?? [], login: o["login"] as? String, raw: o["raw"] as? String ?? "")
        }
    }

    /// How many times a message was refused (the `failFirst` ones).
    public var refusals: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("refused-") }.count
    }

    public func remove() {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    static let script = #"""
        import asyncio, email, email.policy, json, os, sys, time
        from aiosmtpd.smtp import SMTP, AuthResult

        folder, fail_first = sys.argv[1], int(sys.argv[2])
        login = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else None
        state = {"refused": 0, "n": 0}

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if state["refused"] < fail_first:
                    state["refused"] += 1
                    open(os.path.join(folder, "refused-%d" % state["refused"]), "w").close()
                    return "451 4.3.0 Try again later"
                raw = envelope.original_content
                message = email.message_from_bytes(raw, policy=email.policy.default)
                parts = []
                for part in message.walk():
                    if part.is_multipart():
                        continue
                    parts.append({"type": part.get_content_type(), "text": part.get_content()})
                defects = [type(d).__name__ for p in message.walk() for d in p.defects] + [type(d).__name__ for d in message.defects]
                state["n"] += 1
                record = {
                    "from": envelope.mail_from, "to": envelope.rcpt_tos, "subject": str(message["Subject"]),
                    "message_id": str(message["Message-ID"]), "date": str(message["Date"]),
                    "keys": str(message["X-Feedwatch-Keys"] or ""), "content_type": message.get_content_type(),
                    "parts": parts, "defects": defects, "raw": raw.decode("ascii", "replace"),
                    "login": session.auth_data.decode() if isinstance(getattr(session, "auth_data", None), bytes) else None,
                }
                path = os.path.join(folder, "%06d-%f.json" % (state["n"], time.time()))
                with open(path + ".tmp", "w") as f:
                    json.dump(record, f)
                os.rename(path + ".tmp", path)
                return "250 OK"

        def authenticate(server, session, envelope, mechanism, auth_data):
            if login and auth_data.login.decode() == login[0] and auth_data.password.decode() == login[1]:
                return AuthResult(success=True, auth_data=auth_data.login)
            return AuthResult(success=False, handled=False)

        async def main():
            loop = asyncio.get_running_loop()
            factory = lambda: SMTP(Handler(), authenticator=authenticate, auth_required=login is not None,
                                   auth_require_tls=False, enable_SMTPUTF8=True)
            server = await loop.create_server(factory, "127.0.0.1", 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            await server.serve_forever()

        asyncio.run(main())
        """#
}

public struct SMTPServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
