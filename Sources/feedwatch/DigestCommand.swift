import ArgumentParser
import Digests
import Extractor
import Foundation
import Logging
import Monitor
import Store

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the daily digest of a day (default: yesterday, local time) from the database, again if need be."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Option(help: "The local day, as YYYY-MM-DD.")
    var date: String?

    func validate() throws {
        if let date, !DigestWriter.isDay(date) {
            throw ValidationError("--date \(date): not a day of the calendar; expected YYYY-MM-DD, e.g. 2026-11-26")
        }
    }

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let store = try configuration.openStore()
        let writer = DigestWriter(configuration: configuration, store: store)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: configuration.digest.timezone) ?? .gmt
        let yesterday = calendar.date(byAdding: .day, value: -1, to: Date())!
        let components = calendar.dateComponents([.year, .month, .day], from: yesterday)
        let day = date ?? String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
        do {
            for path in try await writer.write(date: day) { print(path) }
        } catch {
            Console.error("\(error)")
            throw ExitCode(65)
        }
        await store.close()
    }
}
