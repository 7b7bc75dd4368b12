import Accelerator
import Foundation
import GoldenModel
import SerranoVerilog
import Testing

/// The chip's cover points never change what synthesis builds: the Verilog printed with them is
/// the Verilog printed without them plus added lines only, and no line of the chip without
/// covers reads or drives anything those added lines declare — so everything they add is logic
/// whose only reader is the `ifndef SYNTHESIS` counters, which synthesis removes.
@Suite struct CoversAreSimulationOnlyTests {
    /// Code lines without comments and trailing blanks; blank lines dropped.
    static func code(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            var line = String(line)
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]) }
            while line.last == " " { line.removeLast() }
            return line.allSatisfy({ $0 == " " }) ? nil : line
        }
    }

    static func words(_ line: String) -> [Substring] {
        line.split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The name a `wire`/`reg` declaration declares: its last word before `;`, `=` or `/*`.
    static func declared(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("wire ") || trimmed.hasPrefix("reg ") else { return nil }
        let head = trimmed.prefix { $0 != ";" && $0 != "=" && $0 != "/" }
        return words(String(head)).last.map(String.init)
    }

    @Test(arguments: ["tiny", "wide"])
    func coversOnlyAddLinesThatNothingElseReads(_ name: String) throws {
        let config = try #require(AcceleratorConfig.named(name))
        let with = try VerilogPrinter.print(try Accelerator.elaborate(config))
        let without = try VerilogPrinter.print(try Accelerator.elaborate(config, covers: false))
        #expect(with.map(\.name) == without.map(\.name))
        var addedLines = 0
        for plain in without {
            let covered = try #require(with.first { $0.name == plain.name })
            let old = Self.code(plain.contents), new = Self.code(covered.contents)
            // The old lines, in order, inside the new file; the rest is added.
            var added: [String] = []
            var next = 0
            for line in new {
                if next < old.count && line == old[next] { next += 1 } else { added.append(line) }
            }
            #expect(next == old.count, "\(plain.name): the covers changed or moved a line of the chip: \(next < old.count ? old[next] : "")")
            addedLines += added.count
            let names = Set(added.compactMap(Self.declared))
            for line in old {
                let read = Self.words(line).filter { names.contains(String($0)) }
                #expect(read.isEmpty, "\(plain.name): the chip's line `\(line)` uses \(read) that the covers declare")
            }
            for line in added {
                // An added line drives only what the covers declare.
                let words = Self.words(line)
                if let assign = words.firstIndex(of: "assign"), assign + 1 < words.count {
                    #expect(names.contains(String(words[assign + 1])), "\(plain.name): `\(line)` drives a net of the chip")
                }
                if let arrow = line.range(of: "<=") {
                    let target = Self.words(String(line[..<arrow.lowerBound])).last.map(String.init) ?? ""
                    #expect(names.contains(target), "\(plain.name): `\(line)` drives a register of the chip")
                }
            }
        }
        #expect(addedLines > 100, "the covers added only \(addedLines) lines")
    }
}
