import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator

@Suite("Model cache")
struct ModelCacheTests {
    /// A counter whose Verilog differs from every other test's, so its cache key is new.
    static func uniqueCounter(in folder: URL, tag: String) throws -> VerilogSources {
        let text = try String(contentsOf: Fixtures.url("counter.v"), encoding: .utf8) + "// \(tag)\n"
        let file = folder.appendingPathComponent("counter.v")
        try Data(text.utf8).write(to: file)
        return VerilogSources(top: "counter", files: [file])
    }

    @Test("a second build of the same design is a cache hit that compiles nothing; a changed design rebuilds")
    func secondBuildHits() throws {
        let scratch = try ScratchCache("hit")
        defer { scratch.remove() }
        let sources = try ModelCacheTests.uniqueCounter(in: scratch.folder, tag: "hit \(UUID())")
        let first = try scratch.cache.build(sources, options: VerilatorOptions(trace: .none))
        #expect(!first.cacheHit)
        #expect(first.compiledFiles > 0)
        let logBefore = try String(contentsOf: first.log, encoding: .utf8)
        let second = try scratch.cache.build(sources, options: VerilatorOptions(trace: .none))
        #expect(second.cacheHit)
        #expect(second.compiledFiles == 0)
        #expect(second.key == first.key)
        #expect(try String(contentsOf: second.log, encoding: .utf8) == logBefore)
        // The cached model works.
        let sim = try VerilatorModel.load(second).makeSimulator()
        try sim.reset(cycles: 1)
        try sim.poke("enable", 1)
        try sim.step(3)
        #expect(try sim.peek("count") == 3)
        // Other options are another entry.
        let traced = try scratch.cache.build(sources, options: VerilatorOptions(trace: .none, parameters: ["WIDTH": "4"]))
        #expect(!traced.cacheHit)
        #expect(traced.key != first.key)
        #expect(traced.ports.first { $0.name == "count" }?.width == 4)
    }

    @Test("concurrent builds of one design from several tasks build it once")
    func concurrentBuildsBuildOnce() async throws {
        let scratch = try ScratchCache("concurrent")
        defer { scratch.remove() }
        let sources = try ModelCacheTests.uniqueCounter(in: scratch.folder, tag: "concurrent \(UUID())")
        let cache = scratch.cache
        let builds: [VerilatorBuild] = try await withThrowingTaskGroup(of: VerilatorBuild.self) { group in
            for _ in 0..<4 {
                group.addTask { try cache.build(sources, options: VerilatorOptions(trace: .none)) }
            }
            var all: [VerilatorBuild] = []
            for try await build in group { all.append(build) }
            return all
        }
        #expect(builds.count == 4)
        #expect(builds.filter { !$0.cacheHit }.count == 1)
        #expect(Set(builds.map(\.key)).count == 1)
        let log = try String(contentsOf: builds[0].log, encoding: .utf8)
        #expect(log.components(separatedBy: "verilator ").count - 1 == 1, "verilated more than once:\n\(log)")
        #expect(log.components(separatedBy: "port order (Verilator XML) ").count - 1 == 1, "port order read more than once:\n\(log)")
    }

    @Test("the compile semaphore never runs more jobs than it has slots, across threads")
    func compileSlotsBound() throws {
        let scratch = try ScratchCache("slots")
        defer { scratch.remove() }
        let folder = scratch.folder.appendingPathComponent("slots")
        let counter = ConcurrencyCounter()
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            // Plain threads (not the small dispatch pool), each with its own CompileSlots value,
            // as separate processes would have.
            Thread.detachNewThread {
                _ = try? CompileSlots(folder: folder, slots: 2).withSlot {
                    counter.enter()
                    usleep(40_000)
                    counter.leave()
                }
                group.leave()
            }
        }
        group.wait()
        #expect(counter.maximum <= 2)
        #expect(counter.maximum >= 1)
        #expect(counter.total == 8)
    }

    @Test("the cache key text of options does not depend on dictionary order")
    func deterministicOptionsText() {
        var first: [String: String] = [:]
        var second: [String: String] = [:]
        let names = (0..<16).map { "P\($0)" }
        for name in names { first[name] = name.lowercased() }
        for name in names.reversed() { second[name] = name.lowercased() }
        let a = VerilatorOptions(parameters: first), b = VerilatorOptions(parameters: second)
        #expect(a.cacheDescription == b.cacheDescription)
        #expect(a.cacheDescription != VerilatorOptions(parameters: ["P0": "x"]).cacheDescription)
    }

    @Test("a file list names Verilog files relative to itself, skipping comments")
    func fileList() throws {
        let scratch = try ScratchCache("file-list")
        defer { scratch.remove() }
        let list = scratch.folder.appendingPathComponent("design.f")
        let relative = "../" + Fixtures.folder.pathComponents.dropFirst().joined(separator: "/")
        let up = String(repeating: "../", count: scratch.folder.pathComponents.count - 1)
        try Data("# the counter\n\(up)\(relative.dropFirst(3))/counter.v\n// done\n".utf8).write(to: list)
        let sources = try VerilogSources(top: "counter", fileList: list)
        #expect(sources.files.map(\.standardizedFileURL.path) == [Fixtures.url("counter.v").path])
        let fromList = try ModelCache.standard.build(sources)
        let direct = try ModelCache.standard.build(Fixtures.counter)
        #expect(fromList.key == direct.key)
        #expect(throws: VerilatorBuildError.self) {
            try VerilogSources(top: "counter", fileList: scratch.folder.appendingPathComponent("missing.f"))
        }
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        var empty = ContentHash()
        #expect(empty.finalize() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = ContentHash()
        abc.update("abc".utf8)
        #expect(abc.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var long = ContentHash()
        long.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(long.finalize() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

/// Counts how many callers are inside a section at once.
final class ConcurrencyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    private(set) var maximum = 0
    private(set) var total = 0

    func enter() {
        lock.lock()
        inside += 1
        total += 1
        maximum = max(maximum, inside)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        inside -= 1
        lock.unlock()
    }
}
