import ArgumentParser
import Foundation
import Serrano
import SerranoSim

/// The `serrano` command line: generate Verilog, run workloads, diff waveforms — and the same
/// commands for designs in another package, through `SerranoCommand.main(designs:)`.
///
/// Exit codes are the same for every subcommand: 0 success, 1 a check found a difference,
/// 2 bad input (files, flags, designs that do not elaborate).
public struct SerranoCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        let designCommands: [ParsableCommand.Type] = [GenerateCommand.self, LintCommand.self, WaveCommand.self]
        if DesignRegistry.builtIn {
            return CommandConfiguration(
                commandName: DesignRegistry.commandName,
                abstract: "Design and verify int8 inference hardware in Swift.",
                discussion: OutputHelp.text,
                subcommands: [
                    DemoCommand.self, GenerateCommand.self, LintCommand.self, GemmCommand.self, LayerCommand.self, WaveCommand.self,
                    FuzzCommand.self, VerifyCommand.self, ReportCommand.self,
                ])
        }
        return CommandConfiguration(
            commandName: DesignRegistry.commandName,
            abstract: "Serrano's commands for these designs: \(DesignRegistry.names).",
            discussion: OutputHelp.text,
            subcommands: designCommands)
    }

    public init() {}

    /// The command line for a package's own designs: `generate`, `lint` and `wave` over them.
    /// Call it from the package's executable target (its `main.swift`):
    ///
    ///     import SerranoCLI
    ///     SerranoCommand.main(designs: ["dot": { DotEngine(depth: 16) }])
    ///
    /// `commandName` is the name `--help` shows (default: the executable's file name).
    public static func main(designs: [String: @Sendable () -> any Module], commandName: String? = nil) -> Never {
        let entries = designs.keys.sorted().compactMap { name in
            designs[name].map { make in DesignEntry(name: name, elaborate: { Elaboration.elaborate(make()) }) }
        }
        main(designs: entries, commandName: commandName)
    }

    /// The same with entries (a summary for `--help`, a fixed order).
    public static func main(designs: [DesignEntry], commandName: String? = nil) -> Never {
        Foundation.exit(run(CommandLine.arguments.dropFirst().map { $0 }, designs: designs,
                            commandName: commandName ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "serrano").lastPathComponent))
    }

    /// Parses `arguments` and runs them over `designs`; returns the exit code (tests call this).
    package static func run(_ arguments: [String], designs: [DesignEntry], commandName: String) -> Int32 {
        DesignRegistry.all = designs
        DesignRegistry.builtIn = false
        DesignRegistry.commandName = commandName
        return execute(arguments)
    }

    /// Serrano's own `serrano`: the built-in examples and every command.
    package static func mainWithExamples() -> Never {
        Foundation.exit(execute(CommandLine.arguments.dropFirst().map { $0 }))
    }

    /// Parses and runs, mapping every usage error to exit code 2 (ArgumentParser's default is 64).
    static func execute(_ arguments: [String]) -> Int32 {
        defer { fflush(stdout) }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            // A subcommand already said what happened (e.g. `wave diff`: 1 = different).
            return code.rawValue
        } catch let failure as UsageFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            return 2
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version land here.
                print(fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            return code == ExitCode(1) ? 1 : 2
        }
    }
}

/// An error a subcommand raises for bad input: printed as one line, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The paragraph every command's `--help` ends with: where files go and how to move them.
enum OutputHelp {
    static let text = """
        Output files named by a flag are written through symlinks and into devices (/dev/stdout) \
        as they are, and never over one of the command's own inputs. \(PackageLocation.environmentHelp)
        """
}
