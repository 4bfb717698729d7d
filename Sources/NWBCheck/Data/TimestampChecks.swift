import NWBKit
import NWBSupport

/// Checks of a TimeSeries' timestamps values (nwbinspector's subsets: the first 200, or the whole array
/// for regularity, within the file's allowance).
enum TimestampChecks {
    static let all: [BestPracticeCheck] = [
        DataCheck.single(
            "check_regular_timestamps", .bestPracticeViolation, "TimeSeries",
            "timestamps have a constant step (starting_time and rate would say it)",
            reads: "all timestamps (within the allowance; a longer regular head is a note)", checkRegularTimestamps),
        DataCheck.single(
            "check_timestamps_ascending", .bestPracticeViolation, "TimeSeries", "timestamps decrease somewhere",
            reads: "the first 200 timestamps", checkTimestampsAscending),
        DataCheck.single(
            "check_timestamps_without_nans", .bestPracticeViolation, "TimeSeries", "timestamps hold NaN",
            reads: "the first 200 timestamps", checkTimestampsWithoutNans),
    ]

    /// The series' timestamps dataset (a link to another series' timestamps is followed).
    static func timestamps(_ file: SummaryIndex, _ series: ObjectEntry) -> ObjectEntry? {
        guard let timestamps = file.member(series.path, "timestamps"), timestamps.kind == "dataset" else { return nil }
        return timestamps
    }

    /// numpy's `x.round(decimals)`: scaled, rounded half to even, scaled back.
    static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow10(decimals)
        return (value * scale).rounded(.toNearestOrEven) / scale
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension TimestampChecks {
    /// `check_regular_timestamps`: flags timestamps whose steps, rounded to 9 decimals, are all one nonzero value.
    static func checkRegularTimestamps(_ file: SummaryIndex, _ data: CheckDataReader, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let timestamps = timestamps(file, series), let count = timestamps.shape?.first, count > 2 else {
            return nil
        }
        let (values, complete) = try data.allOrHead(timestamps)
        var steps = Set<Double>()
        var sawNaN = false
        for index in 1..<values.count {
            let step = rounded(values[index] - values[index - 1], decimals: 9)
            if step.isNaN { sawNaN = true } else { steps.insert(step) }
            if steps.count + (sawNaN ? 1 : 0) > 1 { return nil }
        }
        guard values.count > 2, values[1] - values[0] != 0 else { return nil }
        guard complete else {
            throw .overAllowance(
                dataset: timestamps.path, needed: 8 * count, remaining: data.remaining + 8 * values.count,
                limit: data.allowance)
        }
        let integer = (try data.valueType(timestamps)).isIntegerLike
        return
            "TimeSeries appears to have a constant sampling rate. Consider specifying starting_time=\(NumpyText.scalar(values[0], integer: integer)) and rate=\(PythonRepr.float(1 / (values[1] - values[0]))) instead of timestamps."
    }

    /// `check_timestamps_ascending`: flags when the first 200 timestamps (NaN left out) decrease somewhere.
    static func checkTimestampsAscending(_ file: SummaryIndex, _ data: CheckDataReader, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let timestamps = timestamps(file, series) else { return nil }
        let values = try data.head(timestamps).filter { !$0.isNaN }
        guard zip(values, values.dropFirst()).contains(where: { $1 - $0 < 0 }) else { return nil }
        return "\(series.name) timestamps are not ascending."
    }

    /// `check_timestamps_without_nans`: flags when the first 200 timestamps hold NaN.
    static func checkTimestampsWithoutNans(_ file: SummaryIndex, _ data: CheckDataReader, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let timestamps = timestamps(file, series), (try data.valueType(timestamps)).isFloat,
            try data.head(timestamps).contains(where: \.isNaN)
        else { return nil }
        return "\(series.name) timestamps contain NaN values."
    }
}
