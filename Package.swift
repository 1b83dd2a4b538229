// swift-tools-version:6.0
import PackageDescription

// Modules depend downward only (each line uses only what is above it):
//
//   CLibXML2  CCurl  CSQLite  CLibPQ  CMalloc    C system libraries (libcurl and libpq: headers only,
//   OnDemandLibraries                            the libraries loaded on first call by OnDemandLibraries)
//   FeedCore                                     dates, URLs, located JSON, atomic files, process usage
//   FeedParser   Fetcher   Extractor   Store     feeds + OPML · libcurl · watchlists · SQLite, PostgreSQL
//   Config                                       the configuration file (no network, no database)
//   Alerts   Digests                             rules, sinks, delivery · the daily digest (Markdown, HTML, JSON)
//   Monitor                                      poller, schedule, item identity, Runtime, explain/replay
//   Service                                      the daemon loop, signals, sd_notify, lock, metrics (Prometheus)
//   feedwatch                                    the command line, one command per file
//   feedwatch-bench                              benchmarks: built, never installed
let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "feedwatch", targets: ["feedwatch"]),
        .library(name: "FeedParser", targets: ["FeedParser"]),
        .library(name: "FeedCore", targets: ["FeedCore"]),
        .library(name: "Fetcher", targets: ["Fetcher"]),
        .library(name: "Extractor", targets: ["Extractor"]),
        .library(name: "Config", targets: ["Config"]),
        .library(name: "Monitor", targets: ["Monitor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Tests only: an in-process HTTP server for the fetcher's loopback tests.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libcurl's and libpq's headers only: the libraries are loaded when first called
        // (OnDemandLibraries), so that commands which never fetch or use PostgreSQL start without them.
        .systemLibrary(
            name: "CLibPQ",
            providers: [.apt(["libpq-dev"])]
        ),
        // glibc's malloc tuning, for the command line only.
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "OnDemandLibraries",
            cSettings: [.unsafeFlags(["-I/usr/include/postgresql"])]
        ),
        .target(
            name: "FeedCore",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "FeedParser",
            dependencies: ["FeedCore", "CLibXML2"]
        ),
        .target(
            name: "Fetcher",
            dependencies: ["CCurl", "OnDemandLibraries", "FeedCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Extractor",
            dependencies: ["CLibXML2", "FeedCore"]
        ),
        .target(
            name: "Store",
            dependencies: ["FeedCore", "CSQLite", "CLibPQ", "OnDemandLibraries"]
        ),
        .target(
            name: "Config",
            dependencies: ["FeedCore", "FeedParser", "Extractor"]
        ),
        .target(
            name: "Alerts",
            dependencies: ["FeedCore", "Fetcher", "Extractor", "Store", "Config", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Digests",
            dependencies: ["FeedCore", "Extractor", "Store", "Config"]
        ),
        .target(
            name: "Monitor",
            dependencies: [
                "FeedCore", "FeedParser", "Fetcher", "Extractor", "Store", "Config", "Alerts", "Digests",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Service",
            dependencies: [
                "FeedCore", "Fetcher", "Store", "Config", "Alerts", "Monitor",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "feedwatch",
            dependencies: [
                "CMalloc",
                "FeedCore",
                "FeedParser",
                "Fetcher",
                "Extractor",
                "Store",
                "Config",
                "Alerts",
                "Digests",
                "Monitor",
                "Service",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: built beside feedwatch, never installed (`make install` ships only feedwatch).
        .executableTarget(
            name: "feedwatch-bench",
            dependencies: [
                "FeedCore", "FeedParser", "Fetcher", "Extractor", "Store", "Config", "Alerts", "Digests", "Monitor", "Service", "CLibXML2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/feedwatch-bench"
        ),
        .testTarget(
            name: "FeedCoreTests",
            dependencies: ["FeedCore"]
        ),
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ExtractorTests",
            dependencies: ["Extractor", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "MonitorTests",
            dependencies: [
                "Monitor", "Service", "Config", "Alerts", "Digests", "FeedParser", "Store", "Extractor", "TestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "FetcherTests",
            dependencies: [
                "Fetcher", "FeedParser", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FeedParserTests",
            dependencies: ["FeedParser", "FeedCore", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
