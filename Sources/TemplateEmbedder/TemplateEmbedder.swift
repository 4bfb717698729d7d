import Foundation

/// Usage: TemplateEmbedder OUTPUT.swift TEMPLATE.mustache…
/// Writes `EmbeddedTemplates.all`: template name (file name without `.mustache`) → text.
@main
struct TemplateEmbedder {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let output = arguments.first else {
            FileHandle.standardError.write(Data("usage: TemplateEmbedder OUTPUT TEMPLATE...\n".utf8))
            exit(2)
        }
        var source = "// Generated at build time from Templates/ by the EmbedTemplates plugin. Do not edit.\n"
        source += "enum EmbeddedTemplates {\n    static let all: [String: String] = [\n"
        for path in arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let name = String(url.lastPathComponent.dropLast(".mustache".count))
            // A raw string whose delimiter does not occur in the text.
            var hashes = "#"
            while text.contains("\"" + hashes) || text.contains(hashes + "\"") || text.contains("\\" + hashes) { hashes += "#" }
            source += "        \(String(reflecting: name)): \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
        }
        source += "    ]\n}\n"
        try source.write(to: URL(fileURLWithPath: output), atomically: true, encoding: .utf8)
    }
}
