import ArgumentParser
import FeedParser
import Fetcher
import Foundation

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("feedwatch: \(message)\n".utf8))
    }
}
