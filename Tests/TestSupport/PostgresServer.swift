import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for tests, from Debian's `postgresql` package (installed by
/// `scripts/install-deps.sh --tests`): `initdb` into a temporary folder, `pg_ctl start` on a loopback
/// port with its socket in that folder, a role `feedwatch` with a password (SCRAM over TCP), and a
/// database `feedwatch`. PostgreSQL refuses to run as root: as root (CI, this machine) the server's
/// programs run as the `postgres` user. A test that needs the server fails when it cannot start it.
public final class PostgresServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let password = "feedwatch-test-secret"
    public let folder: URL
    public let port: Int
    private let bin: URL

    /// postgresql://feedwatch:…@127.0.0.1:PORT/feedwatch
    public var url: String { "postgresql://feedwatch:\(Self.password)@127.0.0.1:\(port)/feedwatch" }
    public var data: URL { folder.appendingPathComponent("data") }
    public var log: String { (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? "" }

    public init() throws {
        guard let bin = Self.binaries() else {
            throw Failure(
                description: "PostgreSQL's server programs are missing (/usr/lib/postgresql/*/bin): run scripts/install-deps.sh --tests")
        }
        self.bin = bin
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("feedwatch-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = Self.freePort()
        if getuid() == 0 {
            guard let user = getpwnam("postgres") else {
                throw Failure(description: "running as root and there is no postgres user to run the server as")
            }
            _ = chown(folder.path, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let passwordFile = folder.appendingPathComponent("password")
        try Data(Self.password.utf8).write(to: passwordFile)
        if getuid() == 0, let user = getpwnam("postgres") { _ = chown(passwordFile.path, user.pointee.pw_uid, user.pointee.pw_gid) }
        try run(
            "initdb",
            [
                "-D", data.path, "-U", "feedwatch", "--pwfile", passwordFile.path, "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
            ])
        try start()
        try run("createdb", ["-h", folder.path, "-p", String(port), "-U", "feedwatch", "feedwatch"])
    }

    /// One server for the whole test process (started on first use, stopped when the process exits):
    /// each test takes a database of its own (`newDatabase`), so that suites running side by side do
    /// not start a server each. A test that stops or restarts a server starts its own.
    public static let shared: Result<PostgresServer, any Error> = {
        let result = Result { try PostgresServer() }
        if case .success = result { atexit { if case let .success(server) = PostgresServer.shared { server.remove() } } }
        return result
    }()

    /// A new empty database on this server; its URL.
    public func newDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)")
        return "postgresql://feedwatch:\(Self.password)@127.0.0.1:\(port)/\(name)"
    }

    /// Starts the server (again, after `stop`), waiting until it accepts connections.
    public func start() throws {
        let log = folder.appendingPathComponent("server.log")
        do {
            try run(
                "pg_ctl",
                [
                    "-D", data.path, "-l", log.path, "-w", "-t", "60",
                    "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
                    "start",
                ])
        } catch {
            // The server's own words on why it did not start.
            let lines = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(5)
            throw Failure(description: "\(error); server.log: \(lines.joined(separator: " | "))")
        }
    }

    /// Stops the server: `fast` (clients disconnected, a clean shutdown) or `immediate` (as a crash).
    public func stop(mode: String = "fast") throws {
        try run("pg_ctl", ["-D", data.path, "-m", mode, "-w", "stop"])
    }

    /// Stops the server and removes its folder.
    public func remove() {
        try? stop(mode: "immediate")
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs SQL as the superuser through psql (for tests' set-up: roles, grants).
    public func psql(_ sql: String) throws {
        try run("psql", ["-h", folder.path, "-p", String(port), "-U", "feedwatch", "-d", "feedwatch", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// The server's major version (15 on Debian 12).
    public func version() throws -> Int {
        let text = try String(contentsOf: data.appendingPathComponent("PG_VERSION"), encoding: .utf8)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The newest installed server version's programs.
    static func binaries() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last else { return nil }
        let bin = root.appendingPathComponent("\(newest)/bin")
        return FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) ? bin : nil
    }

    /// A port the kernel has just said is free (it could be taken again before the server binds it: rare).
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs one of the server's programs (as `postgres` when this process is root); throws with its output.
    private func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        let executable = bin.appendingPathComponent(program).path
        let command = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        // Through Python's subprocess, which closes every other descriptor in the child: Foundation's
        // Process learns that its child ended when a descriptor the child inherited closes, and the
        // server `pg_ctl start` leaves running would otherwise hold it for ever.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))"] + command
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = nil
        environment["LC_ALL"] = "C"
        process.environment = environment
        // To a file, not a pipe: the server `pg_ctl start` leaves running keeps the descriptors it was
        // given, and a pipe would never see its end.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(program)-\(UUID().uuidString.prefix(8)).log")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? output.close()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(program) exited \(process.terminationStatus): \(text.suffix(1500)) \(log.suffix(1500))")
        }
    }
}
