// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "VietThemes",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NLP", targets: ["NLP"]),
        .library(name: "Train", targets: ["Train"]),
        .executable(name: "classify", targets: ["classify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C interop only: a module map over the system's <cblas.h> (Debian: libblas-dev).
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "blas",
            providers: [.apt(["libblas-dev"])]
        ),
        // C interop only: the CPU's prefetch hint, which Swift cannot spell.
        .target(name: "CacheHints"),
        .target(name: "NLP", dependencies: ["CBLAS", "CacheHints"]),
        .target(name: "Train", dependencies: ["NLP", "CBLAS"]),
        .executableTarget(
            name: "classify",
            dependencies: [
                "NLP", "Train",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NLPTests", dependencies: ["NLP", "CBLAS"], exclude: ["Fixtures"]),
        .testTarget(name: "TrainTests", dependencies: ["Train", "NLP"]),
        .testTarget(name: "classifyTests", dependencies: ["classify"]),
    ]
)
