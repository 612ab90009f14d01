// swift-tools-version: 6.0
// Benchmarks live in their own package so that building or testing the product never
// builds them (the pattern of swift-collections). Run them through scripts/bench.
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, which depends on where the
// repository was cloned.
let product = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let productPackage = product.lastPathComponent.lowercased()

let package = Package(
    name: "VietThemesBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "vietthemes-bench",
            dependencies: [
                .product(name: "NLP", package: productPackage),
                .product(name: "Train", package: productPackage),
            ]
        ),
    ]
)
