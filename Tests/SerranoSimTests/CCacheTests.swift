import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

/// Model builds go through ccache when it is installed, and say so.
@Suite("ccache")
struct CCacheTests {
    @Test("a build says whether its compiles went through ccache; a cache hit compiles nothing")
    func launcherIsReported() throws {
        let scratch = try ScratchCache("ccache")
        defer { scratch.remove() }
        let first = try scratch.cache.build(Fixtures.counter)
        #expect(first.compilerLauncher == CompilerSetup.ccache.map { URL(fileURLWithPath: $0).lastPathComponent })
        let hit = try scratch.cache.build(Fixtures.counter)
        #expect(hit.cacheHit && hit.compilerLauncher == nil)

        let without = try ScratchCache("no-ccache")
        defer { without.remove() }
        var cache = without.cache
        cache.useCCache = false
        let plain = try cache.build(Fixtures.counter)
        #expect(!plain.cacheHit && plain.compilerLauncher == nil)
        // Same C++ either way: the two libraries drive the counter alike.
        for build in [first, plain] {
            let sim = try VerilatorModel.load(build).makeSimulator()
            try sim.poke("enable", 1)
            try sim.step(5)
            #expect(try sim.peek("count") == 5)
        }
    }

    @Test("with ccache installed, a model rebuilt in its cache folder comes from ccache",
          .enabled(if: CompilerSetup.ccache != nil, "ccache is not installed"))
    func rebuildHitsCCache() throws {
        let scratch = try ScratchCache("ccache-rebuild")
        defer { scratch.remove() }
        let first = try scratch.cache.build(Fixtures.counter)
        #expect(first.compilerLauncher == "ccache" && !first.cacheHit)
        // The entry is lost (removed, damaged): the rebuild compiles the same C++ at the same paths.
        try FileManager.default.removeItem(at: scratch.folder.appendingPathComponent("models"))
        let log = scratch.folder.appendingPathComponent("ccache.log")
        setenv("CCACHE_LOGFILE", log.path, 1)
        defer { unsetenv("CCACHE_LOGFILE") }
        let again = try scratch.cache.build(Fixtures.counter)
        #expect(!again.cacheHit && again.compiledFiles > 0)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let hits = text.components(separatedBy: "Result: cache_hit").count - 1
            + text.components(separatedBy: "Result: direct_cache_hit").count - 1
            + text.components(separatedBy: "Result: preprocessed_cache_hit").count - 1
        #expect(hits >= again.compiledFiles, "\(text.split(separator: "\n").filter { $0.contains("Result:") || $0.contains("Command line") }.prefix(20).joined(separator: "\n"))")
    }
}
