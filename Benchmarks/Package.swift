// swift-tools-version:6.0
// The benchmarks live in their own package so that `swift build` and `swift test` at the root
// never compile them. Run from the repository root:
//   swift run -c release --package-path Benchmarks dvsec-bench [engine|console|diff|import|all]
import PackageDescription

let package = Package(
    name: "dvsec-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "dvsec", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "dvsec-bench",
            dependencies: [
                .product(name: "SecurityModel", package: "dvsec"),
                .product(name: "DataverseSolution", package: "dvsec"),
                .product(name: "ConsoleUI", package: "dvsec"),
                .product(name: "TerminalCore", package: "dvsec"),
            ],
            path: "Sources/dvsec-bench"
        )
    ],
    swiftLanguageModes: [.v6]
)
