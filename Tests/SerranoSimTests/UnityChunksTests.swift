import Testing
@testable import SerranoVerilator

/// How Verilated files are packed into translation units (`UnityChunks`).
@Suite struct UnityChunksTests {
    static let mib = 1 << 20

    @Test("small files share one unit, in Verilator's order, until the unit holds its target")
    func smallFilesShareAUnit() {
        let files = (0..<300).map { (name: "f\($0).cpp", bytes: 20_000) }
        let chunks = UnityChunks.pack(files, slots: 2)
        // 6 MB in all: target max(1 MiB, 6 MB / 8) = 1 MiB, so 52 files a unit.
        #expect(chunks.count == 6)
        #expect(chunks.flatMap(\.members) == files.map(\.name), "every file once, in order")
        #expect(chunks.allSatisfy { $0.bytes <= Self.mib })
        #expect(chunks.dropLast().allSatisfy { $0.bytes + 20_000 > Self.mib }, "a unit closes only when the next file would overflow it")
    }

    @Test("a large model keeps several units per compile slot; a file above the target is a unit of its own")
    func largeModelsStayParallel() {
        let files = [(name: "big.cpp", bytes: 30 * Self.mib)] + (0..<20).map { (name: "m\($0).cpp", bytes: 2 * Self.mib) }
        let chunks = UnityChunks.pack(files, slots: 2)
        // 70 MiB: target 70 / 8 = 8.75 MiB.
        #expect(chunks.first?.members == ["big.cpp"])
        #expect(chunks.count == 6)
        #expect(chunks.dropFirst().allSatisfy { $0.members.count == 4 || $0 == chunks.last })
    }

    @Test("an empty group has no unit, and a unit's text includes its members by name")
    func emptyGroupAndSource() {
        #expect(UnityChunks.pack([], slots: 2).isEmpty)
        let chunk = UnityChunks.Chunk(members: ["Vmodel.cpp", "Vmodel__Syms.cpp"], bytes: 10)
        let text = UnityChunks.source(of: chunk)
        #expect(text.hasSuffix("#include \"Vmodel.cpp\"\n#include \"Vmodel__Syms.cpp\"\n"))
    }
}
