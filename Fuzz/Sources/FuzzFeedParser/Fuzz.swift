import FeedParser
import FuzzSupport

/// The feed parser on raw bytes, with and without an HTTP charset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? FeedParser.parse(bytes)
    if size > 0, data[0] & 1 == 1 {
        _ = try? FeedParser.parse(bytes, options: ParseOptions(baseURL: "http://e.com/a/b", contentType: "text/xml; charset=shift_jis"))
    }
    return 0
}

@_cdecl("FuzzFeedParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
