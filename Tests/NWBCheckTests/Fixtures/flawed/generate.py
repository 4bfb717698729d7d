"""Writes small NWB files with pynwb, each breaking best practices the corpus never breaks, and
nwbinspector's findings on them (../nwbinspector/flawed.json), for NWBKit's parity test of its checks.

Run from the repository root:  python Tests/NWBCheckTests/Fixtures/flawed/generate.py
Needs: pip install nwbinspector==0.7.2 (it brings pynwb 4.2.0, hdmf 6.2.0, h5py 3.16.0).
The files are written anew each time (identifiers and dates are fixed; object ids are new each time);
nwbinspector is run on them as on the corpus (--skip-validate --detailed).
"""
import datetime
import json
import os
import subprocess
import tempfile

import h5py
import nwbinspector
import numpy as np
import pynwb
from hdmf.common import DynamicTable, DynamicTableRegion, VectorData
from pynwb import NWBHDF5IO, NWBFile, TimeSeries
from pynwb.base import ImageReferences, Images
from pynwb.behavior import CompassDirection, Position, SpatialSeries
from pynwb.file import Subject
from pynwb.image import GrayscaleImage, ImageSeries
from pynwb.ophys import ImageSegmentation, OpticalChannel

here = os.path.dirname(os.path.abspath(__file__))
start = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)


def new_file(name, species="Rattus norvegicus", session_start_time=start, **subject):
    nwbfile = NWBFile(
        session_description="a file made to break best practices", identifier=f"nwbkit-flawed-{name}",
        session_start_time=session_start_time, experimenter=["Doe, Jane"], institution="NWBKit", lab="Checks",
        experiment_description="flawed on purpose", keywords=["test"], file_create_date=[start])
    fields = dict(subject_id=f"subject-{name}", species=species, sex="F", age="P90D", description="a test animal")
    fields.update(subject)
    nwbfile.subject = Subject(**fields)
    return nwbfile


def write(nwbfile, name):
    with NWBHDF5IO(os.path.join(here, name + ".nwb"), "w") as io:
        io.write(nwbfile)


# Behavior: spatial series dimensions, units and value ranges.
nwbfile = new_file("behavior")
module = nwbfile.create_processing_module("behavior", "behavior data")
position = Position(name="Position")
position.add_spatial_series(SpatialSeries(
    name="wide", description="four columns", data=np.zeros((10, 4)), reference_frame="origin", rate=10.0))
position.add_spatial_series(SpatialSeries(
    name="odd_unit", description="furlongs", data=np.zeros((10, 2)), reference_frame="origin", unit="furlongs",
    rate=10.0))
position.add_spatial_series(SpatialSeries(
    name="too_many_radians", description="radians out of range", data=np.full((10, 1), 10.0),
    reference_frame="origin", unit="radians", rate=10.0))
position.add_spatial_series(SpatialSeries(
    name="too_many_degrees", description="degrees out of range", data=np.full((10, 1), 400.0),
    reference_frame="origin", unit="degrees", rate=10.0))
module.add(position)
compass = CompassDirection(name="CompassDirection")
compass.add_spatial_series(SpatialSeries(
    name="heading", description="not angular", data=np.zeros(10), reference_frame="north", unit="meters", rate=10.0))
module.add(compass)
write(nwbfile, "behavior")

# Timestamps: regular, descending, NaN, negative first sample, over a year long.
nwbfile = new_file("timestamps")
for name, timestamps in [
    ("regular", np.arange(10) * 0.5),
    ("descending", np.array([0.0, 1.0, 3.0, 2.0, 4.0])),
    ("with_nan", np.array([0.0, 1.0, np.nan, 3.5, 4.0])),
    ("negative_start", np.array([-1.0, 0.5, 1.0, 3.0])),
    ("very_long", np.array([0.0, 1.0, 4.0e7])),
]:
    nwbfile.add_acquisition(TimeSeries(
        name=name, description=name, data=np.arange(len(timestamps), dtype=float), unit="m",
        timestamps=timestamps))
