/// Which compared signals of a streaming diff differ at the current sample: updated for the
/// signals whose traces changed since the last one (the `ValueComparison` rule, word by word).
///
/// A class, so the diff's per-signal loop calls it through a reference rather than with a copy
/// of the diff's state.
final class CurrentDifferences {
    private let actual: StreamSide
    private let expected: StreamSide
    /// Per compared signal: its trace on each side (nil when a name is not declared).
    private let actualTraces: [Int?]
    private let expectedTraces: [Int?]
    /// Per compared signal, both traces when each is bits in one word per plane (compared
    /// without the general loop), else -1.
    private let singleWord: [(actual: Int, expected: Int)]
    private let strict: Bool
    private var differs: [Bool]
    private(set) var differingCount = 0

    init(actual: StreamSide, expected: StreamSide, actualTraces: [Int?], expectedTraces: [Int?], strict: Bool) {
        self.actual = actual
        self.expected = expected
        self.actualTraces = actualTraces
        self.expectedTraces = expectedTraces
        self.strict = strict
        singleWord = zip(actualTraces, expectedTraces).map { pair in
            guard let actualTrace = pair.0, let expectedTrace = pair.1 else { return (-1, -1) }
            let isSingle = actual.planes[actualTrace] == 1 && !actual.isReal[actualTrace]
                && expected.planes[expectedTrace] == 1 && !expected.isReal[expectedTrace]
            return isSingle ? (actualTrace, expectedTrace) : (-1, -1)
        }
        differs = [Bool](repeating: false, count: actualTraces.count)
    }

    /// Compares the signals in `signals` again.
    func update(_ signals: [Int32]) {
        for signal in signals {
            let index = Int(signal)
            let now = currentlyDiffers(index)
            if now != differs[index] {
                differs[index] = now
                differingCount += now ? 1 : -1
            }
        }
    }

    /// Whether a signal's current values differ.
    private func currentlyDiffers(_ signal: Int) -> Bool {
        let pair = singleWord[signal]
        if pair.actual >= 0 {
            return CurrentDifferences.differ(actual.newestWord(pair.actual), expected.newestWord(pair.expected), strict: strict)
        }
        guard let actualTrace = actualTraces[signal], let expectedTrace = expectedTraces[signal] else { return false }
        if actual.isReal[actualTrace] || expected.isReal[expectedTrace] {
            return ValueComparison.differingBits(actual: actual.newestValue(actualTrace), expected: expected.newestValue(expectedTrace),
                                                 strict: strict).count > 0
        }
        for word in 0..<max(actual.planes[actualTrace], expected.planes[expectedTrace]) {
            if CurrentDifferences.differ(actual.newest(actualTrace, word: word), expected.newest(expectedTrace, word: word), strict: strict) {
                return true
            }
        }
        return false
    }

    /// Whether one word of two values differs: any bit, x and z included, when `strict`; else a
    /// bit the expected side knows that the actual side has otherwise or does not know.
    @inline(__always)
    private static func differ(_ actual: (value: UInt64, unknown: UInt64), _ expected: (value: UInt64, unknown: UInt64),
                               strict: Bool) -> Bool {
        let difference = strict
            ? (actual.value ^ expected.value) | (actual.unknown ^ expected.unknown)
            : ((actual.value ^ expected.value) | actual.unknown) & ~expected.unknown
        return difference != 0
    }
}
