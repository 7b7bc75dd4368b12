// swift-tools-version: 6.1
// A user's own package: one design, and a command line for it through SerranoCLI.
// `make package-check` copies this folder, points SERRANO_URL at a tagged clone and builds it.
import PackageDescription

let package = Package(
    name: "DotProduct",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "SERRANO_URL", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "dot-tool",
            dependencies: [
                .product(name: "Serrano", package: "serrano"),
                .product(name: "SerranoCLI", package: "serrano"),
            ]),
    ]
)
