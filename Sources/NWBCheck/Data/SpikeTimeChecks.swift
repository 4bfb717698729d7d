import NWBKit
import NWBSupport

/// Checks of a Units table's spike times values.
enum SpikeTimeChecks {
    static let year = 31_557_600.0

    static let all: [BestPracticeCheck] = [
        DataCheck.single(
            "check_negative_spike_times", .bestPracticeViolation, "Units", "a spike time is negative",
            reads: "all spike times (within the allowance; a longer head without one is a note)", checkNegativeSpikeTimes),
        DataCheck.single(
            "check_spike_times_not_in_samples", .critical, "Units",
            "the first 200 spike times are all whole numbers (samples, not seconds), unless resolution is 1 s or more",
            reads: "the first 200 spike times", checkSpikeTimesNotInSamples),
        DataCheck.single(
            "check_ascending_spike_times", .critical, "Units",
            "a unit's spike times decrease, or repeat while resolution is not set",
            reads: "the spike index and each unit's first 200 spike times", checkAscendingSpikeTimes),
        DataCheck.single(
            "check_spike_times_not_in_unobserved_interval", .bestPracticeViolation, "Units",
            "one of the first 4 units has a spike outside its obs_intervals",
            reads: "the first 4 units' spike times and observed intervals", checkSpikeTimesNotInUnobservedInterval),
        DataCheck.single(
            "check_units_table_duration", .critical, "Units", "the spike times span more than a year",
            reads: "the spike index and each unit's first and last spike time", checkUnitsTableDuration),
    ]

    /// The flat spike times and their index of a Units table.
    static func spikeTimes(_ file: SummaryIndex, _ units: ObjectEntry) -> (times: ObjectEntry, index: ObjectEntry?)? {
        guard file.columnNames(units).contains("spike_times"), let times = file.member(units.path, "spike_times"),
            times.kind == "dataset"
        else { return nil }
        return (times, file.member(units.path, "spike_times_index"))
    }

