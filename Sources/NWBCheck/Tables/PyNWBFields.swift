// Written by scripts/generate-check-tables.py: do not edit.

/// What pynwb 4.2.0 says of its core types that two nwbinspector checks depend on.
enum PyNWBFields {
    /// The columns pynwb defines for a table type (users cannot change their name or dtype).
    static let predefinedColumns: [String: [String]] = [
        "ElectrodesTable": ["location", "group", "group_name", "x", "y", "z", "imp", "filtering", "rel_x", "rel_y", "rel_z", "reference"],
        "EventsTable": ["timestamp", "duration", "annotation"],
        "ExperimentalConditionsTable": ["repetitions"],
        "FrequencyBandsTable": ["band_name", "band_limits", "band_mean", "band_stdev"],
        "IntracellularElectrodesTable": ["electrode"],
        "IntracellularResponsesTable": ["response"],
        "IntracellularStimuliTable": ["stimulus", "stimulus_template"],
        "MeaningsTable": ["value", "meaning"],
        "PlaneSegmentation": ["image_mask", "pixel_mask", "voxel_mask"],
        "RepetitionsTable": ["sequential_recordings"],
        "SequentialRecordingsTable": ["simultaneous_recordings", "stimulus_type"],
        "SimultaneousRecordingsTable": ["recordings"],
        "SweepTable": ["series", "sweep_number"],
        "TimeIntervals": ["start_time", "stop_time", "tags", "timeseries"],
        "Units": ["spike_times", "obs_intervals", "electrodes", "electrode_group", "waveform_mean", "waveform_sd", "waveforms"],
    ]

    /// The optional text fields of a type (docval `str` arguments whose default is None), in order.
    static let optionalTextFields: [String: [String]] = [
        "Device": ["description", "manufacturer", "model_number", "model_name", "serial_number"],
        "DeviceModel": ["model_number", "description"],
        "ElectricalSeries": ["filtering"],
        "ImageMaskSeries": ["unit", "format"],
        "ImageSeries": ["unit", "format"],
        "ImagingPlane": ["description", "indicator", "location", "reference_frame"],
        "ImagingRetinotopy": ["axis_1_power_map__unit", "axis_2_power_map__unit", "focal_depth_image__format"],
        "IntracellularElectrode": ["slice", "seal", "location", "resistance", "filtering", "initial_access_resistance", "cell_id"],
        "NWBFile": ["experiment_description", "session_id", "institution", "notes", "pharmacology", "protocol", "slices", "source_script", "source_script_file_name", "data_collection", "surgery", "virus", "stimulus_notes", "lab", "icephys_filtering"],
        "OnePhotonSeries": ["unit", "format"],
        "OpticalSeries": ["orientation", "unit", "format"],
        "SpatialSeries": ["reference_frame"],
        "Subject": ["description", "genotype", "sex", "species", "subject_id", "strain"],
        "TimeSeries": ["continuity"],
        "TwoPhotonSeries": ["unit", "format"],
    ]
}
