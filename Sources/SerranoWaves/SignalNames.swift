/// Matching signal names: shell-style globs, prefix renames between two files, and close-name
/// suggestions for names that match nothing.
public enum SignalNames {
    /// Whether `name` matches a glob: `*` any run of characters (dots included), `?` one
    /// character, `[abc]`/`[a-z]` a class. Everything else is literal.
    public static func glob(_ pattern: String, matches name: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars)
        let name = Array(name.unicodeScalars)
        var patternIndex = 0
        var nameIndex = 0
        var starPattern = -1
        var starName = 0
        while nameIndex < name.count {
            if patternIndex < pattern.count {
                let token = pattern[patternIndex]
                if token == "*" {
                    starPattern = patternIndex
                    starName = nameIndex
                    patternIndex += 1
                    continue
                }
                if token == "[", let (matched, next) = matchClass(pattern, at: patternIndex, name[nameIndex]) {
                    if matched {
                        patternIndex = next
                        nameIndex += 1
                        continue
                    }
                } else if token == "?" || token == name[nameIndex] {
                    patternIndex += 1
                    nameIndex += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            starName += 1
            nameIndex = starName
            patternIndex = starPattern + 1
        }
        while patternIndex < pattern.count && pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }

    /// Matches `[...]` at `start`; nil when the bracket is never closed (then it is literal).
    private static func matchClass(_ pattern: [Unicode.Scalar], at start: Int, _ character: Unicode.Scalar) -> (Bool, Int)? {
        var index = start + 1
        var matched = false
        while index < pattern.count && pattern[index] != "]" {
            if index + 2 < pattern.count && pattern[index + 1] == "-" && pattern[index + 2] != "]" {
                if pattern[index] <= character && character <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if pattern[index] == character { matched = true }
                index += 1
            }
        }
        guard index < pattern.count else { return nil }
        return (matched, index + 1)
    }

    /// Whether a pattern has glob characters (otherwise it names one signal exactly).
    public static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Levenshtein distance between two names.
    public static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first.unicodeScalars)
        let b = Array(second.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to `limit` names close to `wanted`: by edit distance on the full name or on the last
    /// component, within a third of the last component's length (at least 2), nearest first.
    public static func suggestions(for wanted: String, among names: [String], limit: Int = 3) -> [String] {
        let wantedLeaf = leaf(wanted)
        var scored: [(distance: Int, name: String)] = []
        for name in Set(names) {
            let full = editDistance(wanted, name)
            let byLeaf = editDistance(wantedLeaf, leaf(name))
            let distance = min(full, byLeaf + 1)
            // Measured against the last component: shared hierarchy prefixes make full names look close.
            let allowed = max(2, wantedLeaf.count / 3)
            if distance <= allowed || name.hasSuffix("." + wantedLeaf) { scored.append((distance, name)) }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return scored.prefix(limit).map(\.name)
    }

    private static func leaf(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}

/// `--map PREFIX_A=PREFIX_B`: how a name in the actual file is spelled in the expected file.
/// The longest matching prefix wins; an empty right side strips the prefix.
public struct NameMap: Sendable, Equatable {
    public private(set) var rules: [(from: String, to: String)]

    public static func == (lhs: NameMap, rhs: NameMap) -> Bool {
        lhs.rules.elementsEqual(rhs.rules) { $0.from == $1.from && $0.to == $1.to }
    }

    public init(rules: [(from: String, to: String)] = []) { self.rules = rules }

    /// Parses `A=B` arguments.
    public init(parsing arguments: [String]) throws {
        var rules: [(String, String)] = []
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw WaveError.badOption("--map '\(argument)' must be ACTUAL_PREFIX=EXPECTED_PREFIX (the right side may be empty)")
            }
            rules.append((String(parts[0]), String(parts[1])))
        }
        self.rules = rules
    }

    /// The expected-side spelling of an actual-side name. A prefix matches whole components:
    /// `top.dut` maps `top.dut.x` but not `top.dut2.x`.
    public func expectedName(for actual: String) -> String {
        var best: (from: String, to: String)?
        for rule in rules where NameMap.hasComponentPrefix(actual, rule.from) {
            if let current = best, current.from.count >= rule.from.count { continue }
            best = rule
        }
        guard let rule = best else { return actual }
        var rest = String(actual.dropFirst(rule.from.count))
        if rule.to.isEmpty && rest.hasPrefix(".") { rest.removeFirst() }
        if !rule.to.isEmpty && !rest.isEmpty && !rest.hasPrefix(".") && !rule.to.hasSuffix(".") { rest = "." + rest }
        return rule.to + rest
    }

    private static func hasComponentPrefix(_ name: String, _ prefix: String) -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        if prefix.hasSuffix(".") || name.count == prefix.count { return true }
        return name.dropFirst(prefix.count).first == "."
    }
}
