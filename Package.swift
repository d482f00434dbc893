// swift-tools-version: 6.1
// Groundwork: a multi-year budget simulation engine (see README.md and docs/MODEL.md).
//
// The library is four layers; data flows one way and no target imports one above it:
//   GroundworkCore    diagnostics, money and rounding, line items, roles, payers, year maps,
//                     random streams, parallel loops (no I/O, no model)
//   GroundworkIO      input files and encodings, CSV reading and writing, atomic output, the
//                     manifest: the only code that calls the C file API
//   GroundworkEngine  scenario -> portfolio -> plan -> projection -> risk (BLAS lives here)
//   GroundworkDesk    the analyst's tables, report, workbook (libxlsxwriter), compare and explain,
//                     and `Run`
// `Groundwork` re-exports the four for the command line and the benchmarks.
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
        // OpenBLAS from Debian's libopenblas-dev; only GroundworkEngine/Linear imports it.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // libxlsxwriter from Debian's libxlsxwriter-dev; only GroundworkDesk/Workbook/XLSX.swift
        // imports it.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The deflate level of libxlsxwriter's zip parts and glibc's printf fast path, which
        // libxlsxwriter 1.1.4 does not let a caller choose (see its header); only XLSX.swift
        // imports it. quadmath is linked by name so that the linker exports the definition of
        // register_printf_type that libquadmath's constructor must find.
        .target(
            name: "CXLSXTuning",
            dependencies: ["CXLSXWriter"],
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("quadmath")]
        ),
        .target(name: "GroundworkCore"),
        .target(
            name: "GroundworkIO",
            dependencies: [
                "GroundworkCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "GroundworkEngine",
            dependencies: [
                "GroundworkCore",
                "GroundworkIO",
                "CBLAS",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "GroundworkDesk",
            dependencies: [
                "GroundworkCore", "GroundworkIO", "GroundworkEngine", "CXLSXWriter", "CXLSXTuning",
            ]
        ),
        .target(
            name: "Groundwork",
            dependencies: ["GroundworkCore", "GroundworkIO", "GroundworkEngine", "GroundworkDesk"]
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
