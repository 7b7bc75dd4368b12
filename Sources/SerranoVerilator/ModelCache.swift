import Foundation
import SerranoFiles
import SerranoSim

/// The result of `ModelCache.build`: where the model's shared library is and what it cost.
public struct VerilatorBuild: Sendable {
    /// The design it was built from.
    public let sources: VerilogSources
    public let options: VerilatorOptions
    /// The cache key: SHA-256 of the Verilog, the options, the tool versions and the harness.
    public let key: String
    /// The cache entry's folder (Verilated sources, objects, `build.log`, the library).
    public let directory: URL
    /// The shared library (load it with `VerilatorModel.load`).
    public let library: URL
    /// True when the entry existed and nothing was compiled.
    public let cacheHit: Bool
    /// True when this call also compiled the Verilator runtime.
    public let runtimeCompiled: Bool
    /// C++ files compiled by this call (0 on a cache hit).
    public let compiledFiles: Int
    /// Wall time of the call, including waiting for another builder of the same entry.
    public let seconds: Double
    /// The ports Verilator declared on the top module.
    public let ports: [PortInfo]
    /// Verilator's warnings, if any (the build continues past them).
    public let warnings: String
    /// The compiled Verilator runtime the library links (shared by every model of its flags).
    public let runtimeArchive: URL
    /// `ccache` when this call's compiles went through it, nil otherwise (and on a cache hit).
    public let compilerLauncher: String?

    /// The log of this entry: one line per tool run, with its duration.
    public var log: URL { directory.appendingPathComponent("build.log") }
}

/// Builds Verilator models into a cache folder, once per distinct design, options and tools.
///
/// Layout: `models/KEY/` per model (with `KEY.lock` beside it), `runtime/KEY/libverilated.a`
/// per runtime, `slots/` for the compile semaphore. A lock per entry makes concurrent builders
/// (threads or processes) build it once; the others wait and reuse it.
public struct ModelCache: Sendable {
    /// Where models are cached.
    public let directory: URL
    /// Where the compiled Verilator runtimes and the compile slots live (shareable between
    /// caches, so a fresh model cache need not recompile the runtime).
    public let runtimeDirectory: URL

    /// The cache under `PackageLocation.cache` (`.build/serrano-sim-cache` of the package you
    /// run from, or `SERRANO_SIM_CACHE`).
    public static var standard: ModelCache { ModelCache(directory: PackageLocation.cache) }

    /// Compile through `ccache` when it is installed (and `SERRANO_CCACHE` is not `0`). Off, a
    /// cold build compiles everything (the bench measures both).
    public var useCCache: Bool = true

    /// The `ccache` builds would use (nil: not installed, or `SERRANO_CCACHE=0`).
    public var ccachePath: String? { useCCache ? CompilerSetup.ccache : nil }

    public init(directory: URL, runtimeDirectory: URL? = nil) {
        self.directory = directory
        self.runtimeDirectory = runtimeDirectory ?? directory.appendingPathComponent("runtime")
    }

    /// Bumped when the build recipe changes, so old entries are not reused.
    static let recipeVersion = "serrano-sim-build-5"

    /// Returns the cached model for `sources` and `options`, building it first if needed.
    public func build(_ sources: VerilogSources, options: VerilatorOptions = VerilatorOptions()) throws -> VerilatorBuild {
        let start = Date()
        let toolchain = try VerilatorToolchain.detect()
        let compiler = try options.compiler.resolve()
        var setup = CompilerSetup(
            toolchain: toolchain, path: compiler.path, identity: compiler.identity, optimization: options.optimization,
            slots: CompileSlots(folder: runtimeDirectory.appendingPathComponent("slots")))
        if !useCCache { setup.launcher = nil }
        let harness = try HarnessFiles.locate()
        let key = try cacheKey(sources, options: options, setup: setup, harness: harness)
        let entry = directory.appendingPathComponent("models").appendingPathComponent(key)
        let files = FileManager.default

        try prepareFolders()
        if let hit = completed(entry) {
            return result(sources, options, key, entry, hit: true, runtime: false, compiled: 0, start: start, recipe: hit)
        }
        let lock = try FileLock.acquire(entry.appendingPathExtension("lock"))
        defer { lock.unlock() }
        if let hit = completed(entry) {  // another builder finished while we waited
            return result(sources, options, key, entry, hit: true, runtime: false, compiled: 0, start: start, recipe: hit)
        }
        try? files.removeItem(at: entry)
        try files.createDirectory(at: entry, withIntermediateDirectories: true)
        let runtime = try RuntimeLibrary.archive(in: runtimeDirectory, setup: setup)
        let recipe = ModelRecipe(entry: entry, sources: sources, options: options, setup: setup, harness: harness)
        let compiled = try recipe.run(runtimeArchive: runtime.path)
        return result(sources, options, key, entry, hit: false, runtime: runtime.built, compiled: compiled, start: start,
                      recipe: recipe.completed, launcher: setup.launcher)
    }

