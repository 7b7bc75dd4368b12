import Serrano

/// An execution unit's side of the two token queues it shares with one neighbour: it pops
/// tokens the neighbour sent (`available`, `pop`) and sends its own (`room`, `reserve`, `push`).
public struct TokenLink {
    public let available: Signal
    public let pop: Signal
    public let room: Signal
    public let reserve: Signal
    public let push: Signal

    public static func declare(_ p: PortBuilder, _ name: String) -> TokenLink {
        p.bundle(name) { b in
            TokenLink(available: b.input("available", .bool), pop: b.output("pop", .bool),
                      room: b.input("room", .bool), reserve: b.output("reserve", .bool), push: b.output("push", .bool))
        }
    }

    /// Connects the unit side `self` to the queue it pops from and the queue it pushes to.
    func connect(incoming: TokenQueue.Ports, outgoing: TokenQueue.Ports) {
        available.assign(incoming.available)
        incoming.pop.assign(pop)
        room.assign(outgoing.room)
        outgoing.reserve.assign(reserve)
        outgoing.push.assign(push)
    }
}

/// Whether an instruction's token conditions hold: every token it pops is there and every
/// queue it pushes to has room (the golden model's rule, checked before it starts).
func tokensReady(_ word: InstructionFields, previous: TokenLink?, next: TokenLink?, _ c: Circuit) -> Signal {
    var ready = c.constant(1, .bool)
    if let previous {
        ready = ready && (!word.popPrevious || previous.available) && (!word.pushPrevious || previous.room)
    }
    if let next {
        ready = ready && (!word.popNext || next.available) && (!word.pushNext || next.room)
    }
    return ready
}
