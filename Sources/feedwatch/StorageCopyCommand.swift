import ArgumentParser
import Foundation
import Store

struct StorageCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy feeds, items with their extraction, stories, alerts and deliveries to another database.",
        discussion: """
            From SQLite to PostgreSQL or back: --from sqlite:/var/lib/feedwatch/feedwatch.sqlite \
            --to postgresql://feedwatch@db.example/feedwatch (a password is best left to ~/.pgpass or PGPASSWORD). \
            Stop the instances using the source first. Each batch lands whole: an interrupted copy run again \
            goes on where it stopped. At the end every table is counted on both sides; exit 1 if any differs.
            """
    )

    @Option(help: "The database to copy from: sqlite:PATH (or a path) or a postgresql:// URL.")
    var from: String

    @Option(help: "The database to copy to (created and migrated as needed; empty, or an earlier copy of the same source).")
    var to: String

    func run() throws {
        let source = StorageCopy.Location(from), target = StorageCopy.Location(to)
        if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
            Console.error("\(path): no such database")
            throw ExitCode(66)
        }
        let counts: [StorageCopy.Count]
        do {
            let copy = try StorageCopy(from: source, to: target)
            var reported: [String: Date] = [:]
            counts = try copy.run { table, rows in
                // A line a table, and one every few seconds for a long one.
                if let last = reported[table], Date().timeIntervalSince(last) < 5 { return }
                reported[table] = Date()
                Console.error("\(table): \(rows) rows")
            }
        } catch {
            Console.error("storage copy \(source) → \(target): \(error)")
            throw ExitCode(1)
        }
        var differ = false
        for count in counts {
            let mark = count.source == count.target ? "" : "  ← differs"
            if !mark.isEmpty { differ = true }
            print("\(count.table.padding(toLength: 16, withPad: " ", startingAt: 0)) \(count.source) → \(count.target)\(mark)")
        }
        print(differ ? "copy incomplete: counts differ" : "copied \(source) → \(target): every table's count matches")
        if differ { throw ExitCode(1) }
    }
}
