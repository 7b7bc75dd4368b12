import SerranoSupport
import Testing

/// `parallelMap`: every job once, results in index order, the first error by index.
@Suite struct ParallelMapTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test("results come back in index order, each job run once")
    func indexOrder() throws {
        let squares: [Int] = try parallelMap(count: 1000) { (index: Int) -> Int in index * index }
        let expected: [Int] = (0..<1000).map { (index: Int) -> Int in index * index }
        #expect(squares == expected)
        #expect(try parallelMap(count: 0) { $0 }.isEmpty)
        #expect(try parallelMap(count: 1) { $0 + 7 } == [7])
    }

    @Test("the error of the lowest failing index is the one thrown, after every job ran")
    func firstErrorByIndex() {
        #expect(throws: Failure(index: 3)) {
            _ = try parallelMap(count: 64) { index -> Int in
                if index == 3 || index == 40 { throw Failure(index: index) }
                return index
            }
        }
    }
}
