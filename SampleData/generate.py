#!/usr/bin/env python3
"""Write NWBKit's SampleData: small, diverse NWB files made with pynwb, plus a plain HDF5 file
and a corrupt file. Deterministic content (fixed identifiers, dates and random seed).

    pip install -r requirements.txt
    python generate.py                          # writes the files next to this script
    python generate.py --many-objects OUT.nwb --count 3000   # a benchmark input
    python generate.py --bulk-ecephys OUT.nwb --megabytes 140  # a benchmark input that is mostly raw data
"""
import argparse
import os
import uuid
from datetime import datetime, timezone, timedelta

import h5py
import numpy as np
from pynwb import NWBHDF5IO, NWBFile, TimeSeries
from pynwb.behavior import Position, SpatialSeries
from pynwb.ecephys import LFP, ElectricalSeries
from pynwb.file import Subject
from pynwb.icephys import CurrentClampSeries, VoltageClampSeries
from pynwb.image import GrayscaleImage, ImageSeries, Images, RGBImage
from pynwb.ogen import OptogeneticSeries
from pynwb.ophys import (Fluorescence, ImageSegmentation, OpticalChannel,
                         RoiResponseSeries, TwoPhotonSeries)

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime(2024, 3, 14, 9, 26, 53, tzinfo=timezone(timedelta(hours=-5)))
RNG = np.random.default_rng(20240314)


def new_file(name, description, **extra):
    """An NWBFile with fixed identifiers so reruns write the same metadata."""
    return NWBFile(
        session_description=description,
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, "nwbkit-sample/" + name)),
        session_start_time=START,
        file_create_date=START,
        experimenter=["Doe, Jane", "Roe, Richard"],
        institution="NWBKit Sample Institute",
        lab="Sample Lab",
        session_id=name,
        keywords=["sample", name],
        **extra,
    )


def subject(subject_id, species="Mus musculus", sex="F", age="P90D"):
    return Subject(subject_id=subject_id, species=species, sex=sex, age=age,
                   genotype="wild type", strain="C57BL/6J", weight="0.025 kg",
                   description="sample animal")


def write(nwbfile, name):
    path = os.path.join(HERE, name)
    with NWBHDF5IO(path, "w") as io:
        io.write(nwbfile)
    print("wrote", path, os.path.getsize(path), "bytes")


