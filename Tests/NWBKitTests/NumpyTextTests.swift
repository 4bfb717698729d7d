import HDF5
import XCTest

@testable import NWBKit

final class NumpyTextTests: XCTestCase {
    private let vlen = DataType.string(length: nil, charset: .utf8, padding: .nullTerminated)

    private func strings(_ items: [String], shape: [Int]? = nil) -> StoredValue {
        StoredValue(shape: shape ?? [items.count], elements: items.map { .string($0) }, totalCount: items.count)
    }

    func testOneDimensionalStringArrayWrapsAt75Columns() {
        let value = strings(["Tingley, David", "McClain, Kathryn", "Kaya, Ekin", "Carpenter, Jordan", "Buzsáki, György"])
        XCTAssertEqual(
            NumpyText.format(value, type: vlen),
            "['Tingley, David' 'McClain, Kathryn' 'Kaya, Ekin' 'Carpenter, Jordan'\n 'Buzsáki, György']")
    }

    func testEmptyAndSingleElementArrays() {
        XCTAssertEqual(NumpyText.format(strings([]), type: vlen), "[]")
        XCTAssertEqual(
            NumpyText.format(strings(["2021-01-16T20:24:13.973543-05:00"]), type: vlen), "['2021-01-16T20:24:13.973543-05:00']")
        XCTAssertEqual(NumpyText.format(strings(["a\nb"]), type: vlen), "['a\\nb']")
    }

    func testTwoDimensionalArrayNestsRows() {
        let value = strings(["matnwb", "2.8.0"], shape: [1, 2])
        XCTAssertEqual(NumpyText.format(value, type: vlen), "[['matnwb' '2.8.0']]")
        let table = strings(["Program", "Igor Pro 64bit", "Package", "MIES"], shape: [2, 2])
        XCTAssertEqual(NumpyText.format(table, type: vlen), "[['Program' 'Igor Pro 64bit']\n ['Package' 'MIES']]")
    }

    func testScalarsPrintBareAndFixedBytesAsBytes() {
        let text = StoredValue(shape: [], elements: [.string("line one\nline two")], totalCount: 1)
        XCTAssertEqual(NumpyText.format(text, type: vlen), "line one\nline two")
        let bytes = StoredValue(shape: [], elements: [.bytes(Array("20181216T204952".utf8))], totalCount: 1)
        XCTAssertEqual(
            NumpyText.format(bytes, type: .string(length: 15, charset: .ascii, padding: .nullPadded)), "b'20181216T204952'")
        XCTAssertEqual(
            NumpyText.format(bytes, type: .string(length: 15, charset: .ascii, padding: .nullPadded), bytesAsText: true),
            "20181216T204952")
        let float = StoredValue(shape: [], elements: [.float(0.1)], totalCount: 1)
        XCTAssertEqual(NumpyText.format(float, type: .float(size: 4, order: .littleEndian)), "0.1")
        XCTAssertEqual(
            NumpyText.format(
                StoredValue(shape: [], elements: [.float(1e-5)], totalCount: 1), type: .float(size: 8, order: .littleEndian)),
            "1e-05")
    }

    func testNumericArraysArePaddedLikeNumpy() {
        let ints = StoredValue(shape: [3], elements: [.integer(1), .integer(-1), .integer(1)], totalCount: 3)
        XCTAssertEqual(NumpyText.format(ints, type: .integer(size: 8, signed: true, order: .littleEndian)), "[ 1 -1  1]")
        let bools = StoredValue(shape: [2], elements: [.bool(true), .bool(false)], totalCount: 2)
        XCTAssertEqual(NumpyText.format(bools, type: .integer(size: 1, signed: true, order: .notApplicable)), "[ True False]")
        let floats = StoredValue(shape: [2], elements: [.float(1), .float(2.5)], totalCount: 2)
        XCTAssertEqual(NumpyText.format(floats, type: .float(size: 8, order: .littleEndian)), "[1.  2.5]")
    }

    func testLongArraysAreSummarizedWithFirstAndLastThree() {
        let value = strings((0..<1001).map { "s\($0)" })
        XCTAssertEqual(NumpyText.format(value, type: vlen), "['s0' 's1' 's2' ... 's998' 's999' 's1000']")
    }
}
