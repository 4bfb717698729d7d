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
        if let suggestion = SubcommandSuggestion.message(
            for: Array(CommandLine.arguments.dropFirst()), subcommands: configuration.subcommands)
        {
            StandardStreams.write(Data(("nwbkit: " + suggestion + "\n").utf8), to: STDERR_FILENO)
            Foundation.exit(2)
        }
        do {
            // A long list of paths is taken out before parsing (ArgumentParser is quadratic in it).
            let arguments = PathArguments.separate(
                Array(CommandLine.arguments.dropFirst()), commands: configuration.subcommands)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                Self.exit(withError: error)
            }
            // Every error line starts `nwbkit:`, as the tool's own lines do (ArgumentParser's say `Error:`).
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "nwbkit: " + message.dropFirst("Error: ".count) }
            if !message.hasPrefix("nwbkit: ") { message = "nwbkit: " + message }
            StandardStreams.write(Data((message + "\n").utf8), to: STDERR_FILENO)
            Foundation.exit(2)
        }
    }
}
