import Foundation
import Serrano
import SerranoSim

/// The chip's cover points (`Circuit.cover`) summed over the cases of a regression: each
/// case's counts are read from its simulator after the run (the Verilator model's
/// `cover_*_count` registers or the interpreter's counters, by the same paths) and added here.
/// Thread-safe: the runner's workers add their cases concurrently.
public final class CoverageTally: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: UInt64] = [:]
    private var order: [String] = []
    private var casesCounted = 0

    public init() {}

    /// Every cover of `design` by its path below the top (`child.name`, or `name` for a cover
    /// of the top module), in instance order.
    public static func paths(of design: LegalDesign) -> [String] {
        var paths: [String] = []
        func visit(_ moduleName: String, prefix: String, depth: Int) {
            guard depth < 64, let module = design.module(named: moduleName) else { return }
            for check in module.checks where check.kind == .cover { paths.append(prefix + check.message) }
            for instance in module.instances { visit(instance.moduleName, prefix: prefix + instance.name + ".", depth: depth + 1) }
        }
        visit(design.topName, prefix: "", depth: 0)
        return paths
    }

    /// The counts of `paths` in `simulator` after a run; covers the model lacks (a netlist
    /// synthesized without them) are left out.
    public static func read(_ simulator: any Simulator, paths: [String]) -> [String: UInt64] {
        var counts: [String: UInt64] = [:]
        for path in paths {
            if let count = try? simulator.coverCount(path) { counts[path] = count }
        }
        return counts
    }

    /// Adds one case's counts.
    public func add(_ counts: [String: UInt64], paths: [String]) {
        guard !counts.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for path in paths where counts[path] != nil && totals[path] == nil {
            order.append(path)
            totals[path] = 0
        }
        for (path, count) in counts { totals[path, default: 0] &+= count }
        casesCounted += 1
    }

    /// The totals so far, in the order the points were first seen, and the cases counted.
    public var snapshot: (points: [(path: String, count: UInt64)], cases: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (order.map { ($0, totals[$0] ?? 0) }, casesCounted)
    }

    /// The points never hit.
    public var neverHit: [String] { snapshot.points.filter { $0.count == 0 }.map(\.path) }

    /// The table `serrano verify --coverage` prints: one line per point, then the ones never hit.
    public func tableLines() -> [String] {
        let (points, cases) = snapshot
        guard !points.isEmpty else { return ["coverage: no cover points were read (a model without covers, e.g. a synthesized netlist)"] }
        let width = max(10, points.map(\.path.count).max() ?? 10)
        var lines = ["coverage over \(cases) case\(cases == 1 ? "" : "s"): \(points.count - neverHit.count) of \(points.count) cover points hit",
                     "  " + "cover point".padding(toLength: width, withPad: " ", startingAt: 0) + "        hits"]
        for point in points {
            lines.append("  " + point.path.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: " %11llu", point.count)
                         + (point.count == 0 ? "  never hit" : ""))
        }
        let missed = neverHit
        lines.append(missed.isEmpty ? "  every cover point was hit" : "  never hit: " + missed.joined(separator: ", "))
        return lines
    }
}
