#!/usr/bin/env python3
"""Writes, for each example document in ../shared/docs/dandi-prompts/, the dandiset metadata JSON
that produced its metadata lines (id, name, contributor, description, assetsSummary), in the
API's key order, so the tests can rebuild the document and compare it byte for byte.
Run once from this folder: python3 make_dandi_prompt_metadata.py ../../../../shared/docs/dandi-prompts
"""
import ast
import json
import os
import sys

KEYS = ("id", "name", "contributor", "description", "assetsSummary")


def metadata_lines(text):
    lines = text.split("\n")
    # Header: 16 lines; the metadata runs up to the blank line before "Dandiset NNNNNN has".
    body = lines[16:]
    end = next(i for i, line in enumerate(body) if line.startswith("Dandiset ") and " has " in line)
    return body[: end - 1]


def parse(lines):
    metadata = {}
    current = None
    for line in lines:
        key = next((k for k in KEYS if line.startswith(k + ": ") or line == k + ":"), None)
        if key is not None and key not in metadata:
            current = key
            metadata[key] = line[len(key) + 2:]
        else:
            metadata[current] += "\n" + line
    result = {}
    for key, text in metadata.items():
        result[key] = ast.literal_eval(text) if key in ("contributor", "assetsSummary") else text
    return result


def main(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md") or name == "README.md":
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        metadata = parse(metadata_lines(text))
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dandi-prompts", name[:-3] + ".json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(metadata, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1])
