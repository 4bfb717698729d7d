import MCP
import NWBRunner

extension AssistantServer {
    /// A JSON schema of an object with these properties (`required` among them).
    private static func schema(_ properties: [String: Value], required: [String]) -> Value {
        .object([
            "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ])
    }

    private static func property(_ type: String, _ description: String, default value: Value? = nil) -> Value {
        var object: [String: Value] = ["type": .string(type), "description": .string(description)]
        if let value { object["default"] = value }
        return .object(object)
    }

    private static let dandisetID = property(
        "string", "A dandiset: its id (000001), DANDI:000001, DANDI:000001/draft, or its archive URL")
    private static let version = property(
        "string", "The version (draft or a published one such as 0.230101.0000); default: the most recent published, else draft")
    private static let file = property(
        "string",
        "An NWB file: a local path, an http(s) or s3 URL, or a DANDI asset named DANDI:ID/VERSION/PATH")
    private static let offset = property(
        "integer", "The first character of the result to give (a long result is cut and says the offset that continues it)",
        default: 0)

    private static let readOnly = Tool.Annotations(readOnlyHint: true)

    /// The tools, with their JSON schemas (Documentation/MCP.md shows a call and a result of each).
    static let tools: [Tool] = [
        Tool(
            name: "dandiset_info",
            description:
                "Metadata of a dandiset version: name, description, contributors, assetsSummary (species, approaches, measurement techniques, variables measured), the version read",
            inputSchema: schema(["dandiset_id": dandisetID, "version": version, "offset": offset], required: ["dandiset_id"]),
            annotations: readOnly),
        Tool(
            name: "dandiset_assets",
            description:
                "A dandiset version's assets, a page at a time in path order: path, size in bytes, asset id; the total and the next page",
            inputSchema: schema(
                [
                    "dandiset_id": dandisetID, "version": version,
                    "glob": property("string", "Only assets whose whole path matches this pattern (* the only wildcard, case ignored), e.g. *.nwb or sub-01/*"),
                    "page": property("integer", "The page, from 1", default: 1),
                    "page_size": property("integer", "Assets per page, 1 to \(AssistantCalls.largestAssetPage)", default: 20),
                    "offset": offset,
                ], required: ["dandiset_id"]),
            annotations: readOnly),
        Tool(
            name: "nwb_file_info",
            description:
                "What an NWB file holds, from its metadata only (no bulk data read): session, subject, devices, electrodes, imaging planes, ROIs, units, intervals, acquisition, processing, every object's path, type, shape and dtype. Text as `nwbkit summarize` prints it, or its JSON",
            inputSchema: schema(
                [
                    "path": file,
                    "format": .object([
                        "type": "string", "enum": ["text", "json"], "default": "text",
                        "description": "text (readable) or json (the summary model, one object)",
                    ]),
                    "offset": offset,
                ], required: ["path"]),
            annotations: readOnly),
        Tool(
            name: "nwb_usage_script",
            description:
                "A Python script that opens the file with pynwb (streaming a URL through remfile) and reaches each neurodata object through pynwb's API, with type, shape, dtype, unit, rate and description in comments: a start for analysis code that runs",
            inputSchema: schema(["path": file, "offset": offset], required: ["path"]),
            annotations: readOnly),
        Tool(
            name: "nwb_object",
            description:
                "One object of a file (an HDF5 path such as /acquisition/ElectricalSeries/data): its kind, neurodata type, attributes, shape, dtype, chunking and filters, a group's members, and for a numeric or string dataset a slice of its values: rows start..start+count of the first dimension, within max_bytes (8 bytes a number). The result says when the budget or the dataset's end cut the slice",
            inputSchema: schema(
                [
                    "path": file,
                    "object": property("string", "The object's path inside the file, e.g. /units/spike_times"),
                    "start": property("integer", "The first row (of the first dimension)", default: 0),
                    "count": property("integer", "How many rows", default: 100),
                    "max_bytes": property(
                        "integer", "The byte budget of the values read (at most \(ObjectRequest.largestBudget))",
                        default: .int(ObjectRequest.defaultBudget)),
                    "offset": offset,
                ], required: ["path", "object"]),
            annotations: readOnly),
        Tool(
            name: "check_file",
            description:
                "Best-practice and schema checks of a file (nwbinspector's checks and pynwb's validation): findings with importance, location and message, as `nwbkit check --format json` reports them",
            inputSchema: schema(
                [
                    "path": file,
                    "data_checks": property(
                        "boolean", "Also run the checks that read values (at most 16 MiB of values per file)", default: true),
                    "offset": offset,
                ], required: ["path"]),
            annotations: readOnly),
        Tool(
            name: "dandiset_document",
            description:
                "The DANDI dataset-description document of a dandiset version (its metadata and the structure of each kind of NWB file in it), as `nwbkit dandiset` writes it: the prompt written for a language model to describe the dandiset",
            inputSchema: schema(
                [
                    "dandiset_id": dandisetID, "version": version,
                    "max_files": property("integer", "Read at most this many NWB files in path order (0: all)", default: 100),
                    "offset": offset,
                ], required: ["dandiset_id"]),
            annotations: readOnly),
    ]

    /// The prompts.
    static let prompts: [Prompt] = [
        Prompt(
            name: "describe-dandiset",
            description: "The dataset-description prompt of a dandiset: its metadata and the structure of its NWB files",
            arguments: [
                .init(name: "dandiset_id", description: "A dandiset id (000001 or DANDI:000001)", required: true),
                .init(name: "version", description: "The version (default: the most recent published, else draft)"),
            ])
    ]
}
