import Foundation
import Mustache
import NWBJSON
import NWBKit

/// A document template: one of the bundled ones (embedded from `Templates/` at build time) or a user's file.
public struct DocumentTemplate: Sendable {
    /// Why a template could not be used.
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unknown(name: String, available: [String])
        case unreadable(path: String, reason: String)
        case syntax(source: String, line: Int, column: Int, text: String, problem: String)
        case tooLarge(source: String, problem: String)

        public var description: String {
            switch self {
            case .unknown(let name, let available):
                return "no bundled template named '\(name)' (bundled: \(available.joined(separator: ", ")))"
            case .unreadable(let path, let reason):
                return "\(path): cannot read template: \(reason)"
            case .syntax(let source, let line, let column, let text, let problem):
                return "\(source):\(line):\(column): template error: \(problem) in line: \(text)"
            case .tooLarge(let source, let problem):
                return "\(source): template refused: \(problem)"
            }
        }
    }

    /// Where the template came from (a bundled name or a file path), for messages.
    public let source: String
    let template: MustacheTemplate
    let text: String

    /// True when the template's text mentions `name` (to leave out context it never reads).
    public func mentions(_ name: String) -> Bool { text.contains(name) }

    /// Names of the bundled templates.
    public static var bundledNames: [String] { EmbeddedTemplates.all.keys.sorted() }

    /// The bundled template named `name` (the file name in `Templates/` without `.mustache`).
    public static func bundled(_ name: String) throws(LoadError) -> DocumentTemplate {
        guard let text = EmbeddedTemplates.all[name] else { throw .unknown(name: name, available: bundledNames) }
        return try DocumentTemplate(text: text, source: "Templates/\(name).mustache")
    }

    /// The template in the file at `path`.
    public static func file(_ path: String) throws(LoadError) -> DocumentTemplate {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try DocumentTemplate(text: text, source: path)
    }

    /// The largest template accepted, in bytes.
    public static let maxBytes = 1 << 20
    /// The deepest nesting of sections (`{{#…}}`, `{{^…}}`) accepted: the parser recurses once per level.
    public static let maxNesting = 64

    /// Parses `text`; a syntax error names the line and column. Templates over `maxBytes` or nested deeper
    /// than `maxNesting` sections are refused before parsing.
    public init(text: String, source: String) throws(LoadError) {
        _ = MarkdownContentType.registered
        if text.utf8.count > Self.maxBytes {
            throw .tooLarge(source: source, problem: "\(text.utf8.count) bytes, more than the \(Self.maxBytes) accepted")
        }
        let depth = TemplateNesting.deepest(in: text)
        if depth > Self.maxNesting {
            throw .tooLarge(source: source, problem: "sections nested \(depth) deep, more than the \(Self.maxNesting) accepted")
        }
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .syntax(
                source: source, line: error.context.lineNumber, column: error.context.columnNumber,
                text: error.context.line.trimmingCharacters(in: .whitespaces), problem: "\(error.error)")
        } catch {
            throw .syntax(source: source, line: 0, column: 0, text: "", problem: "\(error)")
        }
        self.source = source
        self.text = text
    }

    /// Renders a context built from an `Encodable` value (its JSON form, keys as in the JSON).
    public func render<T: Encodable>(_ value: T) throws -> String {
        template.render(try TemplateContext.make(value))
    }

    /// Renders a context already made of plain dictionaries, arrays, strings, numbers and booleans (as
    /// `TemplateContext.make` makes them).
    func render(context: Any) -> String {
        template.render(context)
    }
}

/// Turns an `Encodable` value into the plain dictionaries, arrays, strings, numbers and booleans Mustache
/// reads: the values its JSON would parse to, built directly (`TemplateContextEncoder`), never written as
/// JSON and parsed again.
public enum TemplateContext {
    public static func make<T: Encodable>(_ value: T) throws -> Any {
        try TemplateContextEncoder.value(value)
    }
}
