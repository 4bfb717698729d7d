"""The DANDI API and blob store part of the stand-in (see standin.py --dandi CONFIG).

CONFIG is JSON:
  {"tokens": {"TOKEN": ["000002", ...]},          # API keys and the embargoed dandisets each owns
   "foreign_next": false,                         # listings' "next" on the blob origin (another origin)
   "instance_name": "DANDI",                      # /api/info/'s instance_config.instance_name, the ids' prefix
   "webui_on_blob_origin": false,                 # /api/info/'s services.webui.url: the blob origin
   "loop_next": false,                            # every listing page's "next" names the page itself
   "endless_listing": false,                      # listings never end: every page has "next" and results
   "dandisets": [{"id": "000001", "embargoed": false,
                  "published": ["0.230101.0000"],  # oldest first; none: the draft only
                  "versions": {"draft": {"metadata": {...},
                                          "assets": [{"path": "sub-1/sub-1.nwb", "file": "REL/UNDER/ROOT"},
                                                     {"path": "x.zarr", "zarr": true}]}}}]}

Routes, as the archive's (every path ends in /): /api/info/, /api/dandisets/ (paginated), /api/dandisets/ID/,
/api/dandisets/ID/versions/V/ (the metadata, keys in JSONB order), /api/dandisets/ID/versions/V/assets/
(order, page, page_size, path, glob; count on page 1 only), /api/assets/AID/download/ and
/api/dandisets/ID/versions/V/assets/AID/download/ (302 to a presigned-style blob URL; 400 for a Zarr),
/blobs/XXX/YYY/UUID (the blob, ranged; an embargoed blob without the signature: 403).
Embargoed dandisets: 401 without a token or with an unknown one, 403 for a token that does not own it.
/_fault?mode=M&count=N fails the next N API requests: 503 (Retry-After: 1), 429 (Retry-After as a date),
reset, stall, trickle (the answer at 2 bytes a second).
"""
import email.utils
import fnmatch
import json
import time
import urllib.parse
import uuid

config = {"tokens": {}, "dandisets": []}
api_faults = []  # [mode, remaining]


def load(path):
    global config
    with open(path) as handle:
        config = json.load(handle)


def jsonb(value):
    """JSONB's key order: shorter keys first, then bytewise."""
    if isinstance(value, dict):
        return {k: jsonb(value[k]) for k in sorted(value, key=lambda k: (len(k.encode()), k.encode()))}
    if isinstance(value, list):
        return [jsonb(v) for v in value]
    return value


def find(dandiset_id):
    return next((d for d in config["dandisets"] if d["id"] == dandiset_id), None)


def blob_of(entry):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "blob:" + entry["file"]))


def asset_id_of(dandiset, version, entry):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"asset:{dandiset['id']}:{version}:{entry['path']}"))


def version_object(dandiset, version):
    if version is None:
        return None
    info = dandiset["versions"][version]
    return {"version": version, "name": info.get("metadata", {}).get("name", ""), "asset_count": len(info["assets"]),
            "size": 0, "status": "Valid", "created": "2023-01-01T00:00:00Z", "modified": "2023-01-01T00:00:00Z"}


def dandiset_object(dandiset):
    published = dandiset.get("published", [])
    return {"identifier": dandiset["id"], "created": "2023-01-01T00:00:00Z", "modified": "2023-01-01T00:00:00Z",
            "contact_person": "", "embargo_status": "EMBARGOED" if dandiset.get("embargoed") else "OPEN",
            "star_count": 0, "is_starred": False,
            "most_recent_published_version": version_object(dandiset, published[-1] if published else None),
            "draft_version": version_object(dandiset, "draft")}


def all_blobs():
    for dandiset in config["dandisets"]:
        for version, info in dandiset["versions"].items():
            for entry in info["assets"]:
                if not entry.get("zarr"):
                    yield dandiset, version, entry


def page_of(handler, items, query, lazy):
    size = min(1000, int(query.get("page_size", ["100"])[0]))
    page = int(query.get("page", ["1"])[0])
    chunk = items[(page - 1) * size: page * size]
    if not lazy and page > 1 and not chunk:
        return 404, {"detail": "Invalid page."}
    more = page * size < len(items)
    if config.get("endless_listing"):
        chunk, more = items[:size], True
    if config.get("loop_next"):
        page -= 1
    parts = urllib.parse.urlsplit(handler.path)
    query = dict(query)
    query["page"] = [str(page + 1)]
    origin = handler.blob_origin if config.get("foreign_next") and handler.blob_origin else f"http://{handler.headers.get('Host')}"
    next_url = f"{origin}{parts.path}?{urllib.parse.urlencode(query, doseq=True)}"
    count = len(items) if (page == 1 or not lazy) else None
    return 200, {"count": count, "next": next_url if more else None, "previous": None, "results": chunk}


def authorize(handler, dandiset):
    """None when the caller may see `dandiset`, else (status, body)."""
    if not dandiset.get("embargoed"):
        return None
    header = handler.headers.get("Authorization", "")
    if not header:
        return 401, {"detail": "Authentication credentials were not provided."}
    word, _, token = header.partition(" ")
    if word.lower() != "token" or token not in config.get("tokens", {}):
        return 401, {"detail": "Invalid token."}
    if dandiset["id"] not in config["tokens"][token]:
        return 403, {"detail": "You do not have permission to perform this action."}
    return None


