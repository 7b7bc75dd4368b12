/// The type of every IR value: a width in bits and whether it is two's-complement signed.
///
/// A hardware boolean is `UInt(1)`. Widths are at least 1; the DSL rejects zero or negative
/// widths with a diagnostic before a type is made.
public struct HardwareType: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var isSigned: Bool

    public init(width: Int, isSigned: Bool) {
        self.width = width
        self.isSigned = isSigned
    }

    public static func uint(_ width: Int) -> HardwareType { HardwareType(width: width, isSigned: false) }
    public static func sint(_ width: Int) -> HardwareType { HardwareType(width: width, isSigned: true) }
    public static let bool = HardwareType.uint(1)

    /// `UInt(8)`, `SInt(32)`: the spelling used in diagnostics.
    public var description: String { "\(isSigned ? "SInt" : "UInt")(\(width))" }
}
