import Foundation
import GoldenModel
import SerranoVerify

/// `serrano gemm`'s logic, kept in the library so tests cover it: flag validation, loading the
/// `.npy` operands, running a backend and writing the result.
public struct GemmInvocation: Equatable, Sendable {
    public var a: String
    public var b: String
    public var bias: String?
    public var out: String
    public var multiplier: Int?
    public var shift: Int?
    /// A real rescale factor, quantized with TFLite's `QuantizeMultiplier` (instead of M0/shift).
    public var scale: Double?
    public var zeroPoint: Int?
    public var activation: String?
    /// The output tensor's scale, needed to place 6.0 for ReLU6.
    public var outputScale: Double?
    public var inputZeroPoint: Int?
    public var weightZeroPoint: Int?
    public var rounding: String?
    public var backend: String
    public var config: String

    public init(a: String, b: String, bias: String? = nil, out: String, multiplier: Int? = nil, shift: Int? = nil,
                scale: Double? = nil, zeroPoint: Int? = nil, activation: String? = nil, outputScale: Double? = nil,
                inputZeroPoint: Int? = nil, weightZeroPoint: Int? = nil, rounding: String? = nil,
                backend: String = "golden", config: String = "default") {
        self.a = a
        self.b = b
        self.bias = bias
        self.out = out
        self.multiplier = multiplier
        self.shift = shift
        self.scale = scale
        self.zeroPoint = zeroPoint
        self.activation = activation
        self.outputScale = outputScale
        self.inputZeroPoint = inputZeroPoint
        self.weightZeroPoint = weightZeroPoint
        self.rounding = rounding
        self.backend = backend
        self.config = config
    }

    /// What a successful run did, for the one-line summary the CLI prints.
    public struct Summary: Sendable, CustomStringConvertible {
        public var m: Int, n: Int, k: Int
        public var outputType: String
        public var statistics: ExecutionStatistics
        public var seconds: Double
        public var out: String
        public var backend: String = "golden"
        public var description: String {
            "gemm \(m)×\(k) · \(k)×\(n) → \(out) (\(outputType)) on \(backend): \(statistics.instructions) instructions, "
                + "\(m * n * k) MACs, \(String(format: "%.3f", seconds)) s"
        }
    }

    /// The accelerator configuration `--config` names (a built-in name or a JSON file), for the
    /// golden or the rtl backend.
    public func acceleratorConfig() throws -> AcceleratorConfig {
        guard Self.backends.contains(backend) else {
            throw GemmInvocationError("unknown backend '\(backend)'; use \(Self.backends.joined(separator: " or "))")
        }
        do { return try AcceleratorConfigFile.resolve(config).config } catch { throw GemmInvocationError("\(error)") }
    }

    /// The backends `--backend` takes: the golden model here, the Verilated chip through
    /// `run(executing:)`.
    public static let backends = ["golden", "rtl"]

    /// The requantization the flags describe, or nil for raw int32 output.
    public func requantization() throws -> Requantization? {
        for (flag, value) in [("--input-zero-point", inputZeroPoint), ("--weight-zero-point", weightZeroPoint), ("--zero-point", zeroPoint)] {
            if let value, !(-128...127).contains(value) { throw GemmInvocationError("\(flag) must be in -128...127, found \(value)") }
        }
        let rescale: QuantizedMultiplier?
        do {
            switch (multiplier, shift, scale) {
            case (nil, nil, nil): rescale = nil
            case (let m?, let s?, nil):
                guard let m32 = Int32(exactly: m), let s32 = Int32(exactly: s) else {
                    throw GemmInvocationError("--multiplier and --shift must fit in int32")
                }
                rescale = try QuantizedMultiplier(multiplier: m32, shift: s32)
            case (nil, nil, let real?): rescale = try QuantizedMultiplier(realMultiplier: real)
            case (_, _, _?): throw GemmInvocationError("--scale and --multiplier/--shift are alternatives; give one")
            default: throw GemmInvocationError("--multiplier and --shift go together; give both")
            }
        } catch let error as RequantizationError { throw GemmInvocationError(error.description) }
        guard let rescale else {
            if zeroPoint != nil || activation != nil || rounding != nil || outputScale != nil {
                throw GemmInvocationError("--zero-point, --activation, --rounding and --output-scale need --multiplier/--shift or --scale")
            }
            return nil
        }
        let outputZero = Int32(clamping: zeroPoint ?? 0)
        do {
            let range: ActivationRange
            switch activation ?? "none" {
            case "none": range = .none
            case "relu": range = try .relu(outputZeroPoint: outputZero)
            case "relu6":
                guard let outputScale else { throw GemmInvocationError("--activation relu6 needs --output-scale to place 6.0") }
                range = try .relu6(outputZeroPoint: outputZero, outputScale: outputScale)
            case let other: throw GemmInvocationError("unknown activation '\(other)'; use none, relu or relu6")
            }
            guard let mode = RoundingMode(rawValue: rounding ?? "double") else {
                throw GemmInvocationError("unknown rounding '\(rounding ?? "")'; use double or single")
            }
            return try Requantization(multipliers: .perTensor(rescale), outputZeroPoint: outputZero,
                                      activation: range, rounding: mode)
        } catch let error as RequantizationError { throw GemmInvocationError(error.description) }
    }

    /// The largest output (M·N elements, 256 MiB of int32) a run may produce.
    public static let maximumOutputs = 1 << 26

