import Foundation

/// Accelerator configurations named on a command line: a built-in name, or a JSON file whose
/// keys are `AcceleratorConfig`'s fields, every one required:
///
///     {"rows": 8, "columns": 32, "scratchpadRows": 4096, "scratchpadBanks": 4,
///      "accumulatorRows": 512, "accumulatorBanks": 2, "dramBusBytes": 16,
///      "instructionQueueDepth": 16, "tokenQueueDepth": 4}
public enum AcceleratorConfigFile {
    /// The fields, in the order files list them.
    public static let fields = ["rows", "columns", "scratchpadRows", "scratchpadBanks", "accumulatorRows",
                                "accumulatorBanks", "dramBusBytes", "instructionQueueDepth", "tokenQueueDepth"]

    /// Files larger than this are refused before they are read.
    public static let maximumBytes = 64 * 1024

    /// A built-in configuration by name, or the file at `nameOrPath`; validated.
    public static func resolve(_ nameOrPath: String) throws -> (name: String, config: AcceleratorConfig) {
        if let config = AcceleratorConfig.named(nameOrPath) { return (nameOrPath, config) }
        guard nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") else {
            throw ConfigFileError("unknown config '\(nameOrPath)': give one of \(AcceleratorConfig.named.map(\.name).joined(separator: ", ")) or a .json file")
        }
        let config = try load(path: nameOrPath)
        let name = URL(fileURLWithPath: nameOrPath).deletingPathExtension().lastPathComponent
        return (name, config)
    }

    /// Reads and validates a configuration file.
    public static func load(path: String) throws -> AcceleratorConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigFileError("config file \(path) does not exist")
        }
        guard !isDirectory.boolValue else { throw ConfigFileError("config file \(path) is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ConfigFileError("config file \(path) cannot be read") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maximumBytes + 1) ?? Data() } catch {
            throw ConfigFileError("config file \(path) cannot be read")
        }
        guard data.count <= maximumBytes else { throw ConfigFileError("config file \(path) is larger than \(maximumBytes) bytes") }
        return try parse(data, source: path)
    }

    /// Parses and validates configuration JSON; `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws -> AcceleratorConfig {
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw ConfigFileError("config file \(source) is not a JSON object")
        }
        let unknown = fields.keys.filter { !Self.fields.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw ConfigFileError("config file \(source): unknown field '\(unknown[0])'; fields are \(Self.fields.joined(separator: ", "))")
        }
        var values: [String: Int] = [:]
        for field in Self.fields {
            guard let value = fields[field] else { throw ConfigFileError("config file \(source): missing field '\(field)'") }
            // JSONDecoder is strict where JSONSerialization is not: `true` is no number.
            let number = (try? JSONSerialization.data(withJSONObject: [value])).flatMap { try? JSONDecoder().decode([Double].self, from: $0) }?.first
            guard let number, number.rounded() == number, abs(number) <= Double(1 << 30) else {
                throw ConfigFileError("config file \(source): field '\(field)' must be an integer, found \(value)")
            }
            values[field] = Int(number)
        }
        let config = AcceleratorConfig(
            rows: values["rows"] ?? 0, columns: values["columns"] ?? 0, scratchpadRows: values["scratchpadRows"] ?? 0,
            scratchpadBanks: values["scratchpadBanks"] ?? 0, accumulatorRows: values["accumulatorRows"] ?? 0,
            accumulatorBanks: values["accumulatorBanks"] ?? 0, dramBusBytes: values["dramBusBytes"] ?? 0,
            instructionQueueDepth: values["instructionQueueDepth"] ?? 0, tokenQueueDepth: values["tokenQueueDepth"] ?? 0)
        do { try config.validate() } catch { throw ConfigFileError("config file \(source): \(error)") }
        return config
    }

    /// The JSON of `config`, fields in order, one per line (what `serrano generate` writes).
    public static func json(_ config: AcceleratorConfig) -> String {
        let values = [config.rows, config.columns, config.scratchpadRows, config.scratchpadBanks, config.accumulatorRows,
                      config.accumulatorBanks, config.dramBusBytes, config.instructionQueueDepth, config.tokenQueueDepth]
        let lines = zip(fields, values).map { "  \"\($0)\": \($1)" }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}

/// A configuration name or file that cannot be used: one sentence naming it.
public struct ConfigFileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
