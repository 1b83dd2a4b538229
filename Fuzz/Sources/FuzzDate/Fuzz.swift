import FeedCore
import FuzzSupport

/// The date parser; every date it returns must format.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let date = FeedDate.parse(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)) {
        _ = FeedDate.format(date)
    }
    return 0
}

@_cdecl("FuzzDate_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
