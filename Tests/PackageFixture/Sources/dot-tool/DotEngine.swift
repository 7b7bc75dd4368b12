import Serrano

/// A two-stage pipelined int8 dot product: products registered, then their sum.
struct DotEngine: Module {
    let lanes: Int

    struct Ports {
        let a: [Signal]
        let b: [Signal]
        let valid: Signal
        let sum: Signal
        let sumValid: Signal
    }

    func ports(_ p: PortBuilder) -> Ports {
        Ports(a: (0..<lanes).map { p.input("a\($0)", .sint(8)) },
              b: (0..<lanes).map { p.input("b\($0)", .sint(8)) },
              valid: p.input("valid", .bool),
              sum: p.output("sum", .sint(32)),
              sumValid: p.output("sumValid", .bool))
    }

    func build(_ io: Ports, _ c: Circuit) {
        let products = (0..<lanes).map { lane in
            c.regNext((io.a[lane] * io.b[lane]).signExtended(to: 32), "product\(lane)", reset: 0)
        }
        guard let first = products.first else { return }
        let total = products.dropFirst().reduce(first) { $0 &+ $1 }
        io.sum.assign(c.regNext(total, "total", reset: 0))
        io.sumValid.assign(c.regNext(c.regNext(io.valid, "stage1", reset: 0), "stage2", reset: 0))
    }
}
