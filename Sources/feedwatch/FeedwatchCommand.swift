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
}
