/// Office Open XML spreadsheet (.xlsx) writing: one sheet per table, shared strings, a bold frozen header row,
/// numbers as numeric cells (their exact decimal text), dates as date serials with a yyyy-mm-dd style, column widths.
public enum XLSXWriter {
    public static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    public static func workbook(_ tables: [ExportTable]) -> [UInt8] {
        var strings = SharedStrings()
        var sheets: [[UInt8]] = []
        for t in tables { sheets.append(Array(sheetXML(t, strings: &strings).utf8)) }
        var names: [String] = []
        for t in tables {
            var name = t.safeSheetName
            var k = 2
            while names.contains(name) { name = String(t.safeSheetName.prefix(28)) + "(\(k))"; k += 1 }
            names.append(name)
        }
        var members: [ZipArchive.Member] = [
            .init(path: "[Content_Types].xml", bytes: Array(contentTypes(sheetCount: tables.count).utf8)),
            .init(path: "_rels/.rels", bytes: Array(rootRels.utf8)),
            .init(path: "xl/workbook.xml", bytes: Array(workbookXML(names).utf8)),
            .init(path: "xl/_rels/workbook.xml.rels", bytes: Array(workbookRels(sheetCount: tables.count).utf8)),
            .init(path: "xl/styles.xml", bytes: Array(styles.utf8)),
            .init(path: "xl/sharedStrings.xml", bytes: Array(strings.xml().utf8)),
        ]
        for (i, s) in sheets.enumerated() { members.append(.init(path: "xl/worksheets/sheet\(i + 1).xml", bytes: s)) }
        return ZipArchive.write(members)
    }

    public static func workbook(_ table: ExportTable) -> [UInt8] { workbook([table]) }

    /// "A", "B", … "Z", "AA", … for a zero-based column index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// True for a plain decimal text a spreadsheet reads as the same number: optional sign, digits, optional fraction.
    public static func isPlainDecimal(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        guard !u.isEmpty, u.count <= 30 else { return false }
        var dot = false, digits = 0
        for b in u {
            if b == UInt8(ascii: ".") {
                if dot { return false }
                dot = true
            } else if b >= 48, b <= 57 {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && u.last != UInt8(ascii: ".") && u.first != UInt8(ascii: ".")
    }

    struct SharedStrings {
        var index: [String: Int] = [:]
        var list: [String] = []
        var uses = 0

        mutating func id(_ s: String) -> Int {
            uses += 1
            if let i = index[s] { return i }
            index[s] = list.count
            list.append(s)
            return list.count - 1
        }

        func xml() -> String {
            var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            out += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(uses)" uniqueCount="\#(list.count)">"#
            for s in list {
                let space = s.first == " " || s.last == " " || s.contains("\n") ? #" xml:space="preserve""# : ""
                out += "<si><t\(space)>\(XMLText.escape(s))</t></si>"
            }
            return out + "</sst>"
        }
    }

    static func sheetXML(_ t: ExportTable, strings: inout SharedStrings) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        let lastCol = columnName(max(0, t.columns.count - 1))
        out += #"<dimension ref="A1:\#(lastCol)\#(t.rows.count + 1)"/>"#
        out += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !t.columns.isEmpty {
            out += "<cols>"
            for (i, w) in t.widths().enumerated() {
                out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(formatWidth(w))" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        let names = (0..<max(t.columns.count, t.rows.map(\.count).max() ?? 0)).map(columnName)
        out += #"<row r="1">"#
        for (i, c) in t.columns.enumerated() {
            out += #"<c r="\#(names[i])1" s="1" t="s"><v>\#(strings.id(c.header))</v></c>"#
        }
        out += "</row>"
        for (r, row) in t.rows.enumerated() {
            let rn = r + 2
            out += #"<row r="\#(rn)">"#
            for (i, cell) in row.enumerated() {
                let ref = "\(names[i])\(rn)"
                switch cell {
                case .empty: continue
                case .text(let s):
                    if s.isEmpty { continue }
                    out += #"<c r="\#(ref)" t="s"><v>\#(strings.id(s))</v></c>"#
                case .number(let s):
                    if isPlainDecimal(s) {
                        out += #"<c r="\#(ref)"><v>\#(s)</v></c>"#
                    } else if !s.isEmpty {
                        out += #"<c r="\#(ref)" t="s"><v>\#(strings.id(s))</v></c>"#
                    }
                case .date(let s):
                    if let serial = DateSerial.serial(iso: s) {
                        out += #"<c r="\#(ref)" s="2"><v>\#(serial)</v></c>"#
                    } else if !s.isEmpty {
                        out += #"<c r="\#(ref)" t="s"><v>\#(strings.id(s))</v></c>"#
                    }
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        out += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        return out + "</worksheet>"
    }

    static func formatWidth(_ w: Double) -> String {
        let tenths = Int((w * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    static func contentTypes(sheetCount: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...max(1, sheetCount) where i <= sheetCount {
            out += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        out += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        return out + "</Types>"
    }

    static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookXML(_ names: [String]) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += "<sheets>"
        for (i, n) in names.enumerated() {
            out += #"<sheet name="\#(XMLText.escape(n))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return out + "</sheets></workbook>"
    }

    static func workbookRels(sheetCount: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 0..<sheetCount {
            out += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        out += #"<Relationship Id="rId\#(sheetCount + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return out + "</Relationships>"
    }

    /// Style 0 plain, 1 bold header (grey fill, bottom border), 2 date yyyy-mm-dd (custom format 164).
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>"#
        + #"<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        + #"<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