write(nwbfile, "timestamps")

# Units: negative, descending and long-spanning spike times.
nwbfile = new_file("units-negative")
nwbfile.units = pynwb.misc.Units(name="units", description="units", resolution=0.5)
nwbfile.add_unit(spike_times=[-0.5, 0.25, 1.5])
nwbfile.add_unit(spike_times=[2.0, 1.0, 4.0e7])
write(nwbfile, "units-negative")

# Units: spike times in samples, repeated without resolution, outside the observed intervals.
nwbfile = new_file("units-samples")
nwbfile.add_unit(spike_times=[10.0, 20.0, 20.0, 30.0], obs_intervals=[[0.0, 15.0]])
nwbfile.add_unit(spike_times=[5.0, 6.0], obs_intervals=[[0.0, 100.0]])
write(nwbfile, "units-samples")

# Tables: binary, dictionary, NaN, duplicate-id and negative-time columns, an out-of-range region.
nwbfile = new_file("tables")
module = nwbfile.create_processing_module("misc", "tables")
target = DynamicTable(name="targets", description="two rows", id=[0, 1])
target.add_column(name="label", description="a label", data=["a", "b"])
module.add(target)
table = DynamicTable(name="flawed_table", description="columns to flag", id=[0, 1, 2, 2])
table.add_column(name="flag", description="0/1 as integers", data=np.array([0, 1, 1, 0], dtype=np.int32))
table.add_column(name="answer", description="yes/no as text", data=["yes", "no", "no", "yes"])
table.add_column(name="settings", description="dictionaries as text",
                 data=['{"gain": 2}', "{gain: 3}", "plain", '{"gain": 4}'])
table.add_column(name="empty_measure", description="only NaN", data=np.full(4, np.nan))
table.add_column(name="onset_time", description="negative first time", data=np.array([-1.0, 0.0, 1.0, 2.0]))
table.add_column(name="target", description="rows of targets", table=target,
                 data=[0, 1, 1, 1])
module.add(table)
nwbfile.add_trial(start_time=1.0, stop_time=0.5)
nwbfile.add_trial(start_time=1.0, stop_time=2.0)
nwbfile.add_trial(start_time=1.0, stop_time=4.0e7)
nwbfile.add_epoch(start_time=5.0, stop_time=6.0)
nwbfile.add_epoch(start_time=2.0, stop_time=3.0)
write(nwbfile, "tables")
# hdmf refuses an out-of-range region when it is made: set one afterwards, as a careless writer would.
with h5py.File(os.path.join(here, "tables.nwb"), "r+") as handle:
    handle["processing/misc/flawed_table/target"][2] = 5

# Images, masks and brain locations of a mouse; optional text fields left empty.
nwbfile = new_file("mouse", species="Mus musculus", genotype="")
device = nwbfile.create_device(name="Microscope", description="a microscope", manufacturer="")
image_a = GrayscaleImage(name="a", data=np.zeros((4, 4)), description="an image")
image_b = GrayscaleImage(name="b", data=np.zeros((4, 4)), description="an image")
images = Images(name="stack", images=[image_a, image_b], description="two images",
                order_of_images=ImageReferences(name="order_of_images", data=[image_a, image_a, image_b]))
nwbfile.add_acquisition(images)
channel = OpticalChannel(name="green", description="green channel", emission_lambda=520.0)
plane = nwbfile.create_imaging_plane(
    name="plane", optical_channel=channel, description="a plane", device=device, excitation_lambda=920.0,
    imaging_rate=30.0, indicator="GCaMP6f", location="somewhere in the cortex")
reference = ImageSeries(name="mean_image", description="mean", data=np.zeros((1, 8, 8)), unit="n.a.", rate=1.0)
segmentation = ImageSegmentation(name="ImageSegmentation")
rois = segmentation.create_plane_segmentation(
    name="rois", description="masks", imaging_plane=plane, reference_images=reference)