def handle_api(handler, path, query):
    """(status, JSON body, extra headers) for an /api/ request."""
    if api_faults:
        mode = api_faults[0][0]
        api_faults[0][1] -= 1
        if api_faults[0][1] <= 0:
            api_faults.pop(0)
        if mode == "503":
            return 503, {"detail": "unavailable"}, {"Retry-After": "1"}
        if mode == "429":
            return 429, {"detail": "Request was throttled."}, {"Retry-After": email.utils.formatdate(time.time() + 1, usegmt=True)}
        if mode in ("reset", "stall"):
            return mode, None, {}
        if mode == "trickle":
            return mode, {"detail": "x" * 200}, {}
    parts = [p for p in path.split("/") if p][1:]  # after "api"
    if parts == ["info"]:
        host = handler.headers.get("Host")
        web = handler.blob_origin if config.get("webui_on_blob_origin") else f"http://{host}"
        return 200, {"version": "0.0.0", "cli-minimal-version": "0.60.0", "cli-bad-versions": [],
                     "instance_config": {"instance_name": config.get("instance_name", "DANDI")},
                     "services": {"api": {"url": f"http://{host}/api"}, "webui": {"url": web}},
                     "schema_version": "0.6.8"}, {}
    if parts == ["dandisets"]:
        shown = [dandiset_object(d) for d in config["dandisets"] if not d.get("embargoed")]
        shown.sort(key=lambda d: d["identifier"])
        status, body = page_of(handler, shown, query, lazy=False)
        return status, body, {}
    if len(parts) >= 2 and parts[0] == "dandisets":
        dandiset = find(parts[1])
        if dandiset is None:
            return 404, {"detail": "Not found."}, {}
        refused = authorize(handler, dandiset)
        if refused:
            return refused[0], refused[1], {}
        if len(parts) == 2:
            return 200, dandiset_object(dandiset), {}
        if len(parts) >= 4 and parts[2] == "versions":
            version = parts[3]
            if version not in dandiset["versions"]:
                return 404, {"detail": "Not found."}, {}
            info = dandiset["versions"][version]
            if len(parts) == 4:
                metadata = dict(info.get("metadata", {}))
                prefix = config.get("instance_name", "DANDI")
                metadata.update({"id": f"{prefix}:{dandiset['id']}/{version}", "identifier": f"{prefix}:{dandiset['id']}",
                                 "version": version, "url": f"https://dandiarchive.org/dandiset/{dandiset['id']}/{version}"})
                return 200, jsonb(metadata), {}
            if len(parts) == 5 and parts[4] == "assets":
                return listing(handler, dandiset, version, info, query)
            if len(parts) == 7 and parts[4] == "assets" and parts[6] == "download":
                return download(handler, parts[5])
    if len(parts) == 3 and parts[0] == "assets" and parts[2] == "download":
        return download(handler, parts[1])
    return 404, {"detail": "Not found."}, {}


def listing(handler, dandiset, version, info, query):
    entries = sorted(info["assets"], key=lambda e: e["path"].encode())
    prefix = query.get("path", [None])[0]
    if prefix is not None:
        exact = [e for e in entries if e["path"] == prefix]
        entries = exact or [e for e in entries if e["path"].lower().startswith(prefix.lower())]
    glob = query.get("glob", [None])[0]
    if glob is not None:
        entries = [e for e in entries if fnmatch.fnmatchcase(e["path"].lower(), glob.lower().replace("[", "[[]"))]
    items = []
    for entry in entries:
        size = 0 if entry.get("zarr") else handler.file_size(entry["file"])
        items.append({"asset_id": asset_id_of(dandiset, version, entry),
                      "blob": None if entry.get("zarr") else blob_of(entry),
                      "zarr": str(uuid.uuid5(uuid.NAMESPACE_URL, "zarr:" + entry["path"])) if entry.get("zarr") else None,
                      "path": entry["path"], "size": size, "created": "2023-01-01T00:00:00Z",
                      "modified": "2023-01-01T00:00:00Z"})
    status, body = page_of(handler, items, query, lazy=True)
    return status, body, {}


def download(handler, asset_id):
    for dandiset in config["dandisets"]:
        for version, info in dandiset["versions"].items():
            for entry in info["assets"]:
                if asset_id_of(dandiset, version, entry) != asset_id:
                    continue
                refused = authorize(handler, dandiset)
                if refused:
                    return refused[0], refused[1], {}
                if entry.get("zarr"):
                    return 400, "Zarr assets cannot be downloaded", {}
                blob = blob_of(entry)
                origin = handler.blob_origin or f"http://{handler.headers.get('Host')}"
                location = (f"{origin}/blobs/{blob[0:3]}/{blob[3:6]}/{blob}"
                            f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=21600&X-Amz-Signature=standin{blob[:8]}")
                return 302, None, {"Location": location}
    return 404, {"detail": "Not found."}, {}


def blob_file(blob, signed):
    """(relative file, None) for a blob, or (None, (status, text)) when it is refused or unknown."""
    for dandiset, version, entry in all_blobs():
        if blob_of(entry) == blob:
            if dandiset.get("embargoed") and not signed:
                return None, (403, "<Error><Code>AccessDenied</Code></Error>")
            return entry["file"], None
    return None, (404, "<Error><Code>NoSuchKey</Code></Error>")


def set_fault(query):
    api_faults.append([query.get("mode", ["503"])[0], int(query.get("count", ["1"])[0])])
