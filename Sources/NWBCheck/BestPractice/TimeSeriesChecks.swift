import Foundation
import HDF5
import NWBKit
import NWBSupport

/// Checks of TimeSeries from their shapes and attributes (the ones that need data values are not here).
enum TimeSeriesChecks {
    static let year = 31_557_600.0

    static let all: [BestPracticeCheck] = [
        series(
            "check_data_orientation", .critical, "a non-time dimension of data is longer than the first", checkDataOrientation),
        series(
            "check_timestamps_match_first_dimension", .critical, "the number of timestamps differs from data's first dimension",
            checkTimestampsMatchFirstDimension),
        series(
            "check_time_series_data_is_not_empty", .bestPracticeViolation, "data is absent or has no elements",
            checkTimeSeriesDataIsNotEmpty),
        series("check_missing_unit", .bestPracticeViolation, "data's unit is empty", checkMissingUnit),
        series(
            "nwbkit_unit_stored", .bestPracticeViolation, "data has no unit attribute (pynwb then reads 'unknown')",
            nwbkitUnitStored),
        series("check_resolution", .bestPracticeViolation, "resolution is 0 or negative but not -1 (unknown)", checkResolution),
        series("check_rate_is_not_zero", .critical, "rate is 0 while data has more than one sample", checkRateIsNotZero),
        series("check_rate_is_positive", .critical, "rate is negative", checkRateIsPositive),
        series(
            "check_rate_not_below_threshold", .bestPracticeViolation, "rate is below 0.01 Hz (a period given as rate?)",
            checkRateNotBelowThreshold),
        timed(
            "check_time_series_duration", .bestPracticeViolation,
            "the series spans more than a year (from the first and last timestamp, or starting_time and rate)",
            reads: "the first and last timestamp", checkTimeSeriesDuration),
        timed(
            "check_timestamp_of_the_first_sample_is_not_negative", .bestPracticeSuggestion,
            "the first sample's time (starting_time, or the first timestamp) is negative", reads: "the first timestamp",
            checkTimestampOfTheFirstSampleIsNotNegative),
    ]

    /// A check run once for every TimeSeries that reads timestamp values when the run reads data, and
    /// looks at starting_time and rate only when it does not.
    static func timed(
        _ id: String, _ importance: Importance, _ flags: String, reads: String,
        _ body: @escaping @Sendable (SummaryIndex, CheckDataReader?, ObjectEntry) throws(DataReadProblem) -> String?
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: "TimeSeries", use: .valuesWhenAllowed(reads)) { file, data in
            file.objects(ofType: "TimeSeries").compactMap { series in
                CheckOutcome.of(series) { () throws(DataReadProblem) in try body(file, data, series) }
            }
        }
    }

    /// A check run once for every TimeSeries (or extension) in the file.
    static func series(
        _ id: String, _ importance: Importance, _ flags: String,
        _ body: @escaping @Sendable (SummaryIndex, ObjectEntry) -> String?
    ) -> BestPracticeCheck {
        BestPracticeCheck(id, importance, flags, appliesTo: "TimeSeries") { file in
            file.objects(ofType: "TimeSeries").compactMap { series in
                body(file, series).map { CheckHit(series.path, series.neurodataType, $0) }
            }
        }
    }

    /// The `rate` attribute of `starting_time`.
    static func rate(_ series: ObjectEntry, in file: SummaryIndex) -> Double? {
        file.member(series.path, "starting_time")?.attribute("rate")?.number
    }

    /// True when an IndexSeries links to this series as its `indexed_timeseries`.
    static func isIndexed(_ series: ObjectEntry, in file: SummaryIndex) -> Bool {
        file.summary.objects.contains {
            $0.kind == "soft_link" && $0.path.hasSuffix("/indexed_timeseries") && $0.target == series.path
        }
    }
}

