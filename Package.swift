// swift-tools-version: 6.1
//
// Serrano: a hardware description language embedded in Swift, an int8 inference accelerator
// written in it, and a verifier for the generated Verilog. README.md's "Architecture" draws
// these targets and says what each must never import; the dependencies below match it.
import PackageDescription

/// Settings shared by every target. The 200 ms type-check budget per expression
/// (`-warn-long-expression-type-checking=200`) is applied by the Makefile's `SWIFT_FLAGS`, not
/// here: unsafe build flags in a manifest would make SwiftPM refuse Serrano as a versioned dependency.
let strictTypeChecking: [SwiftSetting] = [
    .swiftLanguageMode(.v5),
]

let package = Package(
    name: "Serrano",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Serrano", targets: ["Serrano"]),
        .library(name: "SerranoIR", targets: ["SerranoIR"]),
        .library(name: "SerranoVerilog", targets: ["SerranoVerilog"]),
        .library(name: "SerranoSim", targets: ["SerranoSim"]),
        .library(name: "SerranoVerilator", targets: ["SerranoVerilator"]),
        .library(name: "SerranoWaves", targets: ["SerranoWaves"]),
        .library(name: "GoldenModel", targets: ["GoldenModel"]),
        .library(name: "Accelerator", targets: ["Accelerator"]),
        .library(name: "SerranoVerify", targets: ["SerranoVerify"]),
        .library(name: "SerranoFiles", targets: ["SerranoFiles"]),
        .library(name: "SerranoReport", targets: ["SerranoReport"]),
        // The command line as a library: `SerranoCommand.main(designs:)` in another package's
        // executable gives it `generate`, `lint` and `wave` for its own designs.
        .library(name: "SerranoCLI", targets: ["SerranoCLI"]),
        .executable(name: "serrano", targets: ["serrano"]),
        .executable(name: "serrano-bench", targets: ["SerranoBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The small pieces any target may share: the one seeded generator (SplitMix64) and the one
        // process runner (ToolProcess, ToolExit). Imports no other target.
        .target(name: "SerranoSupport", swiftSettings: strictTypeChecking),
        // Reading and writing the files a user names: through symlinks, into devices, atomic,
        // every error one sentence. Shared by the CLI and the libraries that write files.
        .target(name: "SerranoFiles", swiftSettings: strictTypeChecking),
        // The typed netlist, its passes and diagnostics, and the naming rules (`Naming`, `VerilogNames`)
        // that the printer and the interpreter's traces share. No DSL syntax, no printing.
        .target(name: "SerranoIR", swiftSettings: strictTypeChecking),
        // The embedded DSL: signals, operators, when/switch, registers, memories, modules, stdlib.
        .target(name: "Serrano", dependencies: ["SerranoIR"], swiftSettings: strictTypeChecking),
        // A pure printer from legalized IR to Verilog-2005, plus the name map.
        .target(name: "SerranoVerilog", dependencies: ["SerranoIR", "SerranoFiles", "SerranoSupport"], swiftSettings: strictTypeChecking),
        // Example designs written in the DSL: counter, FIFO, MAC PE, systolic array, SRAM wrapper.
        // Hardware only: their drivers live with the verification code (SerranoVerify).
        .target(name: "SerranoExamples", dependencies: ["Serrano"], swiftSettings: strictTypeChecking),
        // The Simulator protocol, the IR interpreter, and where traces go.
        .target(
            name: "SerranoSim",
            dependencies: ["SerranoIR", "SerranoWaves", "SerranoFiles"],
            swiftSettings: strictTypeChecking),
        // The Verilator backend: toolchain, model build and cache, the C++ bridge, VerilatorSimulator.
        .target(
            name: "SerranoVerilator",
            dependencies: ["SerranoSim", "SerranoIR", "SerranoVerilog", "SerranoFiles", "SerranoSupport"],
            swiftSettings: strictTypeChecking),
        // VCD/FST reading and writing (the one vcd2fst/fst2vcd converter), waveform diff, SVG/HTML rendering.
        .target(name: "SerranoWaves", dependencies: ["SerranoFiles", "SerranoSupport"], swiftSettings: strictTypeChecking),
        // Tensors, reference kernels, requantization, the ISA, the functional model, the tiler,
        // the .npy format. Imports no other target: it must not know the hardware or the files.
        .target(name: "GoldenModel", swiftSettings: strictTypeChecking),
        // The int8 accelerator, written in the DSL; its configuration is the golden model's.
        .target(name: "Accelerator", dependencies: ["Serrano", "GoldenModel"], swiftSettings: strictTypeChecking),
        // Verification: the regression runner, its backends (golden, rtl, interpreter) and JUnit
        // report; the chip's harness, DRAM model and scoreboard; drivers for the examples; .npy
        // files; differential fuzzing of the interpreter and printer against Verilator.
        .target(
            name: "SerranoVerify",
            dependencies: [
                "Accelerator", "GoldenModel", "Serrano", "SerranoIR", "SerranoSim", "SerranoVerilator", "SerranoVerilog",
                "SerranoWaves", "SerranoFiles", "SerranoSupport",
            ],
            swiftSettings: strictTypeChecking),
        // The architect's report of a configuration: Yosys area, the layer suite on the Verilated
        // chip against its roofline, energy from the chip's counters × a cited energy table, sweeps;
        // written as JSON and as HTML with SVG plots.
        .target(
            name: "SerranoReport",
            dependencies: [
                "Accelerator", "GoldenModel", "SerranoVerify", "SerranoSim", "SerranoVerilog", "SerranoWaves",
                "SerranoFiles", "SerranoSupport",
            ],
            swiftSettings: strictTypeChecking),
        // The commands of the command line, over any set of designs: flag parsing, then the libraries.
        .target(
            name: "SerranoCLI",
            dependencies: [
                "Serrano", "SerranoIR", "SerranoVerilog", "SerranoSim", "SerranoVerilator", "SerranoWaves",
                "GoldenModel", "SerranoExamples", "SerranoFiles", "Accelerator", "SerranoVerify", "SerranoReport", "SerranoSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictTypeChecking),
        // The `serrano` tool: SerranoCLI with the built-in examples.
        .executableTarget(name: "serrano", dependencies: ["SerranoCLI"], swiftSettings: strictTypeChecking),
        // `make bench`: figures with units, built in release; its own workloads (ThroughputLoop, NativeLoop).
        .executableTarget(
            name: "SerranoBench",
            dependencies: [
                "Serrano", "SerranoIR", "SerranoVerilog", "SerranoSim", "SerranoVerilator", "SerranoWaves",
                "GoldenModel", "SerranoExamples", "Accelerator", "SerranoVerify", "SerranoSupport",
            ],
            swiftSettings: strictTypeChecking),

        .testTarget(name: "SerranoIRTests", dependencies: ["SerranoIR"], swiftSettings: strictTypeChecking),
        .testTarget(
            name: "SerranoTests",
            dependencies: ["Serrano", "SerranoIR", "SerranoVerilog", "SerranoExamples", "SerranoSupport"],
            swiftSettings: strictTypeChecking),
        .testTarget(
            name: "SerranoVerilogTests",
            dependencies: ["Serrano", "SerranoIR", "SerranoVerilog", "SerranoExamples", "SerranoSupport"],
            exclude: ["Snapshots"],
            swiftSettings: strictTypeChecking),
        .testTarget(
            name: "SerranoSimTests",
            dependencies: [
                "Serrano", "SerranoIR", "SerranoVerilog", "SerranoSim", "SerranoVerilator", "SerranoExamples", "SerranoWaves",
                // The differential fuzzer's tests and the bench's native-loop check share these fixtures.
                "SerranoVerify", "SerranoBench", "SerranoSupport", "GoldenModel",
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictTypeChecking),
        .testTarget(
            name: "SerranoWavesTests", dependencies: ["SerranoWaves", "SerranoSupport"], exclude: ["Fixtures"],
            swiftSettings: strictTypeChecking),
        .testTarget(name: "GoldenModelTests", dependencies: ["GoldenModel", "SerranoSupport"], swiftSettings: strictTypeChecking),
        // The regression runner, its case generator, shards and JUnit report; .npy files on disk.
        .testTarget(name: "SerranoVerifyTests", dependencies: ["SerranoVerify", "GoldenModel", "SerranoSupport"], swiftSettings: strictTypeChecking),
        .testTarget(
            name: "AcceleratorTests",
            dependencies: ["Accelerator", "SerranoVerify", "GoldenModel", "Serrano", "SerranoSim", "SerranoVerilator", "SerranoVerilog", "SerranoWaves", "SerranoSupport"],
            swiftSettings: strictTypeChecking),
        .testTarget(
            name: "SerranoReportTests",
            dependencies: ["SerranoReport", "Accelerator", "GoldenModel", "SerranoVerify", "SerranoVerilog", "SerranoSim", "SerranoVerilator", "SerranoSupport"],
            swiftSettings: strictTypeChecking),
        // Runs the built `serrano` binary on bad input: exit codes, messages, files written; and
        // SerranoCommand.main(designs:) in process over a test's own designs.
        .testTarget(
            name: "SerranoCLITests", dependencies: ["SerranoFiles", "GoldenModel", "SerranoSim", "SerranoCLI", "Serrano", "SerranoVerify", "SerranoSupport"],
            swiftSettings: strictTypeChecking),
    ]
)
