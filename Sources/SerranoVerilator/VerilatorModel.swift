import Foundation
import SerranoFiles
import SerranoSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Verilator model's shared library, loaded into this process; makes simulator instances.
///
/// Each load gets its own file name (a hard link to the cached library, removed right after
/// `dlopen`), because glibc hands back the already-loaded handle for a path that is still
/// open. The library is opened `RTLD_NOW | RTLD_LOCAL` and exports only the C ABI, so any
/// number of models — and instances of each — coexist in one process, traces open.
public final class VerilatorModel: @unchecked Sendable {
    /// The build this model was loaded from.
    public let build: VerilatorBuild
    /// The top module's ports in the order the Verilog declares them (handle order): the same
    /// for every build option, `threads` included (for a printed DSL design, the interpreter's order).
    public let ports: [PortInfo]
    /// The waveform format compiled in.
    public let traceFormat: TraceFormat
    let functions: HarnessFunctions
    private let handle: UnsafeMutableRawPointer

    private static let loadCounter = NSLock()
    nonisolated(unsafe) private static var loads: Int = 0

    /// Builds (or finds in the cache) and loads a model in one call; a damaged cache entry is
    /// rebuilt once (`ModelCache.model`).
    public static func build(
        _ sources: VerilogSources, options: VerilatorOptions = VerilatorOptions(), cache: ModelCache = .standard
    ) throws -> VerilatorModel {
        try cache.model(sources, options: options)
    }

    /// Loads a built model.
    public static func load(_ build: VerilatorBuild) throws -> VerilatorModel {
        let unique = try uniqueCopy(of: build.library)
        defer { unlink(unique.path) }
        guard let handle = dlopen(unique.path, RTLD_NOW | RTLD_LOCAL) else {
            let message: String = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw VerilatorBuildError.loadFailed(message)
        }
        do {
            let functions = try HarnessFunctions(handle: handle)
            let abi: Int32 = functions.abiVersion()
            guard abi == HarnessFunctions.abiVersion else {
                throw VerilatorBuildError.loadFailed("\(build.library.path) speaks harness ABI \(abi), expected \(HarnessFunctions.abiVersion); rebuild it")
            }
            return VerilatorModel(build: build, handle: handle, functions: functions)
        } catch {
            dlclose(handle)
            throw error
        }
    }

    private init(build: VerilatorBuild, handle: UnsafeMutableRawPointer, functions: HarnessFunctions) {
        self.build = build
        self.handle = handle
        self.functions = functions
        var ports: [PortInfo] = []
        let count: Int = Int(functions.portCount())
        if let raw = functions.ports() {
            // serrano_port {const char*; int32 x3} has the same layout as PortEntry.
            let table = raw.assumingMemoryBound(to: HarnessFunctions.PortEntry.self)
            for index in 0..<count {
                let entry = table[index]
                let direction: PortDirection = entry.direction == 0 ? .input : (entry.direction == 1 ? .output : .inout)
                ports.append(PortInfo(name: String(cString: entry.name), direction: direction, width: Int(entry.width)))
            }
        }
        self.ports = ports
        let format: Int32 = functions.traceFormat()
        self.traceFormat = format == 1 ? .vcd : (format == 2 ? .fst : .none)
    }

    deinit {
        // Instances keep their model alive, so none is left when this runs.
        dlclose(handle)
    }

    /// A new, independent instance (own time, own trace) named `name` in traces.
    public func makeSimulator(name: String = "TOP") throws -> VerilatorSimulator {
        try VerilatorSimulator(model: self, name: name)
    }

    private static func uniqueCopy(of library: URL) throws -> URL {
        loadCounter.lock()
        loads += 1
        let number: Int = loads
        loadCounter.unlock()
        let folder = library.deletingLastPathComponent().appendingPathComponent("loads")
        do { try OutputFile.createDirectory(folder.path) } catch let error as OutputFileError {
            throw VerilatorBuildError.loadFailed("\(error)")
        }
        let unique = folder.appendingPathComponent("model-\(ProcessInfo.processInfo.processIdentifier)-\(number).so")
        unlink(unique.path)
        if link(library.path, unique.path) != 0 {
            do {
                try FileManager.default.copyItem(at: library, to: unique)
            } catch {
                throw VerilatorBuildError.loadFailed("cannot copy \(library.path) to \(unique.path): \(error)")
            }
        }
        return unique
    }
}

/// The C ABI of testbench/serrano_harness.h, resolved once with `dlsym`.
struct HarnessFunctions {
    static let abiVersion: Int32 = 3

    /// Mirrors `serrano_port`.
    struct PortEntry {
        var name: UnsafePointer<CChar>
        var direction: Int32
        var width: Int32
        var lsb: Int32
    }

    typealias Instance = OpaquePointer