    /// Builds (or finds) and loads the model. A cached model that cannot be loaded (its
    /// library deleted, emptied or corrupted while `done.json` stayed) is rebuilt once.
    public func model(_ sources: VerilogSources, options: VerilatorOptions = VerilatorOptions()) throws -> VerilatorModel {
        let built = try build(sources, options: options)
        do {
            return try VerilatorModel.load(built)
        } catch VerilatorBuildError.loadFailed where built.cacheHit {
            try discard(built)
            return try VerilatorModel.load(build(sources, options: options))
        }
    }

    /// Marks an entry as not built (under its lock), so the next `build` makes it again.
    public func discard(_ build: VerilatorBuild) throws {
        let lock = try FileLock.acquire(build.directory.appendingPathExtension("lock"))
        defer { lock.unlock() }
        unlink(build.directory.appendingPathComponent("done.json").path)
    }

    /// A finished entry whose library is still there and not empty; nil otherwise.
    private func completed(_ entry: URL) -> ModelRecipe.Completed? {
        guard let hit = try? ModelRecipe.loadCompleted(entry) else { return nil }
        let library = entry.appendingPathComponent(ModelRecipe.libraryName).path
        guard let size = (try? FileManager.default.attributesOfItem(atPath: library))?[.size] as? NSNumber,
              size.intValue > 0 else { return nil }
        return hit
    }

    /// Creates the cache's folders, or says in one sentence why the cache cannot be used.
    private func prepareFolders() throws {
        for folder in [directory.appendingPathComponent("models"), runtimeDirectory] {
            do { try OutputFile.createDirectory(folder.path) } catch let error as OutputFileError {
                throw VerilatorBuildError.io("the Verilator model cache folder \(folder.path) cannot be made: \(error.reason) (set SERRANO_SIM_CACHE to a writable folder)")
            }
            guard access(folder.path, W_OK) == 0 else {
                throw VerilatorBuildError.io("the Verilator model cache folder \(folder.path) is not writable (set SERRANO_SIM_CACHE to a writable folder)")
            }
        }
    }

    private func result(
        _ sources: VerilogSources, _ options: VerilatorOptions, _ key: String, _ entry: URL, hit: Bool, runtime: Bool,
        compiled: Int, start: Date, recipe: ModelRecipe.Completed, launcher: String? = nil
    ) -> VerilatorBuild {
        VerilatorBuild(
            sources: sources, options: options, key: key, directory: entry,
            library: entry.appendingPathComponent(ModelRecipe.libraryName), cacheHit: hit, runtimeCompiled: runtime,
            compiledFiles: compiled, seconds: Date().timeIntervalSince(start), ports: recipe.ports, warnings: recipe.warnings,
            runtimeArchive: URL(fileURLWithPath: recipe.runtimeArchive),
            compilerLauncher: launcher.map { URL(fileURLWithPath: $0).lastPathComponent })
    }

    private func cacheKey(_ sources: VerilogSources, options: VerilatorOptions, setup: CompilerSetup, harness: HarnessFiles) throws -> String {
        var hash = ContentHash()
        hash.update(field: ModelCache.recipeVersion)
        hash.update(field: sources.top)
        for (file, data) in zip(sources.files, try sources.contents()) {
            hash.update(field: file.lastPathComponent)
            hash.update(field: String(data.count))
            hash.update(data)
        }
        hash.update(field: options.cacheDescription)
        hash.update(field: setup.toolchain.versionLine)
        hash.update(field: setup.identity)
        hash.update(field: setup.path)
        hash.update(field: setup.commonFlags.joined(separator: " "))
        for data in try harness.contents() { hash.update(data) }
        return String(hash.finalize().prefix(32))
    }
}

/// The harness files in `testbench/`.
package struct HarnessFiles {
    package let folder: URL
    package var source: URL { folder.appendingPathComponent("serrano_harness.cpp") }
    package var header: URL { folder.appendingPathComponent("serrano_harness.h") }
    package var exports: URL { folder.appendingPathComponent("serrano_exports.map") }
    package var hooks: [URL] { ["serrano_hooks.h", "serrano_hooks.cpp"].map { folder.appendingPathComponent($0) } }

    package static func locate() throws -> HarnessFiles {
        let files = HarnessFiles(folder: PackageLocation.testbench)
        for file in [files.source, files.header, files.exports] + files.hooks where !FileManager.default.fileExists(atPath: file.path) {
            throw VerilatorBuildError.io("the C++ harness \(file.path) is missing; set SERRANO_TESTBENCH to the package's testbench/ folder")
        }
        return files
    }

    package func contents() throws -> [Data] {
        try ([source, header, exports] + hooks).map { file in
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw VerilatorBuildError.io("cannot read \(file.path)")
            }
            return data
        }
    }
}
