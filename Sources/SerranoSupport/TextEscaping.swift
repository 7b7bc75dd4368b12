/// Text inside a JSON document: the one string quoter of the package (name maps, WaveDrom).
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped
    /// (`\n` as `\n`, the others as `\u00XX`).
    public static func quoted(_ text: String) -> String {
        // Most text (every name in a name map) needs no escape: copied whole, not scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Text inside an XML or HTML document: the one escaper of the package (JUnit reports, SVG and
/// HTML pictures).
public enum XMLText {
    /// `value` escaped for element content or, with `attribute`, for a quoted attribute value:
    /// tabs and newlines in attributes become character references so parsers keep them, and
    /// characters XML 1.0 forbids become U+FFFD.
    public static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            default:
                out.unicodeScalars.append(allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// XML 1.0 `Char`: tab, newline, return, and everything from U+0020 except U+FFFE/U+FFFF
    /// (Swift strings hold no lone surrogates).
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
