/// Office Open XML spreadsheet (.xlsx) reading, for files written by Kefu, Excel, WPS or openpyxl: the first worksheet
/// as rows of cell texts. Shared, inline and formula strings are read as text; numeric cells as plain decimal text
/// (exponents expanded, binary-float noise beyond 15 significant digits rounded as Excel shows it); numeric cells with
/// a date style as "yyyy-MM-dd"; booleans as TRUE/FALSE.
public enum XLSXReader {
    public enum Failure: Error, Equatable { case notSpreadsheet(String) }

    /// Rows of the first worksheet; index 0 is spreadsheet row 1, gaps are empty rows, short rows are padded.
    public static func firstSheet(_ bytes: [UInt8]) throws -> [[String]] {
        let members = try ZipArchive.read(bytes)
        guard let workbook = members["xl/workbook.xml"] else { throw Failure.notSpreadsheet("xl/workbook.xml missing") }
        let sheetPath = try firstSheetPath(workbook: workbook, rels: members["xl/_rels/workbook.xml.rels"], members: members)
        guard let sheet = members[sheetPath] else { throw Failure.notSpreadsheet("\(sheetPath) missing") }
        let strings = try members["xl/sharedStrings.xml"].map(sharedStrings) ?? []
        let dateStyles = try members["xl/styles.xml"].map(dateStyleIndexes) ?? []
        return try rows(sheet, strings: strings, dateStyles: dateStyles)
    }

    static func firstSheetPath(workbook: [UInt8], rels: [UInt8]?, members: [String: [UInt8]]) throws -> String {
        var relId: String?
        for e in try XMLText.events(workbook) {
            if case .start("sheet", let a, _) = e { relId = a["id"]; break }
        }
        if let relId, let rels {
            for e in try XMLText.events(rels) {
                if case .start("Relationship", let a, _) = e, a["Id"] == relId, let target = a["Target"] {
                    if target.hasPrefix("/") { return String(target.dropFirst()) }
                    return "xl/" + target
                }
            }
        }
        if members["xl/worksheets/sheet1.xml"] != nil { return "xl/worksheets/sheet1.xml" }
        throw Failure.notSpreadsheet("no worksheet")
    }

