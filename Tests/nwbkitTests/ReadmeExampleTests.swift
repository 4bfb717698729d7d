import Foundation
import TestSupport
import XCTest

/// Every README example on SampleData runs as shown: it succeeds (one that fails on purpose shows its
/// status with `echo "exit $?"`, checked as a shown line), and each output line it shows appears in the real output, in order (a line ending in `…` is a
/// beginning; a line that is only `…` stands for lines left out).
final class ReadmeExampleTests: XCTestCase {
    struct Example {
        var command: String
        var shown: [String]
    }

    /// The `$ nwbkit …` commands of the README's code blocks that read SampleData, with the lines shown
    /// under each.
    private func examples() throws -> [Example] {
        let readme = try String(contentsOf: TestPaths.packageRoot.appending(path: "README.md"), encoding: .utf8)
        var examples: [Example] = []
        var inBlock = false
        // Whether the block being read has a command yet (a block of JSON or of a configuration has none).
        var blockHasCommand = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                blockHasCommand = false
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(command: String(line.dropFirst(2)), shown: []))
                blockHasCommand = true
            } else if blockHasCommand, !line.isEmpty {
                examples[examples.count - 1].shown.append(line)
            }
        }
        // Only the ones that run here: on SampleData, nothing remote, no folder of the reader's own.
        return examples.filter {
            $0.command.hasPrefix("nwbkit ") && $0.command.contains("SampleData")
                && !$0.command.contains("://") && !$0.command.contains("DANDI:") && !$0.command.contains(" data/")
        }
    }

    func testEveryExampleOnSampleDataRunsAsShown() throws {
        let examples = try examples()
        XCTAssertGreaterThanOrEqual(examples.count, 9, "the README's examples on SampleData")
        for example in examples {
            let folder = try temporaryFolder("readme")
            try FileManager.default.createSymbolicLink(
                at: folder.appending(path: "SampleData"), withDestinationURL: TestPaths.sampleData)
            // As a reader runs it, with the binary under test as `nwbkit`; /tmp/site stays in the folder.
            var command = example.command.replacingOccurrences(of: "/tmp/site", with: "site")
            command = command.replacingOccurrences(of: "#.*$", with: "", options: .regularExpression)
            // Standard error joins standard output, in the order a terminal shows them.
            let run = try CommandRun.bash("exec 2>&1; nwbkit() { \"$0\" \"$@\"; }; \(command)", in: folder)
            let output = run.stdout.split(separator: "\n").map { String($0).trimmingTrailingSpaces }
            // An example that fails on purpose shows its status with `echo "exit $?"`, which itself ends 0.
            XCTAssertEqual(run.status, 0, "\(example.command): \(run.stderr)")
            var position = 0
            for line in example.shown.map(\.trimmingTrailingSpaces) where line != "…" {
                let beginning = line.hasSuffix("…") ? String(line.dropLast()) : nil
                let found = output[position...].firstIndex { beginning.map($0.hasPrefix) ?? ($0 == line) }
                XCTAssertNotNil(found, "\(example.command): shows \"\(line)\", which it does not print:\n\(output.joined(separator: "\n"))")
                if let found { position = found + 1 }
            }
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
