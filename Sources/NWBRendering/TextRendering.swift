import HDF5
import NWBKit
import NWBSupport

/// The `text` format: the DANDI-style summary lines of a file, then the facts NWBKit read.
public enum TextRendering {
    /// Header, DANDI summary lines (exactly as the original generator prints them), a blank line, the facts.
    public static func render(_ summary: FileSummary) -> String {
        // A one-line frame: a line break or other control character in the name (an archive asset may
        // have one) is escaped on a terminal or not, so it cannot forge a second line.
        var lines = ["== \(ControlCharacters.escape(RawPath.display(summary.path))) =="]
        lines += summary.structureLines
        lines.append("")
        lines += facts(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The interpreted facts, one topic per line or block.
    public static func facts(_ summary: FileSummary) -> [String] {
        var lines: [String] = []
        let counts = summary.counts
        lines.append(
            "NWB \(summary.nwbVersion ?? "?") · \(summary.fileSize) bytes · \(counts.groups) groups, \(counts.datasets) datasets, "
                + "\(counts.softLinks) soft links, \(counts.externalLinks) external links, \(counts.attributes) attributes")
        let session = summary.session
        lines.append("Session: \(session.identifier ?? "—") started \(session.sessionStartTime ?? "—")")
        if let description = session.sessionDescription, !description.isEmpty {
            lines.append("  description: \(oneLine(description))")
        }
        if !session.experimenter.isEmpty { lines.append("  experimenter: \(session.experimenter.joined(separator: "; "))") }
        for (label, value) in [("institution", session.institution), ("lab", session.lab), ("session_id", session.sessionID)] {
            if let value, !value.isEmpty { lines.append("  \(label): \(oneLine(value))") }
        }
        if !session.keywords.isEmpty { lines.append("  keywords: \(session.keywords.joined(separator: ", "))") }
        if let subject = summary.subject {
            let parts = [
                ("id", subject.subjectID), ("species", subject.species), ("sex", subject.sex), ("age", subject.age),
                ("genotype", subject.genotype), ("strain", subject.strain), ("weight", subject.weight),
            ].compactMap { label, value in value.map { "\(label) \(oneLine($0))" } }
            lines.append("Subject: " + (parts.isEmpty ? "(no fields)" : parts.joined(separator: ", ")))
        } else {
            lines.append("Subject: none")
        }
        section(&lines, "Devices", summary.devices) { device in
            "\(device.name)" + (device.description.map { " — \(oneLine($0))" } ?? "")
                + (device.manufacturer.map { " (\(oneLine($0)))" } ?? "")
        }
        section(&lines, "Electrode groups", summary.electrodeGroups) { group in
            "\(group.name): location \(group.location ?? "—"), device \(group.device ?? "—")"
        }
        if let electrodes = summary.electrodes {
            lines.append("Electrodes: \(electrodes.rows) rows; columns \(electrodes.columns.joined(separator: ", "))")
            if !electrodes.locations.isEmpty { lines.append("  locations: \(electrodes.locations.joined(separator: ", "))") }
            if !electrodes.groups.isEmpty { lines.append("  groups: \(electrodes.groups.joined(separator: ", "))") }
        }
        section(&lines, "Imaging planes", summary.imagingPlanes) { plane in
            var parts = [String]()
            if let indicator = plane.indicator { parts.append("indicator \(indicator)") }
            if let location = plane.location { parts.append("location \(location)") }
            if let lambda = plane.excitationLambda { parts.append("excitation \(number(lambda)) nm") }
            if let rate = plane.imagingRate { parts.append("\(number(rate)) Hz") }
            if let device = plane.device { parts.append("device \(device)") }
            for channel in plane.opticalChannels {
                parts.append("channel \(channel.name)" + (channel.emissionLambda.map { " emission \(number($0)) nm" } ?? ""))
            }
            return "\(plane.name): " + parts.joined(separator: ", ")
        }
        section(&lines, "ROI tables", summary.roiTables) { table in
            "\(table.path): \(table.roiCount.map(String.init) ?? "?") ROIs"
                + (table.maskKind.map { ", \($0) masks" } ?? "") + (table.imagingPlane.map { ", plane \($0)" } ?? "")
        }
        section(&lines, "Units", summary.units) { table in
            "\(table.path): \(table.rows.map(String.init) ?? "?") units; columns \(table.columns.joined(separator: ", "))"
        }
        section(&lines, "Intervals", summary.intervals) { table in
            "\(table.path): \(table.rows.map(String.init) ?? "?") rows; columns \(table.columns.joined(separator: ", "))"
        }
        section(&lines, "Acquisition", summary.acquisition, entry)
        section(&lines, "Stimulus", summary.stimulus, entry)
        section(&lines, "Processing", summary.processing) { module in
            "\(module.name): " + (module.contents.isEmpty ? "(empty)" : module.contents.map(entry).joined(separator: ", "))
        }
        if !summary.specifications.isEmpty {
            lines.append(
                "Specifications: "
                    + summary.specifications.map { "\($0.namespace) \($0.versions.joined(separator: "/"))" }.joined(
                        separator: ", "))
        }
        if summary.isIncomplete { lines.append("Incomplete: a walk limit stopped the reading early") }
        section(&lines, "Problems", summary.problems) { "\($0.path): \($0.message)" }
        return lines
    }

    private static func entry(_ entry: ContainerEntry) -> String {
        entry.name + (entry.neurodataType.map { " (\($0))" } ?? "")
    }

    private static func section<T>(_ lines: inout [String], _ title: String, _ items: [T], _ describe: (T) -> String) {
        guard !items.isEmpty else { return }
        lines.append("\(title) (\(items.count)):")
        lines += items.map { "  " + describe($0) }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
