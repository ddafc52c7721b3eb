// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "minga",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "minga", targets: ["minga"]),
        .executable(name: "minga-bench", targets: ["MingaBenchmark"]),
        .executable(name: "minga-loadbench", targets: ["MingaLoadBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // HTML report (`export --format html`): a typed HTML DSL instead of string concatenation.
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
    ],
    targets: [
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // Civil (wall-clock) dates and times, shared by the domain and the understanding.
        .target(name: "CivilTime"),
        .target(name: "Locks"),
        .target(name: "Understanding", dependencies: ["CivilTime", "Locks"]),
        .target(name: "Domain", dependencies: ["CivilTime"]),
        .target(name: "DialogEngine", dependencies: ["Domain", "Understanding", "CivilTime", "Locks"]),
        // Located YAML errors and node helpers shared by dialog files and store files.
        .target(name: "YAMLSupport", dependencies: [.product(name: "Yams", package: "Yams")]),
        // dialogs/*.yaml as Swift source (scripts/embed_dialogs.py): the binary's default dialogs.
        .target(name: "EmbeddedDialogs"),
        .target(name: "FlowFiles", dependencies: ["DialogEngine", "Understanding", "YAMLSupport", .product(name: "Yams", package: "Yams")]),
        .target(name: "FileStore", dependencies: [
            "Domain", "CivilTime", "YAMLSupport", "Locks",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The store's history and sync on git (the git command-line tool): who changed what, offline
        // schools and several servers exchanging changes through a git remote.
        .target(name: "StoreHistory", dependencies: ["Domain", "FileStore"]),
        // Ordered JSON values for exports and the socket protocol.
        .target(name: "PlainJSON"),
        // Contract formats of `minga export` (json, ics, csv, md, html) and `minga status`.
        .target(name: "Export", dependencies: [
            "Domain", "FileStore", "CivilTime", "Understanding", "PlainJSON",
            .product(name: "Plot", package: "Plot"),
        ]),
        .target(name: "Assistant", dependencies: [
            "Domain", "DialogEngine", "FlowFiles", "FileStore", "Understanding", "CivilTime", "StoreHistory", "Locks", "PlainJSON",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Socket protocol v1 without a transport: used by the socket server and `chat --json`.
        .target(name: "MingaProtocol", dependencies: ["Assistant", "DialogEngine", "FileStore", "PlainJSON"]),
        .target(name: "Terminal", dependencies: ["CReadline", "Assistant"]),
        .target(name: "Transcripts", dependencies: [
            "Assistant", "FileStore", "Domain", "Export", "PlainJSON", "CivilTime", "YAMLSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "SocketServer", dependencies: [
            "Assistant", "MingaProtocol", "CivilTime", "Domain", "FileStore", "Understanding", "PlainJSON",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "minga", dependencies: [
            "Assistant", "Terminal", "Transcripts", "SocketServer", "FlowFiles", "FileStore",
            "Understanding", "CivilTime", "Domain", "Export", "PlainJSON", "MingaProtocol", "EmbeddedDialogs", "StoreHistory",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Load and fault benchmark of `minga serve` (issue 6), with a bare NIO echo server as ceiling.
        .executableTarget(name: "MingaLoadBench", dependencies: [
            "SocketServer", "Assistant", "MingaProtocol", "FileStore", "Domain", "CivilTime", "PlainJSON",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .executableTarget(name: "MingaBenchmark", dependencies: [
            "Assistant", "FileStore", "Understanding", "CivilTime", "FlowFiles", "DialogEngine", "StoreHistory",
        ]),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "UnderstandingTests", dependencies: ["Understanding", "CivilTime"]),
        .testTarget(name: "DialogEngineTests", dependencies: ["DialogEngine", "FlowFiles", "Understanding", "Domain", "CivilTime"]),
        .testTarget(name: "FileStoreTests", dependencies: ["FileStore", "Domain", "CivilTime"]),
        .testTarget(name: "AssistantTests", dependencies: ["Assistant", "FileStore", "Domain"]),
        .testTarget(name: "TranscriptsTests", dependencies: ["Transcripts", "Assistant", "FlowFiles", "FileStore", "CivilTime", "EmbeddedDialogs"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "FileStore", "Domain", "CivilTime", "PlainJSON"]),
        .testTarget(name: "StoreHistoryTests", dependencies: [
            "StoreHistory", "Assistant", "FileStore", "Domain", "CivilTime", "FlowFiles", "EmbeddedDialogs",
        ]),
        .testTarget(name: "PlainJSONTests", dependencies: ["PlainJSON"]),
        .testTarget(name: "MingaProtocolTests", dependencies: ["MingaProtocol", "Assistant", "DialogEngine", "FileStore", "PlainJSON", "CivilTime", "FlowFiles"]),
        .testTarget(name: "SocketServerTests", dependencies: [
            "SocketServer", "Assistant", "MingaProtocol", "FileStore", "Domain", "CivilTime", "PlainJSON",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOTestUtils", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds optimise across module boundaries: the turn crosses Understanding, DialogEngine and
// Assistant, whose generic helpers are otherwise not specialised for their callers.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
    ]
}
