import Extractor
import Foundation
import FuzzSupport

/// The whole extraction (actors, topics, quotes, co-mentions) on arbitrary text, with the sample
/// watchlist: the first line is the title, the rest the body. Hangs matter here as much as crashes:
/// run with -timeout=1 so that anything worse than linear in a 64 kB input shows.
let extractor: Extractor = {
    let data = (try? Data(contentsOf: URL(fileURLWithPath: "samples/watchlist.json"))) ?? Data()
    let watchlist =
        (try? Watchlist.load(data))
        ?? Watchlist(
            actors: [
                WatchedActor(id: "putin", name: "Vladimir Putin", type: .person),
                WatchedActor(id: "eu", name: "European Union", type: .organization),
            ],
            topics: [Topic(id: "energy", name: "Energy", query: "gas NEAR/3 price*")])
    return try! Extractor(watchlist: watchlist)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    _ = extractor.extract(title: parts.first.map(String.init), text: parts.count > 1 ? String(parts[1]) : "")
    return 0
}

@_cdecl("FuzzExtract_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
