import ArgumentParser

@main
struct Feedwatch: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watches news feeds for the people, organisations and topics you track.",
        version: version,
        subcommands: [
            RunCommand.self, OnceCommand.self, StatusCommand.self, DigestCommand.self, ExplainCommand.self, ReplayCommand.self,
            SearchCommand.self, StorageCommand.self,
            CheckConfigCommand.self, ParseCommand.self,
            FetchCommand.self, ExtractCommand.self, TextCommand.self, ImportOPMLCommand.self, ExportOPMLCommand.self,
        ]
    )

    static func main() async {
        // `parse --stats` over thousands of files: swift-argument-parser gathers repeated positional
        // values in quadratic time (each new value copies the array and merges its origins), ~20 ms
        // for 900 files, so that plain form is read here; every other command line goes through it.
        if let invocation = ParseStats.Invocation(arguments: Array(CommandLine.arguments.dropFirst())) {
            do {
                try ParseStats.run(paths: invocation.paths, options: invocation.options)
            } catch {
                exit(withError: error)
            }
            return
        }
        await main(nil)
    }
}
