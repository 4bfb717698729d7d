"""Finding the bundled ``nwbkit`` binary and running it: the one place the Python package starts a process."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Union

from ._errors import NWBKitError

PathLike = Union[str, "os.PathLike[str]"]
"""A local path, a URL or a DANDI reference (``DANDI:000683/draft``)."""

Paths = Union[PathLike, Sequence[PathLike]]
"""One input or several."""

OptionValue = Union[str, int, float, bool, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]
"""A keyword option's value: ``True`` for a flag, a list for an option given more than once."""


def binary_path() -> str:
    """The ``nwbkit`` binary the package runs: ``$NWBKIT_BINARY`` when set, else the one the wheel bundles."""
    override = os.environ.get("NWBKIT_BINARY")
    if override:
        return override
    bundled = Path(__file__).resolve().parent / "_bin" / "nwbkit"
    if bundled.is_file():
        return str(bundled)
    raise NWBKitError(
        [f"no nwbkit binary: {bundled} is missing (a source checkout? set NWBKIT_BINARY to a built nwbkit)"], 2
    )


def input_list(paths: Paths) -> list[str]:
    """``paths`` as command-line arguments (one path, or a list of them)."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def option_arguments(options: Mapping[str, OptionValue]) -> list[str]:
    """Keyword options as the command line spells them: ``dandi_instance="dandi"`` is
    ``--dandi-instance dandi``, ``quiet=True`` is ``--quiet``, ``False`` and ``None`` are left out, and a
    list repeats the option (``include=["*.h5", "*.hdf5"]``)."""
    arguments: list[str] = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            arguments.append(flag)
        elif isinstance(value, (str, int, float, os.PathLike)):
            arguments += [flag, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
        else:
            for item in value:
                arguments += [flag, os.fspath(item)]
    return arguments


def command(subcommand: str, inputs: list[str], options: Mapping[str, OptionValue], extra: Sequence[str] = ()) -> list[str]:
    """The whole command line: binary, subcommand, options, then ``--`` and the inputs (so an input that
    starts with ``-`` is never read as an option)."""
    return [binary_path(), subcommand, *extra, *option_arguments(options), "--", *inputs]


def messages(stderr: str) -> list[str]:
    """The tool's one-line messages (``nwbkit: …``), without the prefix."""
    return [line[len("nwbkit: ") :] if line.startswith("nwbkit: ") else line for line in stderr.splitlines() if line]


def run(arguments: list[str], accepted: Sequence[int] = (0,)) -> subprocess.CompletedProcess[str]:
    """Runs the tool to the end; raises `NWBKitError` when its exit status is not one of ``accepted``."""
    completed = subprocess.run(arguments, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if completed.returncode not in accepted:
        raise NWBKitError(messages(completed.stderr) or [f"nwbkit exited with status {completed.returncode}"],
                          completed.returncode)
    return completed


def stream_lines(arguments: list[str]) -> Iterator[str]:
    """Runs the tool and yields its standard output line by line as it comes. Standard error goes to a
    temporary file (read at the end: a pipe left unread could fill and stop the tool); after the last
    line, raises `NWBKitError` when the tool failed (exit status other than 0), with its messages."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        with subprocess.Popen(
            arguments, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, text=True, encoding="utf-8"
        ) as process:
            assert process.stdout is not None
            try:
                yield from process.stdout
            finally:
                if process.poll() is None and process.stdout.closed is False:
                    # The caller stopped early: the rest is not wanted.
                    process.kill()
            status = process.wait()
        if status != 0:
            errors.seek(0)
            raise NWBKitError(messages(errors.read()) or [f"nwbkit exited with status {status}"], status)
