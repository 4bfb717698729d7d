"""Writes the tables NWBKit's checks share with nwbinspector, as Swift sources in Sources/NWBCheck/Tables/.

Run from the repository root:  python scripts/generate-check-tables.py
Needs: pip install nwbinspector==0.7.2 (it brings pynwb 4.2.0). Python is only needed to regenerate these
files, never to build or test NWBKit.

- AllenCCFStructures.swift: every acronym and name of the Allen Mouse Brain Atlas structure graph 1
  (api.brain-map.org structure_graph_download/1.json), as nwbinspector 0.7.2 ships it
  (nwbinspector/_internal_configs/allen_ccf_structure_names.json). One "acronym<TAB>name" line a structure.
- PyNWBFields.swift: for each core type, the columns pynwb predefines (`__columns__`, which
  check_column_binary_capability skips) and the optional text fields (docval `str` arguments defaulting
  to None, which check_empty_string_for_optional_attribute looks at).
"""
import json
import os

import nwbinspector
import pynwb
from hdmf.utils import get_docval
from pynwb import get_type_map
from pynwb.core import NWBContainer

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "NWBCheck", "Tables")
source = os.path.join(os.path.dirname(nwbinspector.__file__), "_internal_configs", "allen_ccf_structure_names.json")
with open(source) as handle:
    structures = json.load(handle)
lines = [f"{a}\t{n}" for a, n in zip(structures["acronyms"], structures["names"])]
assert all("\\" not in line and '"""' not in line for line in lines)
with open(os.path.join(here, "AllenCCFStructures.swift"), "w") as handle:
    handle.write(
        "// Written by scripts/generate-check-tables.py: do not edit.\n\n"
        "/// The Allen Mouse Brain Atlas structures (CCF ontology, structure graph 1 of api.brain-map.org), as\n"
        f"/// nwbinspector {nwbinspector.__version__} ships them: one \"acronym<TAB>name\" line each, {len(lines)} structures.\n"
        "enum AllenCCFStructures {\n"
        f"    static let version = \"structure graph 1, as in nwbinspector {nwbinspector.__version__}\"\n\n"
        "    static let table = \"\"\"\n" + "".join(f"        {line}\n" for line in lines) + "        \"\"\"\n}\n")

type_map = get_type_map()
columns = {}
fields = {}
for namespace in ["core", "hdmf-common"]:
    for name in type_map.namespace_catalog.get_namespace(namespace).get_registered_types():
        cls = type_map.get_dt_container_cls(name, namespace)
        if cls is None:
            continue
        predefined = [column["name"] for column in getattr(cls, "__columns__", [])]
        if predefined:
            columns[name] = predefined
        if isinstance(cls, type) and issubclass(cls, NWBContainer):
            optional = [a["name"] for a in get_docval(cls.__init__)
                        if a["type"] is str and "default" in a and a["default"] is None]
            if optional:
                fields[name] = optional


def swift(table):
    return "".join(f"        {json.dumps(k)}: [{', '.join(json.dumps(v) for v in values)}],\n"
                   for k, values in sorted(table.items()))


with open(os.path.join(here, "PyNWBFields.swift"), "w") as handle:
    handle.write(
        "// Written by scripts/generate-check-tables.py: do not edit.\n\n"
        f"/// What pynwb {pynwb.__version__} says of its core types that two nwbinspector checks depend on.\n"
        "enum PyNWBFields {\n"
        "    /// The columns pynwb defines for a table type (users cannot change their name or dtype).\n"
        "    static let predefinedColumns: [String: [String]] = [\n" + swift(columns) + "    ]\n\n"
        "    /// The optional text fields of a type (docval `str` arguments whose default is None), in order.\n"
        "    static let optionalTextFields: [String: [String]] = [\n" + swift(fields) + "    ]\n}\n")
print(f"{len(lines)} CCF structures, {len(columns)} table types, {len(fields)} types with optional text fields")
