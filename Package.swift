// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dvsec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dvsec", targets: ["dvsec"]),
        .library(name: "SecurityModel", targets: ["SecurityModel"]),
        .library(name: "DataverseSolution", targets: ["DataverseSolution"]),
        .library(name: "TerminalCore", targets: ["TerminalCore"]),
        .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The domain: every Dataverse security rule lives here and nowhere else.
        .target(name: "SecurityModel"),
        // Real Dataverse files: solution folders and zips, Web API payloads.
        .target(
            name: "DataverseSolution",
            dependencies: ["SecurityModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Pure terminal vocabulary: cells, styles, keys, screen buffers, display width, themes.
        .target(name: "TerminalCore"),
        // The console: state, actions, reducer, screens. Never imports curses.
        .target(name: "ConsoleUI", dependencies: ["TerminalCore", "SecurityModel"]),
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        // The only importer of curses.
        .target(name: "TerminalNCurses", dependencies: ["CNCursesW", "TerminalCore"]),
        .executableTarget(
            name: "dvsec",
            dependencies: [
                "SecurityModel", "DataverseSolution", "ConsoleUI", "TerminalNCurses", "TerminalCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SecurityModelTests",
            dependencies: [
                "SecurityModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "DataverseSolutionTests",
            dependencies: ["DataverseSolution", "SecurityModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TerminalCoreTests", dependencies: ["TerminalCore"]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "TerminalCore", "SecurityModel"], exclude: ["__Snapshots__"]),
        .testTarget(name: "CLITests", dependencies: ["SecurityModel"]),
        .testTarget(name: "ConsoleEndToEndTests", dependencies: ["SecurityModel"]),
    ],
    swiftLanguageModes: [.v6]
)
