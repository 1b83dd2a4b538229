import ArgumentParser
import Extractor
import Foundation

/// `feedwatch text`: the clean text of an HTML document.
struct TextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Print the clean text of an HTML document (with --main, only the article's main text)."
    )

    @Flag(help: "Keep only the main text of an article page (no menus, related links, comments).")
    var main = false

    @Argument(help: "An HTML file, or '-' for standard input.")
    var input: String

    func run() async throws {
        let html = String(decoding: try DocumentInput.read(input, limit: 64 << 20), as: UTF8.self)
        let document = main ? MainText.extract(html) : HTMLText.convert(html)
        if let title = document.title { print(title); print() }
        print(document.text)
    }
}
