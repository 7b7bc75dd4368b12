/// Why a waveform could not be read, written, converted or compared. Every case prints as one line
/// a user can act on; the CLI maps all of them to exit code 2.
public enum WaveError: Error, Equatable, CustomStringConvertible {
    /// The file's syntax is wrong at `line` (1-based).
    case malformed(file: String, line: Int, message: String)
    /// The file cannot be opened or written.
    case io(path: String, message: String)
    /// An external converter (gtkwave's `vcd2fst`/`fst2vcd`) is missing or failed.
    case converter(message: String)
    /// A signal name or glob names nothing; `suggestions` are close names that do exist.
    case unknownSignal(name: String, file: String, suggestions: [String])
    /// A flag or flag combination that cannot work.
    case badOption(String)
    /// A writer used out of order (declaring after the first change, time going backwards, …).
    case misuse(String)

    public var description: String {
        switch self {
        case .malformed(let file, let line, let message):
            return "\(file):\(line): \(message)"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .converter(let message):
            return message
        case .unknownSignal(let name, let file, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
            return "no signal '\(name)' in \(file)\(hint)"
        case .badOption(let message), .misuse(let message):
            return message
        }
    }
}
