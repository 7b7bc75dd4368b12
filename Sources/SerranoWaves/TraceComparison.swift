/// The comparison rule, shared by the fast marking pass and the per-value report: where the
/// expected side has x or z the bit is "don't care" unless `strict`; elsewhere both planes must
/// match (an actual x against an expected 0 differs).
enum ValueComparison {
    /// Differing bit positions (the first 8) and how many there are; reals count as one bit.
    static func differingBits(actual: WaveValue, expected: WaveValue, strict: Bool) -> (first: [Int], count: Int) {
        switch (actual, expected) {
        case (.real(let a), .real(let e)):
            if e.isNaN && !strict { return ([], 0) }
            return a == e || (a.isNaN && e.isNaN) ? ([], 0) : ([0], 1)
        case (.logic(let a), .logic(let e)):
            var first: [Int] = []
            var count = 0
            for bit in 0..<max(a.width, e.width) {
                let word = bit >> 6
                let mask = UInt64(1) << UInt64(bit & 63)
                let aValue = word < a.value.count ? a.value[word] & mask : 0
                let aUnknown = word < a.unknown.count ? a.unknown[word] & mask : 0
                let eValue = word < e.value.count ? e.value[word] & mask : 0
                let eUnknown = word < e.unknown.count ? e.unknown[word] & mask : 0
                let differs = strict
                    ? (aValue != eValue || aUnknown != eUnknown)
                    : (eUnknown == 0 && (aUnknown != 0 || aValue != eValue))
                if differs {
                    count += 1
                    if first.count < 8 { first.append(bit) }
                }
            }
            return (first, count)
        default:
            return ([0], 1)
        }
    }
}

/// The fast pass: walks two traces over the sample points with one cursor each and marks the
/// samples where they differ, re-comparing only when a cursor moved.
enum TraceComparison {
    static func mark(actual: SignalTrace, expected: SignalTrace, actualBounds: [Int32], expectedBounds: [Int32],
                     range: Range<Int>, strict: Bool, marks: inout [Bool]) {
        guard !range.isEmpty else { return }
        if actual.isReal || expected.isReal {
            markSlowly(actual: actual, expected: expected, actualBounds: actualBounds, expectedBounds: expectedBounds,
                       range: range, strict: strict, marks: &marks)
            return
        }
        let actualPlanes = actual.wordsPerPlane
        let expectedPlanes = expected.wordsPerPlane
        let planes = max(actualPlanes, expectedPlanes)
        let actualTop = LogicValue.topWordMask(actual.width)
        let expectedTop = LogicValue.topWordMask(expected.width)
        actual.timeIndices.withUnsafeBufferPointer { actualTimes in
        expected.timeIndices.withUnsafeBufferPointer { expectedTimes in
        actual.words.withUnsafeBufferPointer { actualWords in
        expected.words.withUnsafeBufferPointer { expectedWords in
        marks.withUnsafeMutableBufferPointer { marks in
            var actualCursor = -1
            var expectedCursor = -1
            var lastActual = -2
            var lastExpected = -2
            var lastDiffers = false
            for index in range {
                let actualBound = Int(actualBounds[index])
                while actualCursor + 1 < actualTimes.count && Int(actualTimes[actualCursor + 1]) <= actualBound { actualCursor += 1 }
                let expectedBound = Int(expectedBounds[index])
                while expectedCursor + 1 < expectedTimes.count && Int(expectedTimes[expectedCursor + 1]) <= expectedBound { expectedCursor += 1 }
                if actualCursor != lastActual || expectedCursor != lastExpected {
                    lastActual = actualCursor
                    lastExpected = expectedCursor
                    var differs = false
                    for word in 0..<planes {
                        let (actualValue, actualUnknown) = planeWord(actualWords, change: actualCursor, planes: actualPlanes, top: actualTop, word: word)
                        let (expectedValue, expectedUnknown) = planeWord(expectedWords, change: expectedCursor, planes: expectedPlanes, top: expectedTop, word: word)
                        let difference = strict
                            ? (actualValue ^ expectedValue) | (actualUnknown ^ expectedUnknown)
                            : ((actualValue ^ expectedValue) | actualUnknown) & ~expectedUnknown
                        if difference != 0 { differs = true; break }
                    }
                    lastDiffers = differs
                }
                if lastDiffers { marks[index - range.lowerBound] = true }
            }
        }}}}}
    }

    /// Word `word` of both planes of a change; zero past the trace's width, all x before its
    /// first change (`change < 0`).
    @inline(__always)
    private static func planeWord(_ words: UnsafeBufferPointer<UInt64>, change: Int, planes: Int, top: UInt64,
                                  word: Int) -> (value: UInt64, unknown: UInt64) {
        if word >= planes { return (0, 0) }
        if change < 0 { return (0, word == planes - 1 ? top : ~0) }
        let base = change &* 2 &* planes &+ word
        return (words[base], words[base &+ planes])
    }

    private static func markSlowly(actual: SignalTrace, expected: SignalTrace, actualBounds: [Int32], expectedBounds: [Int32],
                                   range: Range<Int>, strict: Bool, marks: inout [Bool]) {
        for index in range {
            let actualValue = actual.value(atTimeIndex: Int(actualBounds[index]))
            let expectedValue = expected.value(atTimeIndex: Int(expectedBounds[index]))
            if ValueComparison.differingBits(actual: actualValue, expected: expectedValue, strict: strict).count > 0 {
                marks[index - range.lowerBound] = true
            }
        }
    }
}
