import NWBKit

/// Checks of SpatialSeries and CompassDirection (behavior).
enum BehaviorChecks {
    /// The units nwbinspector accepts for a SpatialSeries outside a CompassDirection, in its sorted order.
    static let spatialUnits = ["centimeters", "degrees", "meters", "micrometers", "millimeters", "n.a.", "pixels", "radians"]

    static let all: [BestPracticeCheck] = [
        DomainChecks.typed(
            "check_spatial_series_dims", .critical, "SpatialSeries", "data has more than 3 columns",
            checkSpatialSeriesDims),
        BestPracticeCheck(
            "check_compass_direction_unit", .bestPracticeViolation,
            "a SpatialSeries in a CompassDirection is not in degrees or radians", appliesTo: "CompassDirection",
            run: checkCompassDirectionUnit),
        DomainChecks.typed(
            "check_spatial_series_unit", .bestPracticeViolation, "SpatialSeries",
            "the unit is not a spatial one (meters, …, pixels, n.a.) outside a CompassDirection", checkSpatialSeriesUnit),
        DataCheck.single(
            "check_spatial_series_radians_magnitude", .bestPracticeViolation, "SpatialSeries",
            "a series in radians has one of its first 200 rows outside -2π…2π", reads: "the first 200 rows of data",
            checkSpatialSeriesRadiansMagnitude),
        DataCheck.single(
            "check_spatial_series_degrees_magnitude", .bestPracticeViolation, "SpatialSeries",
            "a series in degrees has one of its first 200 rows outside -360…360", reads: "the first 200 rows of data",
            checkSpatialSeriesDegreesMagnitude),
    ]

    /// The unit as pynwb reads it (`meters` when the data has none).
    static func unit(_ file: SummaryIndex, _ series: ObjectEntry) -> String {
        file.member(series.path, "data")?.attribute("unit")?.text ?? "meters"
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension BehaviorChecks {
    /// `check_spatial_series_dims`: flags when data has more than 3 columns.
    static func checkSpatialSeriesDims(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard let shape = file.member(series.path, "data")?.shape, shape.count > 1, shape[1] > 3 else { return nil }
        return "SpatialSeries should have 1 column (x), 2 columns (x, y), or 3 columns (x, y, z)."
    }

    /// `check_compass_direction_unit`: flags each SpatialSeries of a CompassDirection not in degrees or radians.
    static func checkCompassDirectionUnit(_ file: SummaryIndex) -> [CheckHit] {
        file.objects(ofType: "CompassDirection").flatMap { compass in
            file.members(compass.path).filter { file.isA($0.neurodataType, "SpatialSeries") }.compactMap { series in
                let unit = unit(file, series)
                guard unit != "degrees" && unit != "radians" else { return nil }
                return CheckHit(
                    compass.path, compass.neurodataType,
                    "SpatialSeries objects inside a CompassDirection object should be angular and should have a unit of 'degrees' or 'radians', but '\(series.name)' has units '\(unit)'."
                )
            }
        }
    }

    /// `check_spatial_series_unit`: flags a unit that is not a spatial one, outside a CompassDirection.
    static func checkSpatialSeriesUnit(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        if file.isA(file.entry(SummaryIndex.parent(of: series.path))?.neurodataType, "CompassDirection") { return nil }
        let unit = unit(file, series)
        guard !spatialUnits.contains(unit) else { return nil }
        return
            "SpatialSeries unit '\(unit)' is not a valid spatial unit. Valid units are: \(spatialUnits.joined(separator: ", ")). If the unit is not known, use 'n.a.' (not available) as a placeholder."
    }

    /// `check_spatial_series_radians_magnitude`: flags a series in radians with a value of its first 200 rows
    /// outside -2π…2π.
    static func checkSpatialSeriesRadiansMagnitude(_ file: SummaryIndex, _ data: CheckDataReader, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard ["radian", "radians"].contains(unit(file, series)), let values = file.member(series.path, "data"),
            values.kind == "dataset", values.shape?.first ?? 0 > 0, try data.valueType(values).isNumber,
            try data.head(values).contains(where: { $0 > 2 * .pi || $0 < -2 * .pi })
        else { return nil }
        return "SpatialSeries with units of radians must have values between -2pi and 2pi."
    }

    /// `check_spatial_series_degrees_magnitude`: flags a series in degrees with a value of its first 200 rows
    /// outside -360…360.
    static func checkSpatialSeriesDegreesMagnitude(_ file: SummaryIndex, _ data: CheckDataReader, _ series: ObjectEntry)
        throws(DataReadProblem) -> String?
    {
        guard ["degree", "degrees"].contains(unit(file, series)), let values = file.member(series.path, "data"),
            values.kind == "dataset", values.shape?.first ?? 0 > 0, try data.valueType(values).isNumber,
            try data.head(values).contains(where: { $0 > 360 || $0 < -360 })
        else { return nil }
        return "SpatialSeries with units of degrees must have values between -360 and 360."
    }
}
