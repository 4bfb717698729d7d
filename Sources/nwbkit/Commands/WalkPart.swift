import ArgumentParser
import Foundation
import NWBCatalogs
import NWBJSON
import NWBRendering
import NWBRunner
import Platform
import NWBKit

/// `nwbkit walk-part --part K/N PATH`: walks part K of N of one file and writes it, in binary, on
/// standard output (the helper of a split walk, see `SplitWalk`; internal).
struct WalkPartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk-part", abstract: "Walk one part of a file for a worker process (internal).", shouldDisplay: false)

    @Option var part: String
    @Option var fanOut = 64
    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth
    @Argument var path: String

    func run() throws {
        let numbers = part.split(separator: "/").compactMap { Int($0) }
        guard numbers.count == 2, numbers[1] >= 1, (1...numbers[1]).contains(numbers[0]) else {
            throw ValidationError("--part takes K/N with 1 ≤ K ≤ N")
        }
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        let walkPart = WalkPart(index: numbers[0] - 1, count: numbers[1], minimumFanOut: fanOut)
        if !SplitWalk.serveHelper(part: walkPart, path: path, options: options) { throw ExitCode(1) }
    }
}
