import ArgumentParser
import Extractor
import Foundation
import Logging
import Monitor
import Store

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which actors and topics an article matches and why each alert rule fires or not.",
        discussion: "ITEM is a stored item (its database id or link), an article URL (fetched; its main text used), or a file."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Argument(help: "A stored item's id or link, a URL, or a file (text or HTML).")
    var item: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        // No instance lock and no writes: explaining reads the database beside a running daemon (one
        // that does not exist yet is created empty, as every command does).
        let exists = configuration.sharedDatabase || FileManager.default.fileExists(atPath: configuration.storagePath)
        let runtime = try await Runtime(
            configuration: configuration, logger: ConfigurationInput.logger(level: .error), access: exists ? .reader : .writer)
        var title: String?
        var text: String
        var tags: [String] = []
        var categories: [String] = [], feedCategories: [String] = []
        if let stored = try await runtime.store.item(matching: item) {
            title = stored.title
            text = stored.text
            tags = configuration.feeds.first { $0.url == stored.feedURL }?.tags ?? []
            (categories, feedCategories) = (stored.categories, stored.feedCategories)
            print("stored item \(stored.id) from \(stored.feedURL)")
            if !categories.isEmpty { print("categories: \(categories.joined(separator: ", "))") }
        } else if DocumentInput.isURL(item) {
            let page = try await DocumentInput.fetchPage(item)
            let document = MainText.extract(String(decoding: page, as: UTF8.self))
            title = document.title
            text = document.text
        } else {
            let data = try DocumentInput.read(item, limit: 64 << 20)
            let raw = String(decoding: data, as: UTF8.self)
            if raw.range(of: "<html", options: .caseInsensitive) != nil || raw.range(of: "<p", options: .caseInsensitive) != nil {
                let document = MainText.extract(raw)
                title = document.title
                text = document.text
            } else {
                text = raw
            }
        }
        let (result, rules) = runtime.explain(
            title: title, text: text, tags: tags, categories: categories, feedCategories: feedCategories)
        if let title { print("title: \(title)") }
        print(result.actors.isEmpty ? "actors: none" : "actors:")
        for actor in result.actors {
            let forms = actor.mentions.map { "\"\($0.form)\" (\($0.kind.rawValue), sentence \($0.sentence))" }.prefix(6).joined(
                separator: ", ")
            print("  \(actor.id): \(actor.count) mentions, salience \(actor.salience) — \(forms)")
        }
        // The candidates refused, so that an analyst can see why an actor is not reported.
        if let refused = result.refused, !refused.isEmpty {
            print("refused:")
            for refusal in refused.prefix(40) {
                let place = refusal.sentence < 0 ? "title" : "sentence \(refusal.sentence)"
                print("  \(refusal.actor): \"\(refusal.form)\" (\(place)): \(refusal.reason)")
            }
            if refused.count > 40 { print("  … and \(refused.count - 40) more") }
        }
        print(result.topics.isEmpty ? "topics: none" : "topics:")
        for topic in result.topics { print("  \(topic.id): sentences \(topic.sentences.map(String.init).joined(separator: ", "))") }
        print(rules.isEmpty ? "rules: none configured" : "rules:")
        for rule in rules { print("  \(rule.fires ? "FIRES" : "quiet") \(rule.rule): \(rule.reason)") }
        await runtime.store.close()
    }
}
