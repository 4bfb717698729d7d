"""NWBKit from Python: what NWB files hold, DANDI metadata and best-practice checks, from the ``nwbkit``
binary this package bundles (no second implementation: every function runs the tool and reads its JSON).

    >>> import nwbkit
    >>> summaries = nwbkit.summarize("SampleData/ophys.nwb")
    >>> summaries[0]["subject"]["species"]
    'Mus musculus'

Inputs are local paths (files or folders), URLs (``https://…``, ``s3://…``) or DANDI references
(``DANDI:000683/draft``). Options are keyword arguments named as the command line's, with ``_`` for ``-``:
``jobs=4``, ``cache="summary-cache"``, ``dandi_instance="dandi-sandbox"``, ``quiet=True``. An input that
cannot be read raises `NWBKitError` with the tool's one-line message for it (after the others are read:
``error.partial`` holds their results); ``check`` reports such a file as a CRITICAL finding instead.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

from ._errors import NWBKitError
from ._runner import OptionValue, Paths, PathLike, binary_path, command, input_list, messages, run, stream_lines

__all__ = [
    "NWBKitError",
    "assets",
    "binary_path",
    "check",
    "dandiset_document",
    "diff",
    "iter_summaries",
    "summarize",
    "types",
    "usage_script",
    "version",
]


def version() -> str:
    """The bundled binary's version (``nwbkit --version``); ``nwbkit.__version__`` is the same."""
    return subprocess.run([binary_path(), "--version"], capture_output=True, text=True, check=True).stdout.strip()


def __getattr__(name: str) -> Any:
    # ``__version__`` asks the binary once, when first read (importing the package starts no process).
    if name == "__version__":
        value = version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'nwbkit' has no attribute {name!r}")


def iter_summaries(paths: Paths, **options: OptionValue) -> Iterator[dict[str, Any]]:
    """Each file's summary as the tool reads it (``nwbkit summarize --format jsonl``), one at a time, so a
    folder of thousands of files never sits in memory at once. Folders are searched for ``*.nwb``.

    Raises `NWBKitError` after the last summary when some inputs could not be read (``error.messages``
    names each); the summaries of the others have been yielded by then.
    """
    failures: list[str] = []
    try:
        for line in stream_lines(command("summarize", input_list(paths), options, extra=["--format", "jsonl"])):
            record = json.loads(line)
            if "error" in record and "path" in record and len(record) == 2:
                failures.append(f"{record['path']}: {record['error']}")
                continue
            yield record
    except NWBKitError as error:
        raise NWBKitError(error.messages or failures, error.status) from None


def summarize(paths: Paths, **options: OptionValue) -> list[dict[str, Any]]:
    """The summaries of the files at ``paths`` (``nwbkit summarize --format jsonl``), in the tool's order:
    structure, metadata, subject, devices, imaging planes, ROI tables, electrodes, units, intervals.

    Raises `NWBKitError` when some inputs could not be read; ``error.partial`` holds the other summaries.
    """
    summaries: list[dict[str, Any]] = []
    try:
        for summary in iter_summaries(paths, **options):
            summaries.append(summary)
    except NWBKitError as error:
        raise NWBKitError(error.messages, error.status, partial=summaries) from None
    return summaries


def _json(subcommand: str, inputs: list[str], options: dict[str, OptionValue]) -> Any:
    completed = run(command(subcommand, inputs, options, extra=["--format", "json"]), accepted=(0, 1))
    if completed.returncode != 0:
        raise NWBKitError(messages(completed.stderr), completed.returncode,
                          partial=json.loads(completed.stdout) if completed.stdout.strip() else None)
    return json.loads(completed.stdout)


def assets(paths: Paths, **options: OptionValue) -> dict[str, Any]:
    """The DANDI ``assetsSummary`` of the files (``nwbkit assets``): species, approaches, measurement
    techniques, variables measured, counts. Raises `NWBKitError` when some inputs could not be read
    (``error.partial``: the summary of the others)."""
    completed = run(command("assets", input_list(paths), options), accepted=(0, 1))
    if completed.returncode != 0:
        raise NWBKitError(messages(completed.stderr), completed.returncode,
                          partial=json.loads(completed.stdout) if completed.stdout.strip() else None)
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def types(paths: Paths, **options: OptionValue) -> dict[str, Any]:
    """The files grouped into structural types (``nwbkit types --format json``): files whose typed objects
    sit at the same paths form one type."""
    result: dict[str, Any] = _json("types", input_list(paths), dict(options))
    return result


def check(paths: Paths, **options: OptionValue) -> list[dict[str, Any]]:
    """Best-practice findings (``nwbkit check --format json``), most important first: each a dict with
    ``check``, ``importance`` (``CRITICAL``, ``BEST_PRACTICE_VIOLATION``, ``BEST_PRACTICE_SUGGESTION``),
    ``message``, ``file``, ``location``. Findings never raise, and a file that cannot be read is a CRITICAL
    ``nwbkit_file_readable`` finding; `NWBKitError` only when the options or rules file cannot be used.
    Options as ``nwbkit check``'s: ``rules="lab-rules.yaml"``, ``select=…``, ``config="dandi"``."""
    completed = run(command("check", input_list(paths), options, extra=["--format", "json", "--quiet"]), accepted=(0, 1))
    report: dict[str, Any] = json.loads(completed.stdout)
    findings: list[dict[str, Any]] = report["findings"]
    return findings


def dandiset_document(paths: Paths, **options: OptionValue) -> str:
    """The DANDI dataset-description document of the files, or of a dandisets' assets (``nwbkit
    dandiset``), as Markdown. ``metadata="dandiset.yaml"`` gives the dandiset's own metadata;
    ``report=True`` renders the readable report instead."""
    completed = run(command("dandiset", input_list(paths), options), accepted=(0, 1))
    if completed.returncode != 0:
        raise NWBKitError(messages(completed.stderr), completed.returncode, partial=completed.stdout)
    return completed.stdout


def usage_script(path: PathLike, **options: OptionValue) -> str:
    """A Python script that opens the file with pynwb and reaches each of its objects, with type, shape,
    dtype, unit and rate in comments (``nwbkit summarize --format pynwb``); a URL or a DANDI asset is
    streamed through remfile. ``template="my.py.mustache"`` renders through your own template. Raises
    `NWBKitError` when the file cannot be read."""
    completed = run(command("summarize", input_list([path]), options, extra=["--format", "pynwb"]), accepted=(0, 1))
    if completed.returncode != 0:
        raise NWBKitError(messages(completed.stderr), completed.returncode, partial=completed.stdout)
    return completed.stdout


def diff(a: PathLike, b: PathLike, **options: OptionValue) -> dict[str, Any]:
    """The structural difference of two NWB files, or two folders of them matched by relative path
    (``nwbkit diff --format json``): ``result["files"]`` lists each pair's changes (empty when the two
    are alike). Raises `NWBKitError` when a file cannot be read."""
    completed = run(command("diff", input_list([a, b]), options, extra=["--format", "json", "--quiet"]), accepted=(0, 1))
    result: dict[str, Any] = json.loads(completed.stdout) if completed.stdout.strip() else {}
    if completed.stderr.strip():
        raise NWBKitError(messages(completed.stderr), completed.returncode, partial=result)
    return result
