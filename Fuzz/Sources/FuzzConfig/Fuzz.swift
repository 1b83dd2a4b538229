import Config
import FuzzSupport

/// The configuration loader (located JSON parser, every check) on arbitrary text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? Configuration.load(
        text: String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self),
        path: "/fuzz/config.json")
    return 0
}

@_cdecl("FuzzConfig_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
