"""`nwbkit mcp` driven by the official Python MCP SDK (PyPI `mcp`), as an assistant drives it.

    python3 Tests/MCPClient/mcp_session.py NWBKIT SAMPLEDATA API_URL STANDIN_URL

API_URL is the tests' stand-in archive (dandiset 000001: SampleData's five files); STANDIN_URL its root
(`/_stats`, `/_reset`, `/fault/stall/…`). Every tool's result is compared with what the command line prints
for the same input. Prints one JSON object {"passed": [...], "failed": {name: why}}; exit 0 when nothing
failed, 1 otherwise, 3 when the SDK is not installed.
"""
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

try:
    import anyio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
except ImportError:
    print("the MCP SDK (PyPI mcp) is not installed", file=sys.stderr)
    sys.exit(3)

nwbkit, samples, api, standin = sys.argv[1:5]
results = {"passed": [], "failed": {}}


def check(name, condition, detail=""):
    if condition:
        results["passed"].append(name)
    else:
        results["failed"][name] = str(detail)[:2000]


def cli(*arguments):
    run = subprocess.run([nwbkit, *arguments], capture_output=True, text=True, timeout=120)
    return run.stdout


def stats(reset=False):
    with urllib.request.urlopen(f"{standin}/{'_reset' if reset else '_stats'}", timeout=10) as answer:
        return json.loads(answer.read() or b"{}")


