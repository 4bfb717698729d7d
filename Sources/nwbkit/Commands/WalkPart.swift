import ArgumentParser
import Foundation
import NWBKit
import NWBRunner

/// `nwbkit walk-part --part K/N PATH`: walks part K of N of one file and writes it, in binary, on
/// standard output (the helper of a split walk, see `SplitWalk`; internal).
struct WalkPartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk-part", abstract: "Walk one part of a file for a worker process (internal).", shouldDisplay: false)

    @Option var part: PartOfN
    @Option var fanOut = 64
    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth
    @Argument var path: String

    func run() throws {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        let walkPart = WalkPart(index: part.index - 1, count: part.count, minimumFanOut: fanOut)
        if !SplitWalk.serveHelper(part: walkPart, path: path, options: options) { throw ExitCode(1) }
    }
}