rois.add_roi(image_mask=np.zeros((5, 5)))
rois.add_roi(image_mask=np.ones((5, 5)))
ophys = nwbfile.create_processing_module("ophys", "optical physiology")
ophys.add(segmentation)
region = rois.create_roi_table_region(region=[0, 1], description="both rois")
ophys.add(pynwb.ophys.Fluorescence(roi_response_series=pynwb.ophys.RoiResponseSeries(
    name="transposed", description="three columns for two rois", data=np.zeros((10, 3)), rois=region, unit="n.a.",
    rate=30.0)))
group = nwbfile.create_electrode_group(name="shank", description="a shank", location="CA1", device=device)
for location in ["CA1", "the brain", "VISp", "the brain"]:
    nwbfile.add_electrode(group=group, location=location)
electrode = nwbfile.create_icephys_electrode(
    name="pipette", description="a pipette", device=device, location="a cell", cell_id="cell-1")
write(nwbfile, "mouse")

# Metadata: slashes in ids, rates, wavelengths, an empty table, a unit left empty, an old age range.
nwbfile = new_file(
    "metadata", subject_id="mouse/1", age="P90D/P60D",
    session_start_time=datetime.datetime(2999, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc))
nwbfile.add_acquisition(ImageSeries(
    name="video", description="an absolute external file", external_file=["/data/video.mp4"], format="external",
    starting_frame=[0], unit="n.a.", timestamps=[0.0, 1.0]))
nwbfile.session_id = "session/1"
nwbfile.add_acquisition(TimeSeries(name="no_rate", description="rate 0", data=np.zeros(5), unit="m", rate=0.0))
nwbfile.add_acquisition(TimeSeries(name="negative_rate", description="rate < 0", data=np.zeros(5), unit="m",
                                   rate=2.0))
nwbfile.add_acquisition(TimeSeries(name="no_unit", description="unit ''", data=np.zeros(5), unit="", rate=1.0))
module = nwbfile.create_processing_module("misc", "tables")
module.add(DynamicTable(name="nothing", description="no rows"))
device = nwbfile.create_device(name="Scope", description="a microscope", manufacturer="Acme")
channel = OpticalChannel(name="red", description="red channel", emission_lambda=0.6)
nwbfile.create_imaging_plane(
    name="plane", optical_channel=channel, description="a plane", device=device, excitation_lambda=0.9,
    imaging_rate=30.0, indicator="jRGECO1a", location="VISp")
write(nwbfile, "metadata")
# pynwb refuses a negative rate: write one afterwards.
with h5py.File(os.path.join(here, "metadata.nwb"), "r+") as handle:
    handle["acquisition/negative_rate/starting_time"].attrs["rate"] = -2.0

with tempfile.TemporaryDirectory() as scratch:
    report = os.path.join(scratch, "report.json")
    command = ["nwbinspector", ".", "--skip-validate", "--detailed", "--progress-bar", "false",
               "--json-file-path", report]
    subprocess.run(command, cwd=here, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(report) as handle:
        messages = json.load(handle)["messages"]

kept = [{
    "check": m["check_function_name"], "importance": m["importance"],
    "file": m["file_path"][2:] if m["file_path"].startswith("./") else m["file_path"],
    "object_type": m["object_type"], "object_name": m["object_name"], "location": m["location"],
    "message": m["message"],
} for m in messages]
output = {
    "tool": "nwbinspector", "nwbinspector_version": nwbinspector.__version__, "pynwb_version": pynwb.__version__,
    "command": " ".join(command[:-2]) + " --json-file-path REPORT   (run in this folder)", "messages": kept,
}
with open(os.path.join(here, "..", "nwbinspector", "flawed.json"), "w") as handle:
    json.dump(output, handle, indent=0, sort_keys=True, ensure_ascii=False)
    handle.write("\n")
print(f"{len(kept)} messages from nwbinspector {nwbinspector.__version__}")
