import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

/// Issue 9: a damaged cache entry healed never; an unusable cache or trace folder gave a raw NSError.
@Suite("Cache healing and output folders")
struct CacheHealingTests {
    enum Damage: String, CaseIterable { case deleted, emptied, corrupted }

    @Test("a cached model whose library was deleted, emptied or corrupted (done.json intact) is rebuilt once",
          arguments: Damage.allCases)
    func damagedEntryIsRebuilt(_ damage: Damage) throws {
        let scratch = try ScratchCache("heal-\(damage.rawValue)")
        defer { scratch.remove() }
        let sources = try ModelCacheTests.uniqueCounter(in: scratch.folder, tag: "heal \(damage) \(UUID())")
        let options = VerilatorOptions(trace: .none)
        // Built, not loaded: a library mapped into this process must not be changed under it.
        let first = try scratch.cache.build(sources, options: options)
        let library = first.library.path
        switch damage {  // as another process would leave it: a new file, not this inode rewritten
        case .deleted: try FileManager.default.removeItem(atPath: library)
        case .emptied: try Data().write(to: URL(fileURLWithPath: library), options: .atomic)
        case .corrupted: try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: library), options: .atomic)
        }
        #expect(FileManager.default.fileExists(atPath: first.directory.appendingPathComponent("done.json").path))
        let healed = try VerilatorModel.build(sources, options: options, cache: scratch.cache)
        #expect(!healed.build.cacheHit, "the damaged entry must be rebuilt, not reused")
        let sim = try healed.makeSimulator()
        try sim.reset(cycles: 1)
        try sim.poke("enable", 1)
        try sim.step(2)
        #expect(try sim.peek("count") == 2)
        // Healed for good: the next call is a plain hit.
        #expect(try scratch.cache.model(sources, options: options).build.cacheHit)
    }

    @Test("a cache folder that is a file or cannot be made is one sentence naming it, not an NSError",
          arguments: ["file", "/proc/serrano-cache-test"])
    func unusableCacheFolder(_ kind: String) throws {
        let scratch = try ScratchCache("unusable")
        defer { scratch.remove() }
        var folder = URL(fileURLWithPath: kind)
        if kind == "file" {
            folder = scratch.folder.appendingPathComponent("cache-is-a-file")
            try Data("x".utf8).write(to: folder)
        }
        let cache = ModelCache(directory: folder)
        do {
            _ = try cache.build(Fixtures.counter, options: VerilatorOptions(trace: .none))
            Issue.record("building into \(folder.path) should fail")
        } catch let error as VerilatorBuildError {
            let text = error.description
            #expect(text.contains(folder.path), "\(text)")
            #expect(text.contains("SERRANO_SIM_CACHE"), "\(text)")
            #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"), "\(text)")
        }
    }

    @Test("a trace folder that is a file is one sentence naming it")
    func traceFolderIsAFile() throws {
        let scratch = try ScratchCache("trace-file")
        defer { scratch.remove() }
        let file = scratch.folder.appendingPathComponent("traces")
        try Data("x".utf8).write(to: file)
        do {
            try TraceFiles.prepareFolder(for: file.appendingPathComponent("run.vcd"))
            Issue.record("a trace under a file should fail")
        } catch let error as SimulationError {
            let text = "\(error)"
            #expect(text.contains(file.path) && text.contains("not a folder"), "\(text)")
        }
    }

    @Test("output lands under the package the user runs from, not inside Serrano's checkout")
    func outputRootIsTheRunningPackage() throws {
        let scratch = try ScratchCache("root")
        defer { scratch.remove() }
        let package = scratch.folder.appendingPathComponent("MyChip")
        let nested = package.appendingPathComponent("Sources/MyChip")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data("// swift-tools-version: 6.1\n".utf8).write(to: package.appendingPathComponent("Package.swift"))
        #expect(PackageLocation.outputRoot(from: nested).path == package.standardizedFileURL.path)
        #expect(PackageLocation.outputRoot(from: package).path == package.standardizedFileURL.path)
        // No package anywhere above: the folder itself.
        let loose = scratch.folder.appendingPathComponent("loose")
        try FileManager.default.createDirectory(at: loose, withIntermediateDirectories: true)
        #expect(PackageLocation.outputRoot(from: loose).path == loose.standardizedFileURL.path)
    }
}
