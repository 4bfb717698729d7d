import NWBSupport
import XCTest

@testable import HDF5

final class NumpyNotationTests: XCTestCase {
    func testNumericTypesPrintAsNumpyNames() {
        XCTAssertEqual(DataType.float(size: 8, order: .littleEndian).numpyDescription, "float64")
        XCTAssertEqual(DataType.float(size: 2, order: .littleEndian).numpyDescription, "float16")
        XCTAssertEqual(DataType.integer(size: 1, signed: false, order: .notApplicable).numpyDescription, "uint8")
        XCTAssertEqual(DataType.integer(size: 4, signed: true, order: .bigEndian).numpyDescription, ">i4")
        XCTAssertEqual(DataType.float(size: 8, order: .bigEndian).numpyDescription, ">f8")
    }

    func testStringsReferencesAndVariableLengthAreObjectsOrBytes() {
        XCTAssertEqual(DataType.string(length: nil, charset: .utf8, padding: .nullTerminated).numpyDescription, "object")
        XCTAssertEqual(DataType.string(length: 5, charset: .ascii, padding: .nullPadded).numpyDescription, "|S5")
        XCTAssertEqual(DataType.reference(.object).numpyDescription, "object")
        XCTAssertEqual(
            DataType.variableLength(base: .integer(size: 4, signed: true, order: .littleEndian)).numpyDescription, "object")
        XCTAssertEqual(DataType.opaque(size: 8, tag: "x").numpyDescription, "|V8")
    }

    func testHDF5BooleanEnumIsBool() {
        let bool = DataType.enumeration(
            base: .integer(size: 1, signed: true, order: .notApplicable),
            members: [EnumMember(name: "FALSE", value: 0), EnumMember(name: "TRUE", value: 1)])
        XCTAssertEqual(bool.numpyDescription, "bool")
        XCTAssertEqual(bool.fieldCode, "?")
        let other = DataType.enumeration(
            base: .integer(size: 2, signed: false, order: .littleEndian), members: [EnumMember(name: "A", value: 0)])
        XCTAssertEqual(other.numpyDescription, "uint16")
    }

    func testPackedCompoundPrintsAsFieldList() {
        let compound = DataType.compound(
            size: 16,
            members: [
                CompoundMember(name: "idx_start", offset: 0, type: .integer(size: 4, signed: true, order: .littleEndian)),
                CompoundMember(name: "count", offset: 4, type: .integer(size: 4, signed: true, order: .littleEndian)),
                CompoundMember(name: "timeseries", offset: 8, type: .reference(.object)),
            ])
        XCTAssertEqual(compound.numpyDescription, "[('idx_start', '<i4'), ('count', '<i4'), ('timeseries', 'O')]")
    }

    func testCompoundWithGapsPrintsAsDictAndRepacksForLindi() {
        let compound = DataType.compound(
            size: 20,
            members: [
                CompoundMember(name: "start", offset: 0, type: .float(size: 8, order: .littleEndian)),
                CompoundMember(name: "region", offset: 8, type: .reference(.region)),
            ])
        XCTAssertEqual(
            compound.numpyDescription,
            "{'names': ['start', 'region'], 'formats': ['<f8', 'O'], 'offsets': [0, 8], 'itemsize': 20}")
        XCTAssertEqual(compound.repackedNumpyDescription, "[('start', '<f8'), ('region', 'O')]")
    }

    func testComplexCompoundAndArrayFields() {
        let complex = DataType.compound(
            size: 16,
            members: [
                CompoundMember(name: "r", offset: 0, type: .float(size: 8, order: .littleEndian)),
                CompoundMember(name: "i", offset: 8, type: .float(size: 8, order: .littleEndian)),
            ])
        XCTAssertEqual(complex.numpyDescription, "complex128")
        let withArray = DataType.compound(
            size: 13,
            members: [
                CompoundMember(name: "flag", offset: 0, type: .integer(size: 1, signed: true, order: .notApplicable)),
                CompoundMember(
                    name: "xyz", offset: 1, type: .array(base: .float(size: 4, order: .littleEndian), dimensions: [3])),
            ])
        XCTAssertEqual(withArray.numpyDescription, "[('flag', 'i1'), ('xyz', '<f4', (3,))]")
    }

    func testShapesAreTuples() {
        XCTAssertEqual(DataType.tuple([]), "()")
        XCTAssertEqual(DataType.tuple([1276]), "(1276,)")
        XCTAssertEqual(DataType.tuple([30, 5]), "(30, 5)")
    }

    func testPythonReprQuotesAndEscapes() {
        XCTAssertEqual(PythonRepr.string("plain"), "'plain'")
        XCTAssertEqual(PythonRepr.string("O'Connor, Daniel H"), "\"O'Connor, Daniel H\"")
        XCTAssertEqual(PythonRepr.string("both ' and \""), "'both \\' and \"'")
        XCTAssertEqual(PythonRepr.string("line\nnext\ttab\\"), "'line\\nnext\\ttab\\\\'")
        XCTAssertEqual(PythonRepr.string("zero\u{200B}width"), "'zero\\u200bwidth'")
        XCTAssertEqual(PythonRepr.string("Buzsáki"), "'Buzsáki'")
        XCTAssertEqual(PythonRepr.string("\u{07}"), "'\\x07'")
        XCTAssertEqual(PythonRepr.bytes(Array("a recording".utf8)), "b'a recording'")
        XCTAssertEqual(PythonRepr.bytes([0xB5, 0x41]), "b'\\xb5A'")
    }
}