def children(pid):
    """The process ids whose parent is `pid` (the server's workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid and fields[0] != "Z":
                    found.append(int(entry))
            except OSError:
                pass
    return found


def text(result):
    return result.content[0].text if result.content else ""


async def session_run(extra, body):
    # The archive's key is in the environment, as an assistant's configuration sets it.
    environment = dict(os.environ, DANDI_API_KEY="owner-key")
    params = StdioServerParameters(
        command=nwbkit, args=["mcp", "--dandi-instance", api, *extra], cwd=samples, env=environment)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            await body(session)


async def main_session(session):
    ecephys = os.path.join(samples, "ecephys.nwb")
    ophys = os.path.join(samples, "ophys.nwb")
    tools = {tool.name: tool for tool in (await session.list_tools()).tools}
    check("tools listed", set(tools) == {"dandiset_info", "dandiset_assets", "nwb_file_info", "nwb_usage_script",
                                         "nwb_object", "check_file", "dandiset_document"}, sorted(tools))
    check("every tool has a schema", all(t.input_schema.get("type") == "object" for t in tools.values()))
    prompts = [prompt.name for prompt in (await session.list_prompts()).prompts]
    check("prompt listed", prompts == ["describe-dandiset"], prompts)

    # Files: each result as the command line prints it.
    result = await session.call_tool("nwb_file_info", {"path": ecephys})
    check("nwb_file_info text", not result.is_error and text(result) == cli("summarize", ecephys), text(result)[:300])
    result = await session.call_tool("nwb_file_info", {"path": ecephys, "format": "json"})
    check("nwb_file_info json", text(result) + "\n" == cli("summarize", "--format", "jsonl", ecephys), text(result)[:300])
    result = await session.call_tool("nwb_usage_script", {"path": ophys})
    check("nwb_usage_script", text(result) == cli("summarize", "--format", "pynwb", ophys), text(result)[:300])
    result = await session.call_tool("check_file", {"path": ophys})
    check("check_file", text(result) == cli("check", "--format", "json", ophys), text(result)[:300])
    result = await session.call_tool("check_file", {"path": ophys, "data_checks": False})
    check("check_file without data checks",
          text(result) == cli("check", "--format", "json", "--no-data-checks", ophys), text(result)[:300])

    # One object and a slice of its values, beside h5py's.
    series = "/processing/ophys/Fluorescence/RoiResponseSeries/data"
    result = await session.call_tool("nwb_object", {"path": ophys, "object": series, "start": 3, "count": 4})
    slice_ = json.loads(text(result))
    try:
        import h5py
        with h5py.File(ophys, "r") as file:
            expected = file[series][3:7].tolist()
        close = all(abs(a - b) < 1e-6 for row, want in zip(slice_["values"]["data"], expected) for a, b in zip(row, want))
        check("nwb_object values equal h5py's", close and slice_["values"]["shape"] == [4, 12], slice_["values"])
    except ImportError:
        check("nwb_object values", slice_["values"]["shape"] == [4, 12], slice_["values"])
    check("nwb_object metadata", slice_["entry"]["shape"] == [40, 12] and slice_["entry"]["dtype"] == "float32",
          slice_["entry"])
    # Past the budget: cut, and said.
    result = await session.call_tool("nwb_object", {"path": ophys, "object": series, "count": 40, "max_bytes": 200})
    values = json.loads(text(result))["values"]
    check("a slice past its budget is cut and says so",
          values["cut"] and values["rows"] == 2 and "byte budget" in values["note"] and values["budgetBytes"] == 200, values)
    result = await session.call_tool("nwb_object", {"path": ophys, "object": "/processing/ophys"})
    group = json.loads(text(result))
    check("nwb_object group members", "Fluorescence" in group["members"], group)

    # The worker keeps the last file it read for the next call on it, but never a file that changed since:
    # replaced by another (a new inode), or rewritten in place (another size and time).
    import shutil
    import tempfile
    scratch = tempfile.mkdtemp(prefix="nwbkit-mcp-")
    changing = os.path.join(scratch, "changing.nwb")
    shutil.copyfile(ophys, changing)
    first = await session.call_tool("nwb_object", {"path": changing, "object": series})
    again = await session.call_tool("nwb_object", {"path": changing, "object": series, "start": 1, "count": 1})
    check("a kept file answers the next call", not first.is_error and json.loads(text(again))["values"]["rows"] == 1,
          text(again)[:300])
    shutil.copyfile(ecephys, changing + ".new")
    os.replace(changing + ".new", changing)
    result = await session.call_tool("nwb_file_info", {"path": changing})
    check("a file replaced between calls is read again", text(result) == cli("summarize", changing), text(result)[:300])
    shutil.copyfile(ophys, changing)  # in place: the same inode
    result = await session.call_tool("nwb_object", {"path": changing, "object": series, "count": 1})
    check("a file rewritten between calls is read again", not result.is_error
          and json.loads(text(result))["entry"]["shape"] == [40, 12], text(result)[:300])
    shutil.rmtree(scratch)

    # Bad inputs: an error with its reason, and the server answers the next call.
    result = await session.call_tool("nwb_file_info", {"path": "missing.nwb"})
    check("a missing file is a tool error", result.is_error and "missing.nwb" in text(result), text(result))
    result = await session.call_tool("nwb_object", {"path": ophys, "object": "/no/such"})
    check("a missing object is a tool error", result.is_error and "/no/such" in text(result), text(result))
    result = await session.call_tool("nwb_file_info", {"path": os.path.join(samples, "rules.yaml")})
    check("a file that is not HDF5 is a tool error", result.is_error and "HDF5" in text(result), text(result))
    result = await session.call_tool("dandiset_info", {"dandiset_id": "999999"})
    check("an unknown dandiset is a tool error", result.is_error and "999999" in text(result), text(result))
    result = await session.call_tool("nwb_file_info", {"path": ophys})
    check("the server answers after errors", not result.is_error, text(result)[:200])

    # The archive.
    result = await session.call_tool("dandiset_info", {"dandiset_id": "000001"})
    info = json.loads(text(result))
    check("dandiset_info", info["name"] == "Sample files" and info["version"] == "0.230101.0000"
          and info["contributors"][0]["name"] == "Doe, Jane" and info["assetsSummary"]["numberOfFiles"] == 5, info)
    result = await session.call_tool("dandiset_assets", {"dandiset_id": "DANDI:000001", "version": "draft", "page_size": 2})
    listing = json.loads(text(result))
    check("dandiset_assets page", listing["total"] == 7 and len(listing["assets"]) == 2 and listing["next_page"] == 2
          and listing["assets"][0]["path"] == "behavior.nwb" and listing["assets"][0]["size"] > 0, listing)
    stats(reset=True)
    result = await session.call_tool("dandiset_assets", {"dandiset_id": "000001", "glob": "*.nwb", "page": 3, "page_size": 2})
    listing = json.loads(text(result))
    check("dandiset_assets glob and last page", listing["total"] == 5 and [a["path"] for a in listing["assets"]] == ["ophys.nwb"]
          and listing["next_page"] is None, listing)
    # A page costs the page asked and page 1's count (one asset), never the listing read through.
    listed = sorted(urllib.parse.parse_qs(urllib.parse.urlsplit(entry[1]).query).get("page", ["1"])[0] + "/"
                    + urllib.parse.parse_qs(urllib.parse.urlsplit(entry[1]).query)["page_size"][0]
                    for entry in stats()["log"] if "/assets/?" in entry[1])
    check("a page of assets costs two listing requests", listed == ["1/1", "3/2"], listed)
    result = await session.call_tool("dandiset_assets", {"dandiset_id": "000001", "version": "draft", "page": 9, "page_size": 2})
    listing = json.loads(text(result))
    check("a page past the end is empty", not result.is_error and listing["assets"] == [] and listing["total"] == 7
          and listing["next_page"] is None, listing)
    heard = []

    async def progress(done, total, message):
        heard.append((done, total, message))

    result = await session.call_tool("dandiset_document", {"dandiset_id": "000001"}, progress_callback=progress)
    document = cli("dandiset", "--dandi-instance", api, "DANDI:000001")
    check("dandiset_document", not result.is_error and text(result) == document, text(result)[:400])
    # With a progress token: each file as it is begun, then the end, all before the result.
    check("dandiset_document reports its progress", [(done, total) for done, total, _ in heard] == [(n, 5) for n in range(6)]
          and heard[0][2] == "reading DANDI:000001/0.230101.0000/behavior.nwb" and "writing the document" in heard[-1][2], heard)
    prompt = await session.get_prompt("describe-dandiset", {"dandiset_id": "000001"})
    check("describe-dandiset prompt", prompt.messages[0].content.text == document, prompt.messages[0].content.text[:300])

    # A remote file's blocks are kept between calls: the second call asks the servers nothing.
    asset = "DANDI:000001/draft/ophys.nwb"
    first = await session.call_tool("nwb_object", {"path": asset, "object": series, "count": 2})
    stats(reset=True)
    second = await session.call_tool("nwb_object", {"path": asset, "object": series, "start": 2, "count": 2})
    counted = stats()
    check("a second call on a remote file makes no request", not first.is_error and not second.is_error
          and counted["requests"] == 0, (text(first)[:200], counted))
    script = await session.call_tool("nwb_usage_script", {"path": asset})
    check("an asset's usage script holds no key", "owner-key" not in text(script) and "remfile.File(" in text(script),
          text(script)[:300])

    # The whole JSON, which the next session (--max-result-characters 1000) gives in pieces.
    result = await session.call_tool("nwb_file_info", {"path": ecephys, "format": "json"})
    return text(result)


async def paging_session(session, whole):
    ecephys = os.path.join(samples, "ecephys.nwb")
    pieces, offset = [], 0
    for _ in range(1000):
        result = await session.call_tool("nwb_file_info", {"path": ecephys, "format": "json", "offset": offset})
        body = text(result)
        marker = body.rfind("\n[")
        content, note = body[:marker], body[marker + 2:]
        pieces.append(content.removesuffix("\n") if not content.endswith("\n\n") else content[:-1])
        if "call again with offset " not in note:
            break
        offset = int(note.split("call again with offset ")[1].split(" ")[0])
    joined = "".join(pieces)
    check("a long result is cut and pages back to the whole", len(pieces) > 1 and joined.rstrip("\n") == whole.rstrip("\n"),
          (len(pieces), len(joined), len(whole)))


async def cancel_session(session):
    """A cancelled call stops its worker; the next call is answered by a new one."""
    stalled = f"{standin}/fault/stall/ecephys.nwb"
    started = time.monotonic()
    with anyio.move_on_after(2):
        await session.call_tool("nwb_file_info", {"path": stalled})
    server = [pid for pid in children(os.getpid()) if open(f"/proc/{pid}/cmdline").read().startswith(nwbkit)]
    workers = []
    for _ in range(50):
        workers = [child for pid in server for child in children(pid)]
        if not workers:
            break
        await anyio.sleep(0.1)
    check("a cancelled call stops its worker", server and not workers and time.monotonic() - started < 10, (server, workers))
    result = await session.call_tool("nwb_file_info", {"path": os.path.join(samples, "ophys.nwb")})
    check("the next call after a cancel is answered", not result.is_error, text(result)[:200])


async def deadline_session(session):
    stalled = f"{standin}/fault/stall/ophys.nwb"
    started = time.monotonic()
    result = await session.call_tool("nwb_file_info", {"path": stalled})
    check("a call past its deadline is a tool error", result.is_error and "took longer than 2 s" in text(result)
          and time.monotonic() - started < 20, text(result))


async def main():
    whole = {}

    async def first(session):
        whole["text"] = await main_session(session)

    await session_run([], first)
    await session_run(["--max-result-characters", "1000"], lambda session: paging_session(session, whole["text"]))
    await session_run([], cancel_session)
    await session_run(["--timeout", "2"], deadline_session)


asyncio.run(main())
print(json.dumps(results, indent=1))
sys.exit(1 if results["failed"] else 0)