    /// Where each unit's spike times end in the flat array (the index column), read whole: one number a unit
    /// (some writers store the index as floats; a value that is no whole number ends the list).
    static func unitEnds(_ index: ObjectEntry, _ data: CheckDataReader) throws(DataReadProblem) -> [Int] {
        var ends: [Int] = []
        for value in try data.numbers(index.path, .range(0..<(index.shape?.first ?? 0))) {
            guard value.isFinite, value >= 0, value == value.rounded(.down), value < 9e18 else { break }
            ends.append(Int(value))
        }
        return ends
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension SpikeTimeChecks {
    /// `check_negative_spike_times`: flags when a spike time is negative.
    static func checkNegativeSpikeTimes(_ file: SummaryIndex, _ data: CheckDataReader, _ units: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let (times, _) = spikeTimes(file, units), times.shape?.first ?? 0 > 0 else { return nil }
        let (values, complete) = try data.allOrHead(times)
        if values.contains(where: { $0 < 0 }) {
            return
                "This Units table contains negative spike times. Time should generally be aligned to the earliest time reference in the NWBFile."
        }
        guard complete else {
            throw .overAllowance(
                dataset: times.path, needed: 8 * (times.shape?.first ?? 0), remaining: data.remaining + 8 * values.count,
                limit: data.allowance)
        }
        return nil
    }

    /// `check_spike_times_not_in_samples`: flags when the first 200 spike times are all whole numbers.
    static func checkSpikeTimesNotInSamples(_ file: SummaryIndex, _ data: CheckDataReader, _ units: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let (times, _) = spikeTimes(file, units) else { return nil }
        if let resolution = times.attribute("resolution")?.number, resolution >= 1 { return nil }
        let sample = try data.head(times)
        guard !sample.isEmpty, sample.allSatisfy({ $0 == $0.rounded(.down) }) else { return nil }
        return
            "Spike times appear to be in samples rather than seconds. All sampled spike times are integer-valued. Spike times should be in seconds (divide by the sampling rate to convert). If your spike time resolution is truly 1 second or lower, set Units(resolution=1.0) to suppress this check."
    }

    /// `check_ascending_spike_times`: flags the first unit whose first 200 spike times decrease, or repeat
    /// while the table's resolution is not set.
    static func checkAscendingSpikeTimes(_ file: SummaryIndex, _ data: CheckDataReader, _ units: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let (times, index) = spikeTimes(file, units), let index else { return nil }
        let resolutionIsSet = times.hasAttribute("resolution")
        let ends = try unitEnds(index, data)
        var start = 0
        for (unit, end) in ends.enumerated() {
            defer { start = end }
            guard end > start else { continue }
            let spikes = try data.numbers(times.path, .range(start..<min(end, start + inspectorSampleSize)))
            let steps = zip(spikes, spikes.dropFirst()).map { $1 - $0 }
            if steps.contains(where: { $0 < 0 }) {
                return
                    "Unit \(unit) contains descending spike times, which is always a data error. Spike times should be sorted in strictly ascending order."
            }
            if !resolutionIsSet && steps.contains(0) {
                return
                    "Unit \(unit) contains equal consecutive spike times. This violates the neural refractory period for single-unit data. If your recording resolution does not allow distinguishing these spikes, set the `resolution` field on the Units table to suppress this check."
            }
        }
        return nil
    }

    /// `check_spike_times_not_in_unobserved_interval`: flags when one of the first 4 units has a spike outside
    /// every one of its observed intervals.
    static func checkSpikeTimesNotInUnobservedInterval(
        _ file: SummaryIndex, _ data: CheckDataReader, _ units: ObjectEntry
    ) throws(DataReadProblem) -> String? {
        guard let (times, timesIndex) = spikeTimes(file, units), let timesIndex,
            let intervals = file.member(units.path, "obs_intervals"),
            let intervalsIndex = file.member(units.path, "obs_intervals_index"), intervalsIndex.shape?.first ?? 0 > 0
        else { return nil }
        let spikeEnds = Array(try unitEnds(timesIndex, data).prefix(4))
        let intervalEnds = Array(try unitEnds(intervalsIndex, data).prefix(4))
        var spikeStart = 0
        var intervalStart = 0
        for (spikeEnd, intervalEnd) in zip(spikeEnds, intervalEnds) {
            defer { (spikeStart, intervalStart) = (spikeEnd, intervalEnd) }
            guard intervalEnd > intervalStart, spikeEnd > spikeStart else { continue }
            let spikes = try data.numbers(times.path, .range(spikeStart..<spikeEnd))
            let bounds = try data.numbers(intervals.path, .range(intervalStart..<intervalEnd))
            let pairs = stride(from: 0, to: bounds.count - 1, by: 2).map { (bounds[$0], bounds[$0 + 1]) }
            let outside = spikes.contains { spike in !pairs.contains { $0.0 <= spike && spike <= $0.1 } }
            if outside {
                return
                    "This Units table contains spike times that occur during periods of time not labeled as being observed intervals."
            }
        }
        return nil
    }

    /// `check_units_table_duration`: flags when the earliest and latest of the units' first and last spike
    /// times lie more than a year apart.
    static func checkUnitsTableDuration(_ file: SummaryIndex, _ data: CheckDataReader, _ units: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let (times, index) = spikeTimes(file, units), let index else { return nil }
        let ends = try unitEnds(index, data)
        guard let last = ends.last, last > 0 else { return nil }
        var boundaries = Set([0])
        for end in ends where end != last { boundaries.insert(end) }
        for end in ends where end != 0 { boundaries.insert(end - 1) }
        let count = times.shape?.first ?? 0
        let rows = boundaries.filter { $0 < count }.sorted()
        guard !rows.isEmpty else { return nil }
        let values = try data.numbers(times.path, .rows(rows))
        guard let earliest = values.min(), let latest = values.max() else { return nil }
        let duration = latest - earliest
        guard duration > year else { return nil }
        return
            "Units table has a duration of \(PythonNumber.fixed(duration)) seconds (\(PythonNumber.fixed(duration / year)) years), which exceeds the threshold of \(PythonNumber.fixed(year)) seconds (1.00 years). This may indicate that spike_times are not in seconds that or there is a data quality issue."
    }
}
