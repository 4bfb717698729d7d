import CHDF5

/// The shape of a dataset or attribute.
public struct Dataspace: Sendable, Equatable, Codable {
    /// `scalar` (one element, shape `()`), `simple` (an n-dimensional array) or `null` (no elements).
    public enum Kind: String, Sendable, Codable { case scalar, simple, null }

    public var kind: Kind
    /// Current extent per dimension; empty for scalar and null spaces.
    public var dimensions: [Int]
    /// Maximum extent per dimension; `nil` where a dimension is unlimited.
    public var maxDimensions: [Int?]

    public init(kind: Kind, dimensions: [Int], maxDimensions: [Int?]) {
        self.kind = kind
        self.dimensions = dimensions
        self.maxDimensions = maxDimensions
    }

    /// Number of elements, saturating rather than overflowing on absurd extents.
    public var elementCount: Int {
        switch kind {
        case .null: return 0
        case .scalar: return 1
        case .simple: return dimensions.saturatingProduct
        }
    }

    /// Describes the dataspace behind `spaceID` (owned by the caller).
    static func read(_ spaceID: hid_t) -> Dataspace {
        switch H5Sget_simple_extent_type(spaceID) {
        case H5S_SCALAR:
            return Dataspace(kind: .scalar, dimensions: [], maxDimensions: [])
        case H5S_NULL:
            return Dataspace(kind: .null, dimensions: [], maxDimensions: [])
        default:
            let rank = Int(H5Sget_simple_extent_ndims(spaceID))
            guard rank > 0 else {
                HDF5Library.clearErrors()
                return Dataspace(kind: rank == 0 ? .scalar : .null, dimensions: [], maxDimensions: [])
            }
            var dims = [hsize_t](repeating: 0, count: rank)
            var maxDims = [hsize_t](repeating: 0, count: rank)
            _ = H5Sget_simple_extent_dims(spaceID, &dims, &maxDims)
            let unlimited = chdf5_unlimited()
            return Dataspace(
                kind: .simple,
                dimensions: dims.map { Int(clamping: $0) },
                maxDimensions: maxDims.map { $0 == unlimited ? nil : Int(clamping: $0) })
        }
    }
}

extension Sequence where Element == Int {
    /// The product of the elements, `Int.max` when it would overflow (declared shapes can be absurd: a
    /// chunked dataset of shape (2^32, 2^32) stores nothing yet has 2^64 elements).
    public var saturatingProduct: Int {
        var total = 1
        for value in self {
            let (product, overflow) = total.multipliedReportingOverflow(by: value)
            if overflow { return Int.max }
            total = product
        }
        return total
    }
}
