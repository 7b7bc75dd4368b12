import Foundation
import Serrano
import SerranoIR
import SerranoVerilog
import Testing

/// A DMA request with a nested header, as the accelerator's DMA engine would take it.
struct DMARequest: Aggregate {
    var addr: Signal
    var len: Signal
    var header: Header

    struct Header: Aggregate {
        var tag: Signal
        var write: Signal
        init(_ f: Fields) {
            tag = f.field("tag", .uint(3))
            write = f.field("write", .bool)
        }
    }

    init(_ f: Fields) {
        addr = f.field("addr", .uint(32))
        len = f.field("len", .uint(16))
        header = f.field("header", Header.self)
    }
}

/// An aggregate register with a reset value per field, loaded from a port bundle, one field
/// observable.
struct AggregateRegister: Module {
    struct Ports { let request: DMARequest; let load: Signal; let held: DMARequest }
    var moduleName: String { "AggregateRegister" }
    func ports(_ p: PortBuilder) -> Ports {
        Ports(request: p.input("req", DMARequest.self), load: p.input("load", .bool), held: p.output("held", DMARequest.self))
    }
    func build(_ io: Ports, _ c: Circuit) {
        let current = c.reg("current", DMARequest.self, reset: ["len": 1, "header_tag": 5])
        c.when(io.load) { c.connect(current, io.request) }
        current.len.observable()
        c.connect(io.held, current)
    }
}

@Suite struct StreamVerilogTests {
    static func printed<M: Module>(_ top: M) throws -> (LegalDesign, [GeneratedFile]) {
        let design = try Elaboration.elaborate(top).get()
        return (design, try VerilogPrinter.print(design))
    }

    @Test("an aggregate register prints one register per field, named after the field, each with its reset")
    func aggregateRegisterSnapshot() throws {
        try Snapshot.check(try Self.printed(AggregateRegister()).1, name: "aggregate-register")
    }

    @Test("a queue computes each side's fire once")
    func fireOnce() throws {
        let files = try Self.printed(Queue(.uint(8), depth: 4)).1
        let queue = try #require(files.first { $0.name == "Queue_u8_d4.v" })
        #expect(queue.contents.components(separatedBy: "enq_valid & enq_ready").count == 2, "one `enq_valid & enq_ready`")
        #expect(queue.contents.components(separatedBy: "deq_valid & deq_ready").count == 2, "one `deq_valid & deq_ready`")
        #expect(queue.contents.contains("wire       enq_fire;"))
    }

    @Test("aggregates, streams, queues, arbiters and skid buffers pass Verilator -Wall, Yosys (no latches) and Icarus",
          arguments: ["register", "queue", "sramQueue", "plainSramQueue", "roundRobin", "fixedPriority", "skid"])
    func printedStreamsPassEveryTool(_ name: String) throws {
        let (design, printed): (LegalDesign, [GeneratedFile])
        switch name {
        case "register": (design, printed) = try Self.printed(AggregateRegister())
        case "queue": (design, printed) = try Self.printed(StreamQueue(DMARequest.self, depth: 4))
        case "sramQueue": (design, printed) = try Self.printed(StreamQueue(DMARequest.self, depth: 64, storage: .sram))
        case "plainSramQueue": (design, printed) = try Self.printed(Queue(.sint(12), depth: 16, storage: .sram))
        case "roundRobin": (design, printed) = try Self.printed(Arbiter(DMARequest.self, inputs: 3, policy: .roundRobin))
        case "fixedPriority": (design, printed) = try Self.printed(Arbiter(DMARequest.self, inputs: 2, policy: .fixedPriority))
        default: (design, printed) = try Self.printed(SkidBuffer(DMARequest.self))
        }
        let (directory, files) = try writePrinted(printed, label: "streams-\(name)")
        let reports = try VerilogChecks.all(files: files, top: design.topName, synthesize: true)
        for report in reports {
            #expect(report.isClean, "\(report.tool.rawValue) in \(directory.path):\n\(report.findings.map(\.description).joined(separator: "\n"))\n\(report.output)")
        }
        if reports.allSatisfy(\.isClean) { try? FileManager.default.removeItem(at: directory) }
    }
}
