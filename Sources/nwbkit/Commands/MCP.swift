import ArgumentParser
import DandiArchive
import Foundation
import NWBAssistant

/// `nwbkit mcp`: an MCP server for AI assistants over standard input and output.
struct MCPServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve NWB files and dandisets to AI assistants (Model Context Protocol over stdio).",
        discussion: """
            An assistant (or editor) starts `nwbkit mcp` and speaks JSON-RPC on its standard input and output. \
            Tools: dandiset_info, dandiset_assets, nwb_file_info, nwb_usage_script, nwb_object, check_file, \
            dandiset_document; prompt: describe-dandiset. Documentation/MCP.md says how to add it to an \
            assistant's configuration. DANDI_API_KEY (and the like) are read as by the other commands.
            """)

    @Option(help: "The DANDI instance: \(DandiInstance.known.map(\.name).joined(separator: ", ")), or an API URL.")
    var dandiInstance = "dandi"

    @Option(help: "Seconds one call may take (a file's read, a listing); the call is then stopped and says so.")
    var timeout: Double = 120

    @Option(help: "Seconds dandiset_document may take for all of a dandiset's files.")
    var documentTimeout: Double = 600

    @Option(help: "The most characters of one result (a longer one is cut and says how to ask for the rest).")
    var maxResultCharacters = 40_000

    @Option(help: "A file of certificate authorities for HTTPS servers (else CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR).")
    var caBundle: String?

    func validate() throws {
        guard DandiInstance.named(dandiInstance) != nil else {
            throw ValidationError(
                "--dandi-instance takes \(DandiInstance.known.map(\.name).joined(separator: ", ")) or an API URL, not '\(dandiInstance)'")
        }
        guard timeout.isFinite, timeout >= 1, timeout <= 86_400 else { throw ValidationError("--timeout takes 1 to 86400 seconds") }
        guard documentTimeout.isFinite, documentTimeout >= 1, documentTimeout <= 86_400 else {
            throw ValidationError("--document-timeout takes 1 to 86400 seconds")
        }
        guard maxResultCharacters >= 1000, maxResultCharacters <= 10_000_000 else {
            throw ValidationError("--max-result-characters takes 1000 to 10000000")
        }
    }

    func run() throws {
        let context = CommandContext.current
        var settings = AssistantSettings(executable: context.workerExecutable)
        let instance = DandiInstance.named(dandiInstance) ?? .dandi
        settings.instance = instance
        let environment = context.environment
        settings.tokens = DandiInstance.apiKeys(for: instance, environment: environment)
        settings.callDeadline = timeout
        settings.documentDeadline = documentTimeout
        settings.resultCharacters = maxResultCharacters
        settings.reading.caBundle = caBundle
        settings.remote = settings.reading.remoteOptions(environment: environment)
        try AssistantServer.serve(settings: settings)
    }
}
