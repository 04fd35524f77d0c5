// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "rota",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rota", targets: ["rota"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
    ],
    targets: [
        // GLPK 5.0 from Debian's libglpk-dev. Debian ships no pkg-config file,
        // so the module map links the library by name.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK",
                       providers: [.apt(["libglpk-dev"])]),
        // The only importer of CGLPK: a small safe Swift API over GLPK.
        .target(name: "RotaGLPK", dependencies: ["CGLPK"]),
        // libxlsxwriter from Debian's libxlsxwriter-dev, for rota.xlsx.
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        // Workbooks: written through CXLSXWriter (its only importer), read
        // as the zip of XML parts the format is, with ZIPFoundation and XMLCoder.
        .target(name: "RotaXLSX", dependencies: [
            "CXLSXWriter",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "XMLCoder", package: "XMLCoder"),
        ]),
        // Domain, eligibility, model building, validation, KPIs. No C, no I/O.
        .target(name: "RotaCore"),
        // Scenario loading (CSV, TOML), input errors, output writers.
        .target(name: "RotaIO", dependencies: ["RotaCore", "RotaXLSX", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Solve strategies: turn a Scenario into a rota with GLPK.
        .target(name: "RotaSolver", dependencies: ["RotaCore", "RotaGLPK"]),
        // Synthetic scenarios from public figures (`rota generate`).
        .target(name: "RotaGen", dependencies: ["RotaCore"]),
        // The use cases (solve, validate, export, generate) that the
        // executable's subcommands call: load → solve → validate → write.
        .target(name: "RotaApp", dependencies: ["RotaCore", "RotaIO", "RotaSolver", "RotaGen"]),
        .executableTarget(name: "rota", dependencies: [
            "RotaApp",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // What the test targets share: the repository's paths, temporary
        // folders, the real readers (Debian's Python), a rule verifier.
        .target(name: "RotaTestSupport", dependencies: ["RotaCore"], path: "Tests/RotaTestSupport"),
        .testTarget(name: "RotaGLPKTests", dependencies: ["RotaGLPK"]),
        .testTarget(name: "RotaCoreTests", dependencies: ["RotaCore", "RotaTestSupport"]),
        // FuzzRegressions: inputs found by the fuzz targets, read by FuzzRegressionTests.
        .testTarget(name: "RotaIOTests", dependencies: ["RotaIO", "RotaCore", "RotaXLSX", "RotaTestSupport",
                                                      .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["FuzzRegressions"]),
        .testTarget(name: "RotaSolverTests", dependencies: ["RotaSolver", "RotaIO", "RotaCore", "RotaGen", "RotaTestSupport"]),
        .testTarget(name: "RotaGenTests", dependencies: ["RotaGen", "RotaIO", "RotaCore", "RotaTestSupport"]),
        .testTarget(name: "RotaAppTests", dependencies: ["RotaApp", "RotaIO", "RotaCore", "RotaSolver", "RotaGen", "RotaTestSupport"]),
    ]
)

// Fuzz targets for the scenario loaders (issue #9; see fuzz/README.md and
// fuzz/run.sh). Declared only when ROTA_FUZZ is set: they are built with
// `-sanitize=fuzzer,address` (libFuzzer supplies `main`), so a plain
// `swift build` or `swift test` must never see them.
if Context.environment["ROTA_FUZZ"] != nil {
    package.targets += [
        .target(name: "FuzzDriver", path: "fuzz/Sources/FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["RotaIO", "RotaCore"], path: "fuzz/Sources/FuzzSupport"),
    ] + ["FuzzCSV", "FuzzTOML", "FuzzVariant", "FuzzXLSX"].map {
        .executableTarget(name: $0, dependencies: ["FuzzDriver", "FuzzSupport", "RotaIO", "RotaCore", "RotaXLSX",
                                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                          path: "fuzz/Sources/\($0)", swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
}
