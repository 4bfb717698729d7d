import ArgumentParser
import Foundation
import NWBKit
import Platform

/// `nwbkit`: summaries, archive metadata and documents from NWB files.
@main
struct NWBKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nwbkit",
        abstract: "Read NWB (Neurodata Without Borders) files and describe what they hold.",
        version: NWBKitVersion.current,
        subcommands: [
            Summarize.self, Assets.self, Types.self, Dandiset.self, Catalog.self, Check.self, ListChecks.self, Diff.self, Export.self,
            Merge.self, MCPServe.self,
            Worker.self, WalkPartCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Exit codes: 0 all went well, 1 a file failed, 2 a usage error.
    static func main() {
        // Writes to a worker that died, or to a closed stdout, fail with EPIPE instead of ending the
        // process: the run reports the worker's file, and a closed stdout ends quietly (StandardStreams).
        CurrentProcess.ignoreBrokenPipes()
        Foundation.exit(run(arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs the tool on `arguments` (without the program's name) and returns its exit status, writing to
    /// stdout and stderr: what `main` does, and what the tests call to run a command in their own process.
    /// `context`: the environment and worker program (the process's own when `nil`).
    static func run(arguments: [String], context: CommandContext? = nil) -> Int32 {
        var context = context ?? .process
        context.arguments = arguments
        return CommandContext.$scoped.withValue(context) { runInContext(arguments: arguments) }
    }

    private static func runInContext(arguments: [String]) -> Int32 {
        if let suggestion = SubcommandSuggestion.message(for: arguments, subcommands: configuration.subcommands) {
            StandardStreams.write(Data(("nwbkit: " + suggestion + "\n").utf8), to: STDERR_FILENO)
            return 2
        }
        do {
            // A long list of paths is taken out before parsing (ArgumentParser is quadratic in it).
            let separated = PathArguments.separate(arguments, commands: configuration.subcommands)
            var command = try parseAsRoot(separated)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            if exitCode(for: error) == .success {
                // --help and --version: their text on stdout.
                StandardStreams.write(Data((fullMessage(for: error) + "\n").utf8), to: STDOUT_FILENO)
                return 0
            }
            // Every error line starts `nwbkit:`, as the tool's own lines do (ArgumentParser's say `Error:`).
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "nwbkit: " + message.dropFirst("Error: ".count) }
            if !message.hasPrefix("nwbkit: ") { message = "nwbkit: " + message }
            StandardStreams.write(Data((message + "\n").utf8), to: STDERR_FILENO)
            return 2
        }
    }
}
