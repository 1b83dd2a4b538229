import Extractor
import FuzzSupport

/// The topic query parser, and the whole extractor with the query if it parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard (try? TopicQuery.parse(text)) != nil,
        let extractor = try? Extractor(watchlist: Watchlist(topics: [Topic(id: "t", name: "t", query: text)]))
    else { return 0 }
    _ = extractor.extract(title: text, text: "Sanctions on oil. Putin said: \"we will see what happens next time.\" " + text)
    return 0
}

@_cdecl("FuzzTopicQuery_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