/// Numbers written as Python prints them in messages.
enum PythonNumber {
    /// `str(x)` of a float.
    static func text(_ value: Double) -> String { PythonRepr.float(value) }
    /// `f"{x:.2f}"`.
    static func fixed(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension TimeSeriesChecks {
    /// `check_data_orientation`: flags when a non-time dimension of data is longer than the first.
    static func checkDataOrientation(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard !file.isA(series.neurodataType, "SpikeEventSeries"), let shape = file.member(series.path, "data")?.shape,
            let first = shape.first, shape.dropFirst().contains(where: { $0 > first }), let longest = shape.max()
        else { return nil }
        return
            "Data may be in the wrong orientation. Time should be in the first dimension, and is usually the longest dimension. Here, another dimension is longer. Current shape: (\(shape.map(String.init).joined(separator: ", "))\(shape.count == 1 ? "," : "")). Suggestion: Transpose your data so the first dimension is \(longest)."
    }

    /// `check_timestamps_match_first_dimension`: flags when the number of timestamps differs from data's first dimension.
    static func checkTimestampsMatchFirstDimension(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let data = file.member(series.path, "data")?.shape?.first,
            let timestamps = file.member(series.path, "timestamps")?.shape?.first, data != timestamps
        else { return nil }
        if file.member(series.path, "external_file") != nil && data == 0 { return nil }
        if file.isA(series.neurodataType, "ImageSeries"), timestamps == 0, isIndexed(series, in: file) { return nil }
        return "The length of the first dimension of data (\(data)) does not match the length of timestamps (\(timestamps))."
    }

    /// `check_time_series_data_is_not_empty`: flags when data is absent or has no elements.
    static func checkTimeSeriesDataIsNotEmpty(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        let data = file.member(series.path, "data")
        guard data == nil || (data?.kind == "dataset" && data?.elementCount == 0) else { return nil }
        if let external = file.member(series.path, "external_file"), external.elementCount ?? 0 > 0 { return nil }
        return
            "The 'data' field of \(series.name) is empty. Please verify that data was properly added during conversion."
    }

    /// `check_missing_unit`: flags when data's unit is empty.
    static func checkMissingUnit(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let unit = file.member(series.path, "data")?.attribute("unit"), unit.text?.isEmpty ?? true else {
            return nil
        }
        return "Missing text for attribute 'unit'. Please specify the scientific unit of the 'data'."
    }

    /// `nwbkit_unit_stored`: flags when data has no unit attribute (pynwb then reads 'unknown').
    static func nwbkitUnitStored(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let data = file.member(series.path, "data"), data.kind == "dataset", !data.hasAttribute("unit") else {
            return nil
        }
        return
            "The data of \(series.name) has no 'unit' attribute; readers fall back to 'unknown'. Store the scientific unit of the data."
    }

    /// `check_resolution`: flags when resolution is 0 or negative but not -1 (unknown).
    static func checkResolution(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let resolution = file.member(series.path, "data")?.attribute("resolution")?.number, resolution != -1,
            resolution <= 0
        else { return nil }
        return "'resolution' should use -1.0 or NaN for unknown instead of \(PythonNumber.text(resolution))."
    }

    /// `check_rate_is_not_zero`: flags when rate is 0 while data has more than one sample.
    static func checkRateIsNotZero(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard rate(series, in: file) == 0, let samples = file.member(series.path, "data")?.shape?.first, samples > 1
        else { return nil }
        return "\(series.name) has a sampling rate value of 0.0Hz but the series has more than one frame."
    }

    /// `check_rate_is_positive`: flags when rate is negative.
    static func checkRateIsPositive(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let rate = rate(series, in: file), rate < 0 else { return nil }
        return "\(series.name) has a negative sampling rate value of \(PythonNumber.text(rate))Hz which is not valid."
    }

    /// `check_rate_not_below_threshold`: flags when rate is below 0.01 Hz (a period given as rate?).
    static func checkRateNotBelowThreshold(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let rate = rate(series, in: file), rate > 0, rate < 0.01 else { return nil }
        return
            "TimeSeries '\(series.name)' has a sampling rate of \(PythonNumber.text(rate)) Hz (one sample every \(PythonNumber.fixed(1 / rate)) seconds). This low value may indicate the sampling period was provided instead of the rate. If the sampling period of the data is indeed \(PythonNumber.text(rate)) seconds, the rate should be set to \(PythonNumber.text(1 / rate)) Hz instead."
    }

    /// `check_time_series_duration`: flags when the series spans more than a year (from the first and last
    /// timestamp, or starting_time and rate).
    static func checkTimeSeriesDuration(_ file: SummaryIndex, _ data: CheckDataReader?, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard let samples = file.member(series.path, "data")?.shape?.first, samples > 1 else { return nil }
        let duration: Double
        if let timestamps = TimestampChecks.timestamps(file, series) {
            guard let data, let count = timestamps.shape?.first, count > 1 else { return nil }
            let ends = try data.numbers(timestamps.path, .rows([0, count - 1]))
            guard ends.count == 2 else { return nil }
            duration = ends[1] - ends[0]
        } else {
            guard let rate = rate(series, in: file), rate > 0 else { return nil }
            duration = Double(samples - 1) / rate
        }
        guard duration > year else { return nil }
        return
            "TimeSeries '\(series.name)' has an unusually long duration of \(PythonNumber.fixed(duration)) seconds (\(PythonNumber.fixed(duration / year)) years), which may indicate an error in the timestamps or rate data. Please verify that this is correct."
    }

    /// `check_timestamp_of_the_first_sample_is_not_negative`: flags when the first sample's time
    /// (starting_time, or the first timestamp) is negative.
    static func checkTimestampOfTheFirstSampleIsNotNegative(
        _ file: SummaryIndex, _ data: CheckDataReader?, _ series: ObjectEntry
    ) throws(DataReadProblem) -> String? {
        let start: Double
        if let startingTime = file.member(series.path, "starting_time") {
            guard let value = startingTime.value?.number else { return nil }
            start = value
        } else if let timestamps = TimestampChecks.timestamps(file, series), let data, timestamps.shape?.first ?? 0 > 0 {
            guard let first = try data.numbers(timestamps.path, .range(0..<1)).first else { return nil }
            start = first
        } else {
            return nil
        }
        guard start < 0 else { return nil }
        return
            "Timestamps should not be negative. This usually indicates a temporal misalignment of the data. It is recommended to align the `session_start_time` or `timestamps_reference_time` to be the earliest time value that occurs in the data, and shift all other signals accordingly."
    }
}