    let abiVersion: @convention(c) () -> Int32
    let traceFormat: @convention(c) () -> Int32
    let portCount: @convention(c) () -> Int32
    let ports: @convention(c) () -> UnsafeRawPointer?
    let create: @convention(c) (UnsafePointer<CChar>?) -> Instance?
    let destroy: @convention(c) (Instance?) -> Void
    let set: @convention(c) (Instance?, Int32, UInt64) -> Void
    let get: @convention(c) (Instance?, Int32) -> UInt64
    let setWords: @convention(c) (Instance?, Int32, UnsafePointer<UInt64>?) -> Void
    let getWords: @convention(c) (Instance?, Int32, UnsafeMutablePointer<UInt64>?) -> Void
    let groupCreate: @convention(c) (Instance?, UnsafePointer<Int32>?, Int32) -> Int32
    let groupSet: @convention(c) (Instance?, Int32, UnsafePointer<UInt64>?) -> Int32
    let groupGet: @convention(c) (Instance?, Int32, UnsafeMutablePointer<UInt64>?) -> Int32
    let stepGroups: @convention(c) (Instance?, Int32, UnsafePointer<UInt64>?, UInt64, Int32, UnsafeMutablePointer<UInt64>?) -> Int32
    let eval: @convention(c) (Instance?) -> Void
    let step: @convention(c) (Instance?, UInt64) -> Int32
    let time: @convention(c) (Instance?) -> UInt64
    let traceOpen: @convention(c) (Instance?, UnsafePointer<CChar>?) -> Int32
    let traceClose: @convention(c) (Instance?) -> Void
    let peekPublic: @convention(c) (Instance?, UnsafePointer<CChar>?, UnsafeMutablePointer<UInt64>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
    let error: @convention(c) (Instance?) -> UnsafePointer<CChar>?

    init(handle: UnsafeMutableRawPointer) throws {
        func symbol<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let address = dlsym(handle, name) else {
                throw VerilatorBuildError.loadFailed("the library lacks \(name); it was not built by this harness")
            }
            return unsafeBitCast(address, to: type)
        }
        abiVersion = try symbol("serrano_abi_version", (@convention(c) () -> Int32).self)
        traceFormat = try symbol("serrano_trace_format", (@convention(c) () -> Int32).self)
        portCount = try symbol("serrano_port_count", (@convention(c) () -> Int32).self)
        ports = try symbol("serrano_ports", (@convention(c) () -> UnsafeRawPointer?).self)
        create = try symbol("serrano_create", (@convention(c) (UnsafePointer<CChar>?) -> Instance?).self)
        destroy = try symbol("serrano_destroy", (@convention(c) (Instance?) -> Void).self)
        set = try symbol("serrano_set", (@convention(c) (Instance?, Int32, UInt64) -> Void).self)
        get = try symbol("serrano_get", (@convention(c) (Instance?, Int32) -> UInt64).self)
        setWords = try symbol("serrano_set_words", (@convention(c) (Instance?, Int32, UnsafePointer<UInt64>?) -> Void).self)
        getWords = try symbol("serrano_get_words", (@convention(c) (Instance?, Int32, UnsafeMutablePointer<UInt64>?) -> Void).self)
        groupCreate = try symbol("serrano_group_create", (@convention(c) (Instance?, UnsafePointer<Int32>?, Int32) -> Int32).self)
        groupSet = try symbol("serrano_group_set", (@convention(c) (Instance?, Int32, UnsafePointer<UInt64>?) -> Int32).self)
        groupGet = try symbol("serrano_group_get", (@convention(c) (Instance?, Int32, UnsafeMutablePointer<UInt64>?) -> Int32).self)
        stepGroups = try symbol(
            "serrano_step_groups",
            (@convention(c) (Instance?, Int32, UnsafePointer<UInt64>?, UInt64, Int32, UnsafeMutablePointer<UInt64>?) -> Int32).self)
        eval = try symbol("serrano_eval", (@convention(c) (Instance?) -> Void).self)
        step = try symbol("serrano_step", (@convention(c) (Instance?, UInt64) -> Int32).self)
        time = try symbol("serrano_time", (@convention(c) (Instance?) -> UInt64).self)
        traceOpen = try symbol("serrano_trace_open", (@convention(c) (Instance?, UnsafePointer<CChar>?) -> Int32).self)
        traceClose = try symbol("serrano_trace_close", (@convention(c) (Instance?) -> Void).self)
        peekPublic = try symbol(
            "serrano_peek_public",
            (@convention(c) (Instance?, UnsafePointer<CChar>?, UnsafeMutablePointer<UInt64>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32).self)
        error = try symbol("serrano_error", (@convention(c) (Instance?) -> UnsafePointer<CChar>?).self)
    }
}
