// swift-tools-version: 6.1
// Groundwork: a multi-year budget simulation engine (see README.md and docs/MODEL-NOTES.md).
import PackageDescription

let package = Package(
    name: "Groundwork",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Groundwork", targets: ["Groundwork"]),
        .executable(name: "groundwork", targets: ["groundwork"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Benchmarks/ (swift package benchmark); its malloc counts need the interposer trait.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev; only Sources/Groundwork/Linear imports it.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "Groundwork",
            dependencies: [
                "CBLAS",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "groundwork",
            dependencies: [
                "Groundwork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "GroundworkBenchmarks",
            dependencies: [
                "Groundwork",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/GroundworkBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(
            name: "GroundworkTests",
            // The CLI is a dependency so that end-to-end tests can run the built `groundwork`.
            dependencies: ["Groundwork", "groundwork"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
