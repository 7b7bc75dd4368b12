import ArgumentParser
import Foundation
import SerranoSim

/// The `serrano` command line: generate Verilog, run workloads, diff waveforms.
///
/// Exit codes are the same for every subcommand: 0 success, 1 a check found a difference,
/// 2 bad input (files, flags, designs that do not elaborate).
@main
struct SerranoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serrano",
        abstract: "Design and verify int8 inference hardware in Swift.",
        discussion: OutputHelp.text,
        subcommands: [
            DemoCommand.self, GenerateCommand.self, LintCommand.self, GemmCommand.self, WaveCommand.self,
            FuzzCommand.self, VerifyCommand.self,
        ])

    /// Parses and runs, mapping every usage error to exit code 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            // A subcommand already said what happened (e.g. `wave diff`: 1 = different).
            Foundation.exit(code.rawValue)
        } catch let failure as UsageFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version land here.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == ExitCode(1) ? 1 : 2)
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