def ophys():
    nwb = new_file("ophys", "two-photon calcium imaging of V1 during visual stimulation",
                   experiment_description="GCaMP6f imaging in layer 2/3 of primary visual cortex")
    nwb.subject = subject("mouse-ophys-1")
    device = nwb.create_device(name="Microscope", description="two-photon microscope",
                               manufacturer="Sample Optics")
    channel = OpticalChannel(name="OpticalChannel", description="green channel", emission_lambda=510.0)
    plane = nwb.create_imaging_plane(
        name="ImagingPlane", optical_channel=channel, imaging_rate=30.0, description="layer 2/3",
        device=device, excitation_lambda=920.0, indicator="GCaMP6f", location="VISp",
        grid_spacing=[0.01, 0.01], grid_spacing_unit="meters")
    frames = RNG.integers(0, 4096, size=(40, 32, 32), dtype=np.uint16)
    nwb.add_acquisition(TwoPhotonSeries(name="TwoPhotonSeries", data=frames, imaging_plane=plane,
                                        rate=30.0, unit="normalized amplitude"))
    module = nwb.create_processing_module(name="ophys", description="optical physiology processed data")
    segmentation = ImageSegmentation()
    module.add(segmentation)
    rois = segmentation.create_plane_segmentation(
        name="PlaneSegmentation", description="ROIs from a sample segmentation", imaging_plane=plane)
    for index in range(12):
        x, y = 2 + 2 * (index % 6), 4 + 10 * (index // 6)
        rois.add_roi(pixel_mask=[(x, y, 1.0), (x + 1, y, 0.5), (x, y + 1, 0.5)])
    region = rois.create_roi_table_region(region=list(range(12)), description="all ROIs")
    traces = RoiResponseSeries(name="RoiResponseSeries", data=RNG.random((40, 12)).astype(np.float32),
                               rois=region, unit="lumens", rate=30.0)
    module.add(Fluorescence(roi_response_series=traces))
    write(nwb, "ophys.nwb")


def ecephys():
    nwb = new_file("ecephys", "extracellular recording in hippocampus during a T-maze task")
    nwb.subject = subject("rat-ecephys-1", species="Rattus norvegicus", sex="M", age="P120D")
    device = nwb.create_device(name="Probe", description="32-channel silicon probe", manufacturer="Sample Probes")
    for shank in range(2):
        group = nwb.create_electrode_group(name=f"shank{shank}", description=f"shank {shank}",
                                           location="CA1" if shank == 0 else "CA3", device=device)
        for _ in range(4):
            nwb.add_electrode(group=group, location=group.location)
    region = nwb.create_electrode_table_region(region=list(range(8)), description="all electrodes")
    nwb.add_acquisition(ElectricalSeries(name="ElectricalSeries", data=RNG.normal(size=(3000, 8)).astype(np.float32),
                                         electrodes=region, rate=30000.0, starting_time=0.0))
    module = nwb.create_processing_module(name="ecephys", description="processed extracellular data")
    module.add(LFP(electrical_series=ElectricalSeries(
        name="LFP", data=RNG.normal(size=(250, 8)), electrodes=region, rate=1250.0)))
    nwb.add_unit_column(name="quality", description="sorting quality")
    for unit in range(5):
        spikes = np.sort(RNG.uniform(0, 10, size=20 + unit))
        nwb.add_unit(spike_times=spikes, quality="good" if unit % 2 == 0 else "mua")
    nwb.add_trial_column(name="correct", description="whether the choice was correct")
    for trial in range(6):
        nwb.add_trial(start_time=trial * 2.0, stop_time=trial * 2.0 + 1.5, correct=bool(trial % 3))
    write(nwb, "ecephys.nwb")


def icephys():
    nwb = new_file("icephys", "whole-cell patch clamp of layer 5 pyramidal neurons")
    nwb.subject = subject("mouse-icephys-1", age="P30D")
    device = nwb.create_device(name="Amplifier", description="patch clamp amplifier")
    electrode = nwb.create_icephys_electrode(name="elec0", description="borosilicate pipette", device=device)
    clamp = CurrentClampSeries(name="CurrentClampSeries", data=RNG.normal(size=500), electrode=electrode,
                               gain=0.02, rate=10000.0, bias_current=0.0, bridge_balance=0.0,
                               capacitance_compensation=0.0, sweep_number=0)
    voltage = VoltageClampSeries(name="VoltageClampSeries", data=RNG.normal(size=500), electrode=electrode,
                                 gain=0.02, rate=10000.0, sweep_number=1)
    nwb.add_acquisition(clamp)
    nwb.add_acquisition(voltage)
    nwb.add_intracellular_recording(electrode=electrode, response=clamp)
    nwb.add_intracellular_recording(electrode=electrode, response=voltage)
    write(nwb, "icephys.nwb")


def behavior():
    nwb = new_file("behavior", "open-field behaviour with optogenetic stimulation")
    nwb.subject = subject("mouse-behavior-1", sex="M")
    device = nwb.create_device(name="Laser", description="473 nm laser")
    site = nwb.create_ogen_site(name="OptogeneticStimulusSite", device=device, description="ChR2 in mPFC",
                                excitation_lambda=473.0, location="PL")
    nwb.add_stimulus(OptogeneticSeries(name="OptogeneticSeries", data=RNG.random(200), site=site, rate=100.0))
    module = nwb.create_processing_module(name="behavior", description="behavioural data")
    position = Position(spatial_series=SpatialSeries(
        name="SpatialSeries", data=RNG.random((200, 2)), reference_frame="arena corner",
        rate=50.0, description="head position"))
    module.add(position)
    module.add(TimeSeries(name="speed", data=RNG.random(200), unit="m/s", rate=50.0, description="running speed"))
    for index, (start, stop) in enumerate([(0.0, 30.0), (30.0, 60.0), (60.0, 90.0)]):
        nwb.add_epoch(start_time=start, stop_time=stop, tags=["light-off" if index % 2 == 0 else "light-on"])
    write(nwb, "behavior.nwb")


def images():
    nwb = new_file("images", "reference images and an externally stored behaviour video")
    nwb.subject = subject("mouse-images-1")
    gray = GrayscaleImage(name="field_of_view", data=RNG.integers(0, 255, size=(64, 64), dtype=np.uint8),
                          description="mean projection")
    color = RGBImage(name="vasculature", data=RNG.integers(0, 255, size=(32, 32, 3), dtype=np.uint8),
                     description="surface vasculature")
    nwb.add_acquisition(Images(name="reference_images", images=[gray, color], description="reference images"))
    nwb.add_acquisition(ImageSeries(name="behavior_video", external_file=["video_0001.mp4"], format="external",
                                    starting_frame=[0], rate=30.0, num_samples=900, description="side camera"))
    write(nwb, "images.nwb")


def not_nwb():
    os.makedirs(os.path.join(HERE, "bad"), exist_ok=True)
    path = os.path.join(HERE, "bad", "not-nwb.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("measurements", data=np.arange(10, dtype=np.int32))
        f.attrs["note"] = "a plain HDF5 file, not NWB"
    print("wrote", path)


def corrupt():
    """The first 4 KiB of ecephys.nwb: an HDF5 signature with the rest of the file missing."""
    os.makedirs(os.path.join(HERE, "bad"), exist_ok=True)
    with open(os.path.join(HERE, "ecephys.nwb"), "rb") as source:
        head = source.read(4096)
    path = os.path.join(HERE, "bad", "corrupt-truncated.nwb")
    with open(path, "wb") as out:
        out.write(head)
    print("wrote", path)


def many_objects(path, count):
    """An NWB file with about `count` objects: many small TimeSeries in processing modules."""
    nwb = new_file("many-objects", f"benchmark input with about {count} objects")
    nwb.subject = subject("bench-1")
    per_series = 3  # the TimeSeries group, its data and its starting_time
    modules = max(1, count // (per_series * 100))
    made = 0
    for m in range(modules):
        module = nwb.create_processing_module(name=f"module{m:03d}", description="benchmark module")
        for s in range(100):
            module.add(TimeSeries(name=f"series{s:03d}", data=np.arange(4, dtype=np.float32), unit="a.u.",
                                  rate=1.0, description=f"series {m}/{s}"))
            made += per_series
            if made >= count:
                break
        if made >= count:
            break
    with NWBHDF5IO(path, "w") as io:
        io.write(nwb)
    print("wrote", path)


def bulk_ecephys(path, megabytes):
    """An ecephys file whose bytes are mostly raw voltage (int16, uncompressed), with some hundred objects:
    the shape of a real recording, for the remote-reading benchmark (a summary must not fetch the data)."""
    nwb = new_file("bulk-ecephys", f"benchmark input: about {megabytes} MB of raw data")
    nwb.subject = subject("bench-bulk-1")
    device = nwb.create_device(name="Probe", description="384-channel probe", manufacturer="Sample Probes")
    channels = 384
    groups = [nwb.create_electrode_group(name=f"shank{g}", description=f"shank {g}", location="CA1", device=device)
              for g in range(4)]
    for channel in range(channels):
        nwb.add_electrode(group=groups[channel % 4], location="CA1")
    region = nwb.create_electrode_table_region(region=list(range(channels)), description="all electrodes")
    samples = megabytes * 1_000_000 // (channels * 2)
    raw = RNG.integers(-2000, 2000, size=(samples, channels), dtype=np.int16)
    nwb.add_acquisition(ElectricalSeries(name="raw", data=raw, electrodes=region, rate=30000.0, conversion=0.195e-6,
                                         description="raw voltage"))
    module = nwb.create_processing_module(name="behavior", description="behaviour")
    for index in range(100):
        module.add(TimeSeries(name=f"signal{index:03d}", data=np.arange(4, dtype=np.float32), unit="a.u.", rate=1.0,
                              description=f"signal {index}"))
    for unit in range(20):
        nwb.add_unit(spike_times=np.sort(RNG.uniform(0, samples / 30000.0, size=50)))
    with NWBHDF5IO(path, "w") as io:
        io.write(nwb)
    print("wrote", path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--many-objects", metavar="OUT", help="write only a benchmark file with many objects")
    parser.add_argument("--count", type=int, default=3000, help="objects in the benchmark file")
    parser.add_argument("--bulk-ecephys", metavar="OUT", help="write only a benchmark file that is mostly raw data")
    parser.add_argument("--megabytes", type=int, default=140, help="megabytes of raw data in that file")
    args = parser.parse_args()
    if args.many_objects:
        many_objects(args.many_objects, args.count)
    elif args.bulk_ecephys:
        bulk_ecephys(args.bulk_ecephys, args.megabytes)
    else:
        ophys()
        ecephys()
        icephys()
        behavior()
        images()
        not_nwb()
        corrupt()
