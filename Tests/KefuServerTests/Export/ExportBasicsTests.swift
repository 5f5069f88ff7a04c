import Foundation
import KefuPlatform
import Testing

@Suite("Export: XML, date serials, CRC-32, ZIP, CSV (#12 XLSX/CSV base)")
struct ExportBasicsTests {
    @Test func dateSerialsMatchExcel() {
        #expect(DateSerial.serial(year: 1900, month: 1, day: 1) == 1)
        #expect(DateSerial.serial(year: 1900, month: 2, day: 28) == 59)
        #expect(DateSerial.serial(year: 1900, month: 3, day: 1) == 61)
        #expect(DateSerial.serial(year: 2026, month: 12, day: 1) == 46357)
        #expect(DateSerial.serial(iso: "2024-02-29") == 45351)
        #expect(DateSerial.serial(iso: "2023-02-29") == nil)
        #expect(DateSerial.serial(iso: "2026/12/01") == nil)
        #expect(DateSerial.isoText(serial: 46357) == "2026-12-01")
        #expect(DateSerial.isoText(serial: 1) == "1900-01-01")
        #expect(DateSerial.isoText(serial: 61) == "1900-03-01")
        for s in stride(from: 61, to: 80000, by: 997) {
            let iso = DateSerial.isoText(serial: s)!
            #expect(DateSerial.serial(iso: iso) == s)
        }
    }

    @Test func xmlEscapingAndUnescaping() {
        #expect(XMLText.escape("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos;")
        #expect(XMLText.unescape("x &amp;&lt;&#20013;&#x6587;&unknown; y") == "x &<中文&unknown; y")
        let events = try? XMLText.events(Array("<?xml version=\"1.0\"?><a x:b='1 &amp; 2'><c/>t&lt;<![CDATA[<raw>]]></a>".utf8))
        #expect(events == [.start("a", ["b": "1 & 2"], empty: false), .start("c", [:], empty: true), .text("t<"), .text("<raw>"), .end("a")])
    }

    @Test func crc32KnownValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func zipRoundTripAndDamageDetected() throws {
        let members = [ZipArchive.Member(path: "a.txt", bytes: Array("你好".utf8)), .init(path: "dir/b.bin", bytes: Array(0..<255))]
        var zip = ZipArchive.write(members)
        let back = try ZipArchive.read(zip)
        #expect(back["a.txt"] == Array("你好".utf8))
        #expect(back["dir/b.bin"] == Array(0..<255))
        zip[40] ^= 0xFF
        #expect(throws: ZipArchive.Failure.self) { try ZipArchive.read(zip) }
    }

    @Test func inflateFixedAndDynamicBlocks() throws {
        // zlib.compressobj(9, DEFLATED, -15).compress(b"abcabcabcabc hello hello hello") + flush()
        let fixed: [UInt8] = [0x4B, 0x4C, 0x4A, 0x4E, 0x84, 0x21, 0x85, 0x8C, 0xD4, 0x9C, 0x9C, 0x7C, 0x64, 0x12, 0x00]
        #expect(String(decoding: try Inflate.decompress(fixed, limit: 1000), as: UTF8.self) == "abcabcabcabc hello hello hello")
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress(fixed, limit: 5) }
    }

    @Test func plainDecimalsFromSpreadsheetNumbers() {
        #expect(XLSXReader.plainDecimal("12") == "12")
        #expect(XLSXReader.plainDecimal("12.50") == "12.5")
        #expect(XLSXReader.plainDecimal("1.5E-3") == "0.0015")
        #expect(XLSXReader.plainDecimal("2.5e3") == "2500")
        #expect(XLSXReader.plainDecimal("2.3000000000000003") == "2.3")
        #expect(XLSXReader.plainDecimal("0.30000000000000004") == "0.3")
        #expect(XLSXReader.plainDecimal("-7.0") == "-7")
        #expect(XLSXReader.plainDecimal("abc") == "abc")
    }

    @Test func csvKeepsRowNumbersAndRefusesGBK() throws {
        let rows = try TableFile.rows(Array("\u{FEFF}编码,数量\r\n\r\nA-1,\"3,5\"\r\n".utf8))
        #expect(rows == [["编码", "数量"], [], ["A-1", "3,5"]])
        // "编码" in GBK
        #expect(throws: AppError.self) { try TableFile.rows([0xB1, 0xE0, 0xC2, 0xEB, 0x2C, 0x31]) }
        do { _ = try TableFile.rows([0xB1, 0xE0, 0xC2, 0xEB]) } catch let e as AppError { #expect(e.code == "file_not_utf8") }
    }

    @Test func tableToCSVAndXLSXReadsBack() throws {
        let table = ExportTable(sheetName: "盘点表", columns: [.init("物料编码"), .init("数量", .number), .init("日期", .date)],
                                rows: [[.text("=cmd"), .number("12.125"), .date("2026-12-01")], [.text("螺丝 M8"), .number("-3"), .empty]])
        let csv = TableExport.csvText(table)
        #expect(csv.hasPrefix("\u{FEFF}物料编码,数量,日期\r\n'=cmd,12.125,2026-12-01\r\n"))
        let rows = try TableFile.rows(TableExport.bytes(table, as: .xlsx))
        #expect(rows == [["物料编码", "数量", "日期"], ["=cmd", "12.125", "2026-12-01"], ["螺丝 M8", "-3"]])
        #expect(TableExport.disposition(filename: "盘点 1.xlsx").contains("filename*=UTF-8''%E7%9B%98%E7%82%B9%201.xlsx"))
    }
}
