// swift-tools-version:6.0
import PackageDescription

// Targets follow the layout in ARCHITECTURE.md: the simulation core knows nothing of terminals,
// only CursesBackend touches ncurses, and the executable only parses arguments and wires.
let package = Package(
    name: "cloudtop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cloudtop", targets: ["cloudtop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Estate",
            dependencies: [
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // The simulation's inner loops (a record put, stored and read) touch stored properties of
            // a few classes millions of times a virtual day; in release, the run-time exclusivity
            // check on each access cost about a tenth of a day's fast-forward. Debug builds, which
            // the tests use, keep checking.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "Terminal",
            dependencies: [.product(name: "Collections", package: "swift-collections")]
        ),
        .target(name: "CursesBackend", dependencies: ["CNCurses", "Terminal"]),
        .target(
            name: "Dashboard",
            dependencies: ["Estate", "Terminal", .product(name: "Yams", package: "Yams")]
        ),
        // The AWS-compatible endpoint: HTTP in, operations on the estate's own thread, AWS wire shapes out.
        .target(
            name: "Gateway",
            dependencies: [
                "Estate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "cloudtop",
            dependencies: [
                "Estate", "Terminal", "CursesBackend", "Dashboard", "Gateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EstateTests", dependencies: ["Estate"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "Terminal"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Estate", "Terminal"]),
        .testTarget(name: "CloudtopTests", dependencies: ["Estate"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "Estate"]),
    ]
)
