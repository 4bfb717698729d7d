import Foundation

/// What a command runs in: its arguments, its environment (API keys, AWS credentials, certificate
/// authorities: the workers get the same) and the program its workers are started from. `main` runs in the
/// process's own; a test runs a command in its own process with its own (`NWBKitCommand.run(arguments:context:)`),
/// the workers then started from the built binary. Scoped to the run (a task-local value), never set for the
/// whole process.
struct CommandContext: Sendable {
    var arguments: [String] = []
    var environment: [String: String]
    var workerExecutable: URL

    /// The process's own: its environment and this program.
    static var process: CommandContext {
        CommandContext(environment: ProcessInfo.processInfo.environment, workerExecutable: FileReader.executable)
    }

    /// The context of the command running now.
    static var current: CommandContext { scoped ?? process }

    @TaskLocal static var scoped: CommandContext?
}