    /// Each <si>: its <t> texts joined (rich-text runs), phonetic hints (<rPh>) left out.
    static func sharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var out: [String] = []
        var current = ""
        var inT = false, inPhonetic = false, inSI = false
        for e in try XMLText.events(bytes) {
            switch e {
            case .start("si", _, let empty):
                if empty { out.append("") } else { inSI = true; current = "" }
            case .end("si"):
                out.append(current)
                inSI = false
            case .start("rPh", _, let empty): inPhonetic = !empty
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let empty): inT = !empty
            case .end("t"): inT = false
            case .text(let s): if inSI, inT, !inPhonetic { current += s }
            default: break
            }
        }
        return out
    }

    /// Indexes into cellXfs whose number format shows a date.
    static func dateStyleIndexes(_ bytes: [UInt8]) throws -> Set<Int> {
        var custom: [Int: String] = [:]
        var xfFormats: [Int] = []
        var inCellXfs = false
        for e in try XMLText.events(bytes) {
            switch e {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
            case .start("cellXfs", _, let empty): inCellXfs = !empty
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                xfFormats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        var dates = Set<Int>()
        for (i, id) in xfFormats.enumerated() {
            if let code = custom[id] {
                if isDateFormat(code) { dates.insert(i) }
            } else if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) {
                dates.insert(i)
            }
        }
        return dates
    }

    /// A format code showing a date or time: y, m, d, h or s outside quotes, brackets and escapes (so "0.00" and "[Red]0" are not).
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": if !quoted { bracket = true }
            case "]": if !quoted { bracket = false }
            case "y", "m", "d", "h", "s": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }

    static func rows(_ bytes: [UInt8], strings: [String], dateStyles: Set<Int>) throws -> [[String]] {
        var grid: [Int: [Int: String]] = [:]
        var rowNumber = 0, colNumber = 0
        var cellType = "n", cellStyle = 0, cellRef: (Int, Int)?
        var value = "", inV = false, inT = false, inIs = false, inCell = false
        for e in try XMLText.events(bytes) {
            switch e {
            case .start("row", let a, _):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                colNumber = 0
            case .start("c", let a, let empty):
                cellType = a["t"] ?? "n"
                cellStyle = a["s"].flatMap { Int($0) } ?? 0
                if let r = a["r"], let ref = cellReference(r) { cellRef = ref } else { cellRef = (rowNumber, colNumber + 1) }
                if let cellRef { rowNumber = cellRef.0; colNumber = cellRef.1 }
                value = ""
                inCell = !empty
            case .start("v", _, let empty): inV = !empty
            case .end("v"): inV = false
            case .start("is", _, _): inIs = true
            case .end("is"): inIs = false
            case .start("t", _, let empty): inT = !empty
            case .end("t"): inT = false
            case .start("rPh", _, _): inT = false
            case .text(let s):
                if inCell, inV || (inIs && inT) { value += s }
            case .end("c"):
                inCell = false
                guard let (r, c) = cellRef else { break }
                let text = cellText(type: cellType, raw: value, style: cellStyle, strings: strings, dateStyles: dateStyles)
                if !text.isEmpty { grid[r, default: [:]][c] = text }
            default: break
            }
        }
        guard let lastRow = grid.keys.max() else { return [] }
        var out: [[String]] = []
        out.reserveCapacity(lastRow)
        for r in 1...lastRow {
            guard let cells = grid[r], let lastCol = cells.keys.max() else { out.append([]); continue }
            out.append((1...lastCol).map { cells[$0] ?? "" })
        }
        return out
    }

    static func cellText(type: String, raw: String, style: Int, strings: [String], dateStyles: Set<Int>) -> String {
        switch type {
        case "s": return Int(raw.trimmed).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
        case "inlineStr", "str": return raw
        case "b": return raw.trimmed == "1" ? "TRUE" : "FALSE"
        case "e": return raw
        case "d": return String(raw.prefix(10))
        default:
            let t = raw.trimmed
            guard !t.isEmpty else { return "" }
            if dateStyles.contains(style), let serial = Double(t), let iso = DateSerial.isoText(serial: Int(serial.rounded(.down))) {
                return iso
            }
            return plainDecimal(t)
        }
    }

    /// "1.5E-3" → "0.0015", "2.3000000000000003" → "2.3", "12" → "12"; anything else unchanged.
    public static func plainDecimal(_ s: String) -> String {
        var t = Substring(s)
        var negative = false
        if t.first == "-" { negative = true; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        var exponent = 0
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(t[t.index(after: e)...]) else { return s }
            exponent = x
            t = t[..<e]
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.first ?? "").isEmpty || parts.count == 2 else { return s }
        let whole = parts[0], frac = parts.count == 2 ? parts[1] : ""
        guard (whole + frac).allSatisfy({ $0.isASCII && $0.isNumber }), !(whole + frac).isEmpty else { return s }
        // Digits with the decimal point after `point` of them.
        var digits = Array((whole + frac).utf8).map { Int($0) - 48 }
        var point = whole.count + exponent
        // Drop leading zeros (keeping the point in place).
        while digits.count > 1, digits[0] == 0 { digits.removeFirst(); point -= 1 }
        // Round to 15 significant digits, as a spreadsheet shows a binary double.
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits = Array(digits.prefix(15))
            if roundUp {
                var k = 14
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0); point += 1 }
            }
        }
        var intPart: String, fracPart: String
        if point <= 0 {
            intPart = "0"
            fracPart = String(repeating: "0", count: -point) + digits.map(String.init).joined()
        } else if point >= digits.count {
            intPart = digits.map(String.init).joined() + String(repeating: "0", count: point - digits.count)
            fracPart = ""
        } else {
            intPart = digits[..<point].map(String.init).joined()
            fracPart = digits[point...].map(String.init).joined()
        }
        while intPart.count > 1, intPart.first == "0" { intPart.removeFirst() }
        while fracPart.last == "0" { fracPart.removeLast() }
        let body = fracPart.isEmpty ? intPart : intPart + "." + fracPart
        return negative && body != "0" ? "-" + body : body
    }

    /// "B12" → (row 12, column 2).
    static func cellReference(_ ref: String) -> (Int, Int)? {
        var col = 0, row = 0, seenDigit = false
        for u in ref.utf8 {
            if u >= 65, u <= 90, !seenDigit { col = col * 26 + Int(u - 64) } else if u >= 97, u <= 122, !seenDigit { col = col * 26 + Int(u - 96) } else if u >= 48, u <= 57 {
                seenDigit = true
                row = row * 10 + Int(u - 48)
            } else { return nil }
        }
        return col > 0 && row > 0 ? (row, col) : nil
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
