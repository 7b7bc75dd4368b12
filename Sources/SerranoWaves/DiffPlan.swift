/// One signal compared by `wave diff`, by its name in each file.
public struct ComparedSignal: Sendable, Equatable {
    public let actualName: String
    public let expectedName: String
}

/// The signals a diff reads and compares, resolved against both files' declarations before any
/// value is loaded. Names that resolve to nothing are errors with close-name suggestions.
public struct DiffPlan: Sendable {
    public let signals: [ComparedSignal]
    public let clock: SignalPairName?
    public let valid: SignalPairName?
    public let ready: SignalPairName?
    /// Signals that were not compared because the other file lacks them (after `--map`), in
    /// file order: actual-side names, then expected-side names.
    public let onlyInActual: [String]
    public let onlyInExpected: [String]

    public init(actual: Waveform, expected: Waveform, options: DiffOptions) throws {
        let actualNames = actual.variables.map(\.name)
        let expectedNames = expected.variables.map(\.name)
        for control in [options.clock, options.valid, options.ready].compactMap({ $0 }) {
            try DiffPlan.require(control.actual, in: actual, names: actualNames)
            try DiffPlan.require(control.expected, in: expected, names: expectedNames)
        }
        var signals: [ComparedSignal] = []
        var seen: Set<String> = []
        func add(_ actualName: String) {
            guard seen.insert(actualName).inserted else { return }
            signals.append(ComparedSignal(actualName: actualName, expectedName: options.map.expectedName(for: actualName)))
        }
        var onlyInActual: [String] = []
        var onlyInExpected: [String] = []
        var missingSeen: Set<String> = []
        if options.signals.isEmpty {
            var mapped: Set<String> = []
            for name in actualNames {
                let expectedName = options.map.expectedName(for: name)
                mapped.insert(expectedName)
                if expected.variable(named: expectedName) != nil {
                    add(name)
                } else if missingSeen.insert(name).inserted {
                    onlyInActual.append(name)
                }
            }
            var expectedSeen: Set<String> = []
            for name in expectedNames where !mapped.contains(name) && expectedSeen.insert(name).inserted {
                onlyInExpected.append(name)
            }
            guard !signals.isEmpty else {
                throw WaveError.badOption("\(actual.source) and \(expected.source) share no signal names; use --map ACTUAL_PREFIX=EXPECTED_PREFIX or --signals")
            }
        }
        for pattern in options.signals {
            let matched = actualNames.filter { SignalNames.glob(pattern, matches: $0) }
            guard !matched.isEmpty else {
                let literal = pattern.filter { !"*?[]".contains($0) }
                throw WaveError.unknownSignal(name: pattern, file: actual.source,
                                              suggestions: SignalNames.suggestions(for: literal, among: actualNames))
            }
            let present = matched.filter { expected.variable(named: options.map.expectedName(for: $0)) != nil }
            guard !present.isEmpty else {
                let missing = options.map.expectedName(for: matched[0])
                throw WaveError.unknownSignal(name: missing, file: expected.source,
                                              suggestions: SignalNames.suggestions(for: missing, among: expectedNames))
            }
            present.forEach(add)
            for name in matched where !present.contains(name) && missingSeen.insert(name).inserted {
                onlyInActual.append(name)
            }
        }
        self.signals = signals
        self.onlyInActual = onlyInActual
        self.onlyInExpected = onlyInExpected
        clock = options.clock
        valid = options.valid
        ready = options.ready
    }

    private static func require(_ name: String, in waveform: Waveform, names: [String]) throws {
        guard waveform.variable(named: name) == nil else { return }
        throw WaveError.unknownSignal(name: name, file: waveform.source,
                                      suggestions: SignalNames.suggestions(for: name, among: names))
    }

    /// Names to load from the actual file.
    public var actualNames: Set<String> {
        Set(signals.map(\.actualName) + [clock, valid, ready].compactMap { $0?.actual })
    }

    /// Names to load from the expected file.
    public var expectedNames: Set<String> {
        Set(signals.map(\.expectedName) + [clock, valid, ready].compactMap { $0?.expected })
    }
}
