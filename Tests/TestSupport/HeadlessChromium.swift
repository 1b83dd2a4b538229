import Foundation

/// Debian's `chromium`, headless, driven over the DevTools protocol (`--remote-debugging-pipe`, by a
/// small Python script) to load a page at a given width and colour scheme, as a phone or a desktop
/// would: what the page measures (`probe`, a JavaScript expression returning JSON), a full-page
/// screenshot, every console message and page error, and the page printed to PDF.
///
/// Plain `chromium --headless --screenshot --window-size=390,…` lays pages out at least 500 px wide and
/// crops the picture, which would hide exactly the overflow a phone shows: hence the protocol's
/// device-metrics override. A test that needs Chromium fails when it is missing
/// (`scripts/install-deps.sh --tests` installs it).
public enum HeadlessChromium {
    public struct View: Codable, Sendable {
        public var width: Int
        public var scheme: String
        public var screenshot: String
        /// What the probe expression returned (a JSON object).
        public var probe: [String: JSONScalar]
    }

    public struct Report: Codable, Sendable {
        public var views: [View]
        /// Console errors and warnings, uncaught exceptions and failed loads, from every view.
        public var console: [String]
        public var pdf: String
        public var pdfPages: Int
        /// The probe run with print media emulated.
        public var print: [String: JSONScalar]
    }

    /// A JSON value as probes return them (numbers, strings, booleans, lists of strings).
    public enum JSONScalar: Codable, Sendable, Equatable {
        case number(Double), string(String), bool(Bool), strings([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else {
                self = .strings(try container.decode([String].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            }
        }

        public var number: Double? { if case .number(let value) = self { value } else { nil } }
        public var string: String? { if case .string(let value) = self { value } else { nil } }
        public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
        public var strings: [String]? { if case .strings(let value) = self { value } else { nil } }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let executable = "/usr/bin/chromium"

    /// Loads `page` at each width in each colour scheme, then prints it; screenshots (the whole page, and
    /// its first screen of 900 px) and the PDF go to `output` as NAME-WIDTH-SCHEME.png,
    /// NAME-WIDTH-SCHEME-first-screen.png and NAME.pdf.
    public static func inspect(
        page: URL, widths: [Int], schemes: [String] = ["light", "dark"], probe: String, output: URL, name: String
    ) throws -> Report {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(description: "\(executable) is missing: run scripts/install-deps.sh --tests")
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("drive.py")
        try Data(Self.script.utf8).write(to: script)
        let request: [String: Any] = [
            "chromium": executable, "page": page.absoluteString, "widths": widths, "schemes": schemes, "probe": probe,
            "output": output.path, "name": name, "profile": work.appendingPathComponent("profile").path,
        ]
        let requestFile = work.appendingPathComponent("request.json")
        try JSONSerialization.data(withJSONObject: request).write(to: requestFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, requestFile.path]
        let stdout = work.appendingPathComponent("stdout"), stderr = work.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        process.waitUntilExit()
        let out = (try? Data(contentsOf: stdout)) ?? Data()
        guard process.terminationStatus == 0 else {
            let log = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium driver exited \(process.terminationStatus): \(log.suffix(2000))")
        }
        return try JSONDecoder().decode(Report.self, from: out)
    }

    /// Drives Chromium over fds 3 and 4 (messages ended by NUL), as `--remote-debugging-pipe` expects.
    static let script = #"""
        import base64, json, os, subprocess, sys, time

        req = json.load(open(sys.argv[1]))
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        def child_fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        args = [req["chromium"], "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + req["profile"], "about:blank"]
        chrome = subprocess.Popen(args, preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(req["profile"] + "-stderr.log"), "w"))
        os.close(to_chrome_r); os.close(from_chrome_w)
        writer = os.fdopen(to_chrome_w, "wb", buffering=0)
        reader = os.fdopen(from_chrome_r, "rb", buffering=0)
        buffer = b""; next_id = 0; events = []; console = []
        deadline = time.time() + 120

        def read_message():
            global buffer
            while b"\0" not in buffer:
                if time.time() > deadline: raise SystemExit("chromium: timed out")
                chunk = reader.read(65536)
                if not chunk: raise SystemExit("chromium closed the pipe")
                buffer += chunk
            raw, buffer = buffer.split(b"\0", 1)
            return json.loads(raw)

        def note(message):
            method = message.get("method"); params = message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                console.append(params["type"] + ": " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                console.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                entry = params["entry"]
                console.append(entry["level"] + ": " + entry.get("text", "") + " " + entry.get("url", ""))
            events.append(message)

        def send(method, params=None, session=None):
            global next_id
            next_id += 1
            message = {"id": next_id, "method": method, "params": params or {}}
            if session: message["sessionId"] = session
            writer.write(json.dumps(message).encode() + b"\0")
            while True:
                reply = read_message()
                if reply.get("id") == next_id:
                    if "error" in reply: raise SystemExit(method + ": " + json.dumps(reply["error"]))
                    return reply.get("result", {})
                note(reply)

        def wait_for(method, session):
            for i, event in enumerate(events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del events[i]; return
            while True:
                message = read_message()
                if message.get("method") == method and message.get("sessionId") == session: return
                note(message)

        target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"): send(domain + ".enable", session=session)

        def probe():
            result = send("Runtime.evaluate", {"expression": req["probe"], "returnByValue": True, "awaitPromise": True}, session)
            if "exceptionDetails" in result: raise SystemExit("probe failed: " + json.dumps(result["exceptionDetails"]))
            return json.loads(result["result"]["value"])

        def load(width, media, scheme):
            send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                       "mobile": width < 600}, session)
            send("Emulation.setEmulatedMedia", {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]}, session)
            events.clear()
            send("Page.navigate", {"url": req["page"]}, session)
            wait_for("Page.loadEventFired", session)

        report = {"views": [], "console": console}
        for width in req["widths"]:
            for scheme in req["schemes"]:
                load(width, "screen", scheme)
                measured = probe()
                shot = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
                path = os.path.join(req["output"], "%s-%d-%s.png" % (req["name"], width, scheme))
                open(path, "wb").write(base64.b64decode(shot["data"]))
                top = send("Page.captureScreenshot", {"format": "png"}, session)
                open(path[:-4] + "-first-screen.png", "wb").write(base64.b64decode(top["data"]))
                report["views"].append({"width": width, "scheme": scheme, "screenshot": path, "probe": measured})
        load(1280, "print", "light")
        report["print"] = probe()
        pdf = base64.b64decode(send("Page.printToPDF", {"printBackground": False}, session)["data"])
        path = os.path.join(req["output"], req["name"] + ".pdf")
        open(path, "wb").write(pdf)
        report["pdf"] = path
        report["pdfPages"] = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        try: send("Browser.close")
        except SystemExit: pass
        chrome.wait(timeout=30)
        print(json.dumps(report))
        """#
}
