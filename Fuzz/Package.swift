// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, kept out of the main package so that a normal build never needs libFuzzer's
// main. Build and run with scripts/fuzz.sh (it passes -sanitize=fuzzer,address).
let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "feedwatch-fuzz",
    dependencies: [.package(name: "feedwatch", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzFeedParser", dependencies: ["FuzzSupport", .product(name: "FeedParser", package: "feedwatch")],
            swiftSettings: fuzzFlags),
        .executableTarget(
            name: "FuzzHTMLText", dependencies: ["FuzzSupport", .product(name: "Extractor", package: "feedwatch")], swiftSettings: fuzzFlags
        ),
        .executableTarget(
            name: "FuzzMainText", dependencies: ["FuzzSupport", .product(name: "Extractor", package: "feedwatch")], swiftSettings: fuzzFlags
        ),
        .executableTarget(
            name: "FuzzExtract", dependencies: ["FuzzSupport", .product(name: "Extractor", package: "feedwatch")], swiftSettings: fuzzFlags),
        .executableTarget(
            name: "FuzzTopicQuery", dependencies: ["FuzzSupport", .product(name: "Extractor", package: "feedwatch")],
            swiftSettings: fuzzFlags),
        .executableTarget(
            name: "FuzzConfig", dependencies: ["FuzzSupport", .product(name: "Config", package: "feedwatch")], swiftSettings: fuzzFlags),
        .executableTarget(
            name: "FuzzDate", dependencies: ["FuzzSupport", .product(name: "FeedCore", package: "feedwatch")], swiftSettings: fuzzFlags),
    ]
)