    /// Checks the operands' types and shapes from their headers alone (the same rules as
    /// `problem`, before any data is read).
    public func checkShapes(a: NpyFileHeader, b: NpyFileHeader, bias: NpyFileHeader?) throws {
        guard a.dtype == "|i1", a.shape.count == 2 else {
            throw GemmInvocationError("A (\(self.a)) must be a 2-D int8 matrix, found \(a.dtype) with shape \(a.shape)")
        }
        guard b.dtype == "|i1", b.shape.count == 2 else {
            throw GemmInvocationError("B (\(self.b)) must be a 2-D int8 matrix, found \(b.dtype) with shape \(b.shape)")
        }
        let (m, k) = (a.shape[0], a.shape[1])
        let (kb, n) = (b.shape[0], b.shape[1])
        guard m >= 1, k >= 1, n >= 1 else { throw GemmInvocationError("empty matrices: A is \(m)×\(k), B is \(kb)×\(n)") }
        guard k == kb else { throw GemmInvocationError("A is \(m)×\(k) and B is \(kb)×\(n): A's columns must equal B's rows") }
        let (outputs, overflow) = m.multipliedReportingOverflow(by: n)
        guard !overflow, outputs <= GemmInvocation.maximumOutputs else {
            throw GemmInvocationError("A is \(m)×\(k) and B is \(kb)×\(n): the \(m)×\(n) output is larger than the \(GemmInvocation.maximumOutputs) elements supported")
        }
        if let bias, bias.dtype != "<i4" || bias.shape != [n] {
            throw GemmInvocationError("bias (\(self.bias ?? "")) must be an int32 vector of \(n) elements, found \(bias.dtype) with shape \(bias.shape)")
        }
    }

    /// Checks the operands' types and shapes and builds the problem.
    public func problem(a: NpyArray, b: NpyArray, bias: NpyArray?) throws -> GEMMProblem {
        guard case .int8(let aTensor) = a, aTensor.rank == 2 else {
            throw GemmInvocationError("A (\(self.a)) must be a 2-D int8 matrix, found \(a.dtype) with shape \(a.shape)")
        }
        guard case .int8(let bTensor) = b, bTensor.rank == 2 else {
            throw GemmInvocationError("B (\(self.b)) must be a 2-D int8 matrix, found \(b.dtype) with shape \(b.shape)")
        }
        let (m, k) = (aTensor.shape[0], aTensor.shape[1])
        let (kb, n) = (bTensor.shape[0], bTensor.shape[1])
        guard m >= 1, k >= 1, n >= 1 else { throw GemmInvocationError("empty matrices: A is \(m)×\(k), B is \(kb)×\(n)") }
        guard k == kb else { throw GemmInvocationError("A is \(m)×\(k) and B is \(kb)×\(n): A's columns must equal B's rows") }
        var biasValues: [Int32]?
        if let bias {
            guard case .int32(let t) = bias, t.shape == [n] else {
                throw GemmInvocationError("bias (\(self.bias ?? "")) must be an int32 vector of \(n) elements, found \(bias.dtype) with shape \(bias.shape)")
            }
            biasValues = t.elements
        }
        // Validates the zero points before they are narrowed to Int32.
        let requantization = try self.requantization()
        do {
            return try GEMMProblem(a: aTensor, b: bTensor, bias: biasValues, inputZeroPoint: Int32(inputZeroPoint ?? 0),
                                   weightZeroPoint: Int32(weightZeroPoint ?? 0), requantization: requantization)
        } catch let error as GemmInvocationError { throw error } catch { throw GemmInvocationError("\(error)") }
    }

    /// Validates, reads, runs and writes; every failure is a one-line `GemmInvocationError`.
    public func run() throws -> Summary {
        try run { compiled, config in try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram).dram }
    }

    /// Validates and reads as `run()`, then compiles the GEMM and runs its program with
    /// `execute` (which returns the final DRAM image), and writes the result.
    public func run(executing execute: (CompiledProgram, AcceleratorConfig) throws -> [UInt8]) throws -> Summary {
        let config = try acceleratorConfig()
        _ = try requantization()  // flag errors before touching files
        // Every header and shape first: a 1 GiB A against a 3×5 B fails before any data is read.
        func header(_ path: String) throws -> NpyFileHeader {
            do { return try Npy.readHeader(path: path) } catch { throw GemmInvocationError("\(error)") }
        }
        try checkShapes(a: header(a), b: header(b), bias: bias.map(header))
        func load(_ path: String) throws -> NpyArray {
            do { return try Npy.read(path: path) } catch { throw GemmInvocationError("\(error)") }
        }
        let problem = try self.problem(a: load(a), b: load(b), bias: bias.map(load))
        let start = Date()
        let result: (output: GEMMOutput, statistics: ExecutionStatistics)
        do {
            let compiled = try Tiler.compile(problem, config: config)
            let statistics = try FunctionalModel(config: config).run(compiled.program, dram: compiled.dram).statistics
            result = (try compiled.output(from: execute(compiled, config)), statistics)
        } catch let error as GemmInvocationError { throw error } catch { throw GemmInvocationError("\(error)") }
        let seconds = Date().timeIntervalSince(start)
        let array: NpyArray = result.output
        do { try Npy.write(array, path: out, inputs: [a, b] + (bias.map { [$0] } ?? [])) } catch { throw GemmInvocationError("\(error)") }
        return Summary(m: problem.m, n: problem.n, k: problem.k, outputType: array.dtype == "<i4" ? "int32" : "int8",
                       statistics: result.statistics, seconds: seconds, out: out, backend: backend)
    }
}

/// A bad flag, file or shape given to `serrano gemm`: one line, exit code 2.
public struct GemmInvocationError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
