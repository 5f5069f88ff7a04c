import Foundation
import KefuPlatform
import Testing

/// The XLSX writer and reader checked against a reader/writer not written here: openpyxl (python3; `.ci/run` installs it).
@Suite("Export: XLSX round trip through openpyxl (#12)")
struct OpenpyxlRoundTripTests {
    static func python(_ script: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func exportEditWithOpenpyxlImport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = ExportTable(sheetName: "盘点表", columns: [.init("行号", .number), .init("物料编码"), .init("物料名称"), .init("账面数量", .number),
                                                          .init("盘点日期", .date), .init("实盘数量", .number)],
                                rows: (1...300).map { i in
                                    [.integer(i), .text("M-\(i)"), .text("螺丝<\(i)>&\"垫片\""), .number("\(i).125"), .date("2026-12-01"), .empty]
                                })
        let file = dir.appendingPathComponent("in.xlsx"), edited = dir.appendingPathComponent("out.xlsx")
        try Data(XLSXWriter.workbook(table)).write(to: file)
        let script = """
        import sys, datetime, openpyxl
        from openpyxl.styles import Font
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.active
        assert ws.title == "盘点表", ws.title
        assert [c.value for c in ws[1]] == ["行号", "物料编码", "物料名称", "账面数量", "盘点日期", "实盘数量"], [c.value for c in ws[1]]
        assert ws["A1"].font.b, "header not bold"
        assert ws.column_dimensions["C"].width >= 10, ws.column_dimensions["C"].width
        assert ws["A2"].value == 1 and isinstance(ws["A2"].value, int), repr(ws["A2"].value)
        assert ws["D2"].value == 1.125, repr(ws["D2"].value)
        assert ws["E2"].value == datetime.datetime(2026, 12, 1), repr(ws["E2"].value)
        assert ws["E2"].is_date
        assert ws["C2"].value == '螺丝<1>&"垫片"', ws["C2"].value
        assert ws.max_row == 301, ws.max_row
        for r in range(2, 302):
            ws.cell(row=r, column=6, value=r * 1.5)
        ws["F3"] = 0.1 + 0.2
        ws["F4"] = "七"
        ws["C5"] = "改过的名称 ü"
        ws["E6"] = datetime.date(2027, 1, 31)
        wb.save(sys.argv[2])
        print("ok")
        """
        let (status, output) = try Self.python(script, [file.path, edited.path])
        #expect(status == 0, "openpyxl: \(output)")
        guard status == 0 else { return }
        let rows = try XLSXReader.firstSheet(Array(try Data(contentsOf: edited)))
        #expect(rows.count == 301)
        #expect(rows[0] == ["行号", "物料编码", "物料名称", "账面数量", "盘点日期", "实盘数量"])
        #expect(rows[1] == ["1", "M-1", "螺丝<1>&\"垫片\"", "1.125", "2026-12-01", "3"])
        #expect(rows[2][5] == "0.3")
        #expect(rows[3][5] == "七")
        #expect(rows[4][2] == "改过的名称 ü")
        #expect(rows[5][4] == "2027-01-31")
        #expect(rows[300][5] == "451.5")
    }
}
