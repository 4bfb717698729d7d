import Foundation

/// The options of `nwbkit check` that decide which checks a file gets, as a value: the command builds
/// one from its flags, a worker process gets it in its configuration, and both build the same
/// `CheckOptions` from it (`CheckOptions(_:)`).
public struct CheckRequest: Codable, Sendable, Equatable {
    /// Only these checks (comma-separated ids), when given.
    public var select: String?
    /// Not these checks (comma-separated ids).
    public var ignore: String?
    /// Only the rules file, no built-in check.
    public var noBestPractices = false
    /// A lab's rules file.
    public var rules: String?
    /// Folders of namespace YAML files for files without cached specifications (`--schema`).
    public var schema: [String] = []
    /// Whether the data checks read values.
    public var dataChecks = true
    /// The bytes of values the data checks may read per file.
    public var dataBytes = CheckDataReader.defaultAllowance

    public init(
        select: String? = nil, ignore: String? = nil, noBestPractices: Bool = false, rules: String? = nil,
        schema: [String] = [], dataChecks: Bool = true, dataBytes: Int = CheckDataReader.defaultAllowance
    ) {
        self.select = select
        self.ignore = ignore
        self.noBestPractices = noBestPractices
        self.rules = rules
        self.schema = schema
        self.dataChecks = dataChecks
        self.dataBytes = dataBytes
    }

    /// The ids of a comma-separated list.
    public static func ids(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension CheckOptions {
    /// The checks and rules `request` asks for; throws a `RulesError` for a rules file and a
    /// `SchemaFolder.Problem` for a schema folder that cannot be used.
    public init(_ request: CheckRequest) throws {
        self.init()
        dataChecks = request.dataChecks
        dataAllowance = request.dataBytes
        if request.noBestPractices {
            checks = []
            checkUniqueIdentifiers = false
        } else {
            filter(select: CheckRequest.ids(request.select), ignore: CheckRequest.ids(request.ignore))
        }
        if let rules = request.rules { self.rules = try RulesFile.load(rules) }
        if !request.schema.isEmpty { useSchema(try SchemaFolder.documents(in: request.schema)) }
    }
}
