import ArgumentParser

struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Work on the database itself.",
        subcommands: [StorageCopyCommand.self]
    )
}
