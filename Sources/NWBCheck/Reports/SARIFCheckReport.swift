import Foundation
import NWBJSON
import NWBSupport

/// SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI dashboards read it: one rule per check the run
/// made (its importance, what it flags), one result per finding. A result's file is an
/// `artifactLocation.uri` relative to the working directory (`uriBaseId` `SRCROOT`), its object in the file
/// a logical location; the level is `error` at or above the threshold, else `warning` for a violation and
/// `note` for a suggestion. What the data checks could not finish is a tool notification.
enum SARIFCheckReport {
    static func render(_ report: CheckReport, settings: CheckReportSettings) -> String {
        var rules = settings.checks
        var known = Set(rules.map(\.id))
        for finding in report.findings where !known.contains(finding.check) {
            known.insert(finding.check)
            rules.append(
                finding.check == CheckRun.unreadableFileID
                    ? .unreadableFile
                    : CheckDescription(id: finding.check, importance: finding.importance, flags: finding.check))
        }
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func level(_ importance: Importance) -> String {
            importance >= settings.threshold ? "error" : importance == .bestPracticeViolation ? "warning" : "note"
        }
        func artifact(_ file: String) -> ArtifactLocation {
            let shown = settings.reported(RawPath.display(file))
            if shown.contains("://") { return ArtifactLocation(uri: shown, uriBaseId: nil) }
            // Outside the working directory: an absolute file URI.
            if shown.hasPrefix("/") { return ArtifactLocation(uri: "file://" + uriReference(shown), uriBaseId: nil) }
            return ArtifactLocation(uri: uriReference(shown), uriBaseId: settings.workingDirectory == nil ? nil : "SRCROOT")
        }
        let results = report.findings.map { finding in
            Result(
                ruleId: finding.check, ruleIndex: index[finding.check] ?? 0, level: level(finding.importance),
                message: Message(text: finding.message),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(artifactLocation: artifact(finding.file)),
                        logicalLocations: [LogicalLocation(fullyQualifiedName: finding.location, kind: "object")])
                ],
                properties: ResultProperties(importance: finding.importance.description, objectType: finding.objectType))
        }
        let notifications = report.notes.map { note in
            Notification(
                level: "note", message: Message(text: "\(note.check) not completed: \(note.reason)"),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(artifactLocation: artifact(note.file)),
                        logicalLocations: [LogicalLocation(fullyQualifiedName: note.location, kind: "object")])
                ])
        }
        let driverRules = rules.map { rule in
            ReportingDescriptor(
                id: rule.id, shortDescription: Message(text: rule.flags),
                help: Message(text: "\(rule.flags) Importance: \(rule.importance) (`nwbkit list-checks` lists the built-in checks)."),
                defaultConfiguration: Configuration(level: level(rule.importance)),
                properties: RuleProperties(importance: rule.importance.description))
        }
        let baseIds = settings.workingDirectory.map { ["SRCROOT": BaseURI(uri: directoryURI($0))] }
        let log = Log(
            schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0",
            runs: [
                Run(
                    tool: Tool(driver: Driver(name: "nwbkit", version: report.version, rules: driverRules)),
                    originalUriBaseIds: baseIds, results: results,
                    invocations: [Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)])
            ])
        return (try? JSONRendering.pretty(log)) ?? "{}\n"
    }

    /// A relative path as a URI reference: what RFC 3986 does not allow in a path percent-encoded (UTF-8),
    /// and `./` before a first segment with a colon (it would read as a scheme).
    static func uriReference(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~/!$&'()*+,;=@:".utf8.contains(byte):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        if let colon = encoded.firstIndex(of: ":"), !encoded[..<colon].contains("/") { encoded = "./" + encoded }
        return encoded
    }

    /// `file:///…/` for an absolute folder.
    static func directoryURI(_ directory: String) -> String {
        let path = uriReference(directory.hasSuffix("/") ? directory : directory + "/")
        return "file://" + (path.hasPrefix("./") ? String(path.dropFirst(1)) : path)
    }

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }
    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: BaseURI]?
        var results: [Result]
        var invocations: [Invocation]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [ReportingDescriptor]
    }
    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }
    struct Configuration: Encodable { var level: String }
    struct RuleProperties: Encodable { var importance: String }
    struct BaseURI: Encodable { var uri: String }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var properties: ResultProperties
    }
    struct ResultProperties: Encodable {
        var importance: String
        var objectType: String?
    }
    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]
    }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation }
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }
    struct LogicalLocation: Encodable {
        var fullyQualifiedName: String
        var kind: String
    }
    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }
    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
