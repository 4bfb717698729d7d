import Foundation
import HDF5
import NWBCatalogs
import NWBCheck
import NWBDandi
import NWBJSON
import NWBKit
import NWBRendering
import NWBSupport

/// libFuzzer entry: the bytes NWBKit interprets itself — JSON and YAML metadata, Mustache templates,
/// worker replies, ages, species and dates, Python and numpy printing of attribute text.
/// Build and run: Fuzz/run.sh (see README, "Fuzzing").
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    // JSON: ordered parse, Python literal printing, JSONB order, re-indent.
    if let value = try? OrderedJSON.parse(bytes: bytes) {
        _ = PythonLiteral.repr(value.inJSONBOrder)
        _ = JSONReindent.pretty(bytes)
    }
    _ = try? FastJSONDecoder().decode(FileSummary.self, from: bytes)
    _ = try? FastJSONDecoder().decode([String: JSONValue].self, from: bytes)
    // YAML metadata and templates.
    _ = try? MetadataFile.parse(text, yaml: true)
    if let template = try? DocumentTemplate(text: text, source: "fuzz") {
        _ = try? template.render(["types": [1, 2]])
    }
    // Rules files, report escaping, names from files that become output paths.
    if let rules = try? RulesFile.parse(text, source: "fuzz") {
        var options = CheckOptions()
        options.rules = rules
        _ = CheckReport(files: [], findings: []).rendered(
            as: .junit, settings: CheckReportSettings(threshold: .critical, checks: options.describedChecks))
    }
    let finding = Finding(check: "fuzz", importance: .critical, message: text, file: text, location: "/", objectType: nil)
    for format in CheckReportFormat.allCases {
        // Paths made relative to a working directory, as GitHub and SARIF reports write them.
        let settings = CheckReportSettings(
            threshold: .critical, checks: [CheckDescription(id: "fuzz", importance: .critical, flags: text)],
            workingDirectory: "/tmp/fuzz", maximumAnnotations: 1)
        _ = CheckReport(files: [text], findings: [finding]).rendered(as: format, settings: settings)
    }
    let component = SafePath.component(text)
    precondition(!component.contains("/") && !component.hasPrefix(".") && !component.isEmpty, "unsafe name from \(text)")
    if let resolved = SafePath.resolve(text, under: URL(fileURLWithPath: "/tmp/nwbkit-fuzz-root")) {
        precondition(resolved.path.hasPrefix("/tmp/nwbkit-fuzz-root/"), "\(text) escaped the output folder")
    }
    _ = PathPattern(text).matches("/acquisition/TwoPhotonSeries/data")
    // Values NWB files carry as text.
    _ = try? DandiNormalization.age(text)
    _ = try? DandiNormalization.species(text)
    _ = try? DandiNormalization.sex(text)
    _ = ISODate.pythonISOFormat(text, naiveAsUTC: true)
    _ = DandiNormalization.isISODuration(text)
    _ = PythonRepr.string(text)
    _ = PythonRepr.bytes(bytes)
    let elements = text.split(separator: "\n").map { ScalarValue.string(String($0)) }
    let value = StoredValue(shape: [elements.count], elements: elements, totalCount: elements.count)
    _ = NumpyText.format(value, type: .string(length: nil, charset: .utf8, padding: .nullTerminated))
    return 0
}

/// libFuzzer's driver, for the entry point SwiftPM links as this executable's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("NWBKitFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
