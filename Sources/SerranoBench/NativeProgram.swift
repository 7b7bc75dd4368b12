import Foundation
import SerranoSim
import SerranoVerilator
import SerranoSupport

/// A plain C++ `main()` over a built Verilator model: generated from the model's port table,
/// compiled with the model's compiler and flags, linked with its objects and runtime, and kept
/// in the model's cache entry (`native/NAME`). The bench's native baselines (`NativeLoop`,
/// `NativeDRAMLoop`) are made here.
enum NativeProgram {
    /// The executable `native/executable`, generated from `source` (the C++ text for the
    /// model's ports) and built when it is not there yet. `stem` names the source and object.
    static func build(for build: VerilatorBuild, stem: String, executable name: String,
                      source: (PortTable) throws -> String) throws -> URL {
        let folder = build.directory.appendingPathComponent("native")
        let executable = folder.appendingPathComponent(name)
        let lock = try FileLock.acquire(build.directory.appendingPathComponent("native.lock"))
        defer { lock.unlock() }
        if FileManager.default.isExecutableFile(atPath: executable.path) { return executable }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let toolchain = try VerilatorToolchain.detect()
        let compiler = try build.options.compiler.resolve()
        let setup = CompilerSetup(
            toolchain: toolchain, path: compiler.path, identity: compiler.identity, optimization: build.options.optimization,
            slots: CompileSlots(folder: build.runtimeArchive.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("slots")))
        let recipe = ModelRecipe(entry: build.directory, sources: build.sources, options: build.options, setup: setup, harness: try HarnessFiles.locate())
        let table = try PortTable.read(header: recipe.verilatedFolder.appendingPathComponent("\(ModelRecipe.className).h"),
                                       orderIn: recipe.verilatedFolder)
        let sourceFile = folder.appendingPathComponent("\(stem).cpp")
        try Data(source(table).utf8).write(to: sourceFile)
        let object = folder.appendingPathComponent("\(stem).o")
        try setup.compile(sourceFile, to: object, extraFlags: recipe.modelFlags, optimization: build.options.optimization)

        let modelObjects: [String] = try FileManager.default.contentsOfDirectory(atPath: recipe.objectFolder.path)
            .filter { $0.hasSuffix(".o") && $0 != "serrano_harness.o" }
            .sorted()
            .map { recipe.objectFolder.appendingPathComponent($0).path }
        var arguments: [String] = ["-o", executable.path, object.path]
        arguments += modelObjects
        arguments.append(build.runtimeArchive.path)
        arguments += recipe.linkLibraries
        let result = try ToolProcess.run(setup.path, arguments)
        if result.status != 0 {
            throw VerilatorBuildError.toolFailed(ToolFailure(stage: "link", command: ([setup.path] + arguments).joined(separator: " "), output: result.output))
        }
        return executable
    }
}
