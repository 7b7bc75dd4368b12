import Foundation
import Testing
@testable import SerranoSim
@testable import SerranoVerilator
@testable import SerranoBench

@Suite("The bridge against a plain C++ loop")
struct NativeLoopTests {
    @Test("driving a model from Swift and from a C++ main() gives the same outputs, cycle for cycle",
          arguments: ["systolic_array", "wide"])
    func sameChecksum(top: String) throws {
        let build: VerilatorBuild = top == "wide"
            ? try ModelCache.standard.build(Fixtures.wide)
            : try ModelCache.standard.build(Fixtures.systolicArray, options: Fixtures.arrayOptions(size: 4))
        let seed = Fixtures.seed
        print("NativeLoopTests seed \(seed) (replay: SERRANO_SEED=\(seed))")
        let swift = try ThroughputLoop.run(try VerilatorModel.load(build).makeSimulator(), cycles: 2_000, seed: seed)
        let batched = try ThroughputLoop.run(try VerilatorModel.load(build).makeSimulator(), cycles: 2_000, seed: seed, access: .batched)
        let native = try NativeLoop.build(for: build).run(cycles: 2_000, seed: seed)
        #expect(swift.checksum == native.checksum)
        #expect(batched.checksum == native.checksum)
        // A different stimulus gives a different checksum: the comparison can fail.
        let other = try NativeLoop.build(for: build).run(cycles: 2_000, seed: seed + 1)
        #expect(other.checksum != native.checksum)
    }
}
