import Foundation
import HDF5
import NWBJSON
import NWBSupport

/// The report formats of `nwbkit check`.
public enum CheckReportFormat: String, Sendable, CaseIterable {
    /// One line per finding, then the counts.
    case text
    /// The `CheckReport` as pretty JSON (sorted keys).
    case json
    /// JUnit XML for CI dashboards: a test suite per file, a test case per check.
    case junit
    /// GitHub Actions workflow commands (`::error file=…::`), then the counts.
    case github
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif
}

extension CheckReport {
    /// The report in `format`; `settings.threshold` decides which findings fail (JUnit failures, GitHub
    /// and SARIF errors).
    public func rendered(as format: CheckReportFormat, settings: CheckReportSettings) -> String {
        switch format {
        case .text: TextCheckReport.render(self)
        case .json: JSONCheckReport.render(self)
        case .junit: JUnitCheckReport.render(self, threshold: settings.threshold, checkIDs: settings.checks.map(\.id))
        case .github: GitHubCheckReport.render(self, settings: settings)
        case .sarif: SARIFCheckReport.render(self, settings: settings)
        }
    }
}

/// `FILE: LEVEL check at LOCATION (Type): message`, one line each, then the counts.
enum TextCheckReport {
    static func render(_ report: CheckReport) -> String {
        var text = ""
        for finding in report.findings {
            let type = finding.objectType.map { " (\($0))" } ?? ""
            text +=
                "\(RawPath.display(finding.file)): \(finding.importance) \(finding.check) at \(finding.location)\(type): \(finding.message)\n"
        }
        for note in report.notes {
            text += "\(RawPath.display(note.file)): note: \(note.check) at \(note.location) not completed: \(note.reason)\n"
        }
        return text + report.summaryLine + "\n"
    }
}

/// The report as JSON, written by the same encoder as every other JSON output (sorted keys, `"key": value`).
enum JSONCheckReport {
    static func render(_ report: CheckReport) -> String {
        (try? JSONRendering.pretty(report)) ?? "{}\n"
    }
}

/// JUnit XML: `<testsuite>` per file, `<testcase>` per check run on it; findings at or above the
/// threshold are `<failure>`s, those below are listed in `<system-out>`.
enum JUnitCheckReport {
    static func render(_ report: CheckReport, threshold: Importance, checkIDs: [String]) -> String {
        var byFile: [String: [String: [Finding]]] = [:]
        for finding in report.findings { byFile[finding.file, default: [:]][finding.check, default: []].append(finding) }
        var notesByFile: [String: [String: [CheckNote]]] = [:]
        for note in report.notes { notesByFile[note.file, default: [:]][note.check, default: []].append(note) }
        var suites = ""
        var totalTests = 0
        var totalFailures = 0
        for file in report.files {
            let checks = byFile[file] ?? [:]
            let ids = checkIDs + checks.keys.filter { !checkIDs.contains($0) }.sorted()
            var cases = ""
            var failures = 0
            for id in ids {
                let found = checks[id] ?? []
                let notes = notesByFile[file]?[id] ?? []
                let failing = found.filter { $0.importance >= threshold }
                cases += "    <testcase classname=\"\(escape(file))\" name=\"\(escape(id))\""
                if found.isEmpty && notes.isEmpty {
                    cases += "/>\n"
                    continue
                }
                cases += ">\n"
                if let first = failing.first {
                    failures += 1
                    let body = failing.map { "\($0.importance) at \($0.location): \($0.message)" }.joined(separator: "\n")
                    cases +=
                        "      <failure type=\"\(first.importance)\" message=\"\(escape(first.message))\">\(escape(body))</failure>\n"
                }
                let below = found.filter { $0.importance < threshold }
                if !below.isEmpty {
                    let body = below.map { "\($0.importance) at \($0.location): \($0.message)" }.joined(separator: "\n")
                    cases += "      <system-out>\(escape(body))</system-out>\n"
                }
                if !notes.isEmpty {
                    let body = notes.map { "not completed at \($0.location): \($0.reason)" }.joined(separator: "\n")
                    cases += "      <system-err>\(escape(body))</system-err>\n"
                }
                cases += "    </testcase>\n"
            }
            totalTests += ids.count
            totalFailures += failures
            suites +=
                "  <testsuite name=\"\(escape(file))\" tests=\"\(ids.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n\(cases)  </testsuite>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="nwbkit check" tests="\(totalTests)" failures="\(totalFailures)" errors="0">
            \(suites)</testsuites>

            """
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot carry become U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// GitHub Actions annotations: `::error` at or above the threshold, `::warning` / `::notice` below; paths
/// relative to the working directory (GitHub places annotations by repository path); at most
/// `maximumAnnotations`, then a notice of how many were left out, then the counts.
enum GitHubCheckReport {
    static func render(_ report: CheckReport, settings: CheckReportSettings) -> String {
        var lines: [String] = []
        for finding in report.findings {
            let command =
                finding.importance >= settings.threshold
                ? "error" : finding.importance == .bestPracticeSuggestion ? "notice" : "warning"
            lines.append(
                "::\(command) file=\(property(settings.reported(RawPath.display(finding.file)))),title=\(property("\(finding.importance) \(finding.check)"))::\(data("\(finding.location): \(finding.message)"))"
            )
        }
        for note in report.notes {
            lines.append(
                "::notice file=\(property(settings.reported(RawPath.display(note.file)))),title=\(property("not completed \(note.check)"))::\(data("\(note.location): \(note.reason)"))"
            )
        }
        var text = ""
        let shown = min(lines.count, settings.maximumAnnotations ?? lines.count)
        for line in lines[..<shown] { text += line + "\n" }
        if shown < lines.count {
            let left = lines.count - shown
            text +=
                "::notice title=nwbkit check::\(left) more annotation\(left == 1 ? "" : "s") not written (--max-annotations \(shown)); the counts follow, and --format text or sarif lists every finding\n"
        }
        return text + report.summaryLine + "\n"
    }

    /// Workflow-command data escaping.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Workflow-command property escaping (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
