/// RFC 4180 CSV: fields separated by commas, quoted with double quotes when they hold a comma, quote or line break.
public enum CSV {
    /// Rows of fields; a UTF-8 byte-order mark at the start (Excel writes one) is dropped; blank lines are skipped,
    /// or kept as empty rows with `keepBlankLines` (so row numbers match the file's lines, #12 imports).
    public static func parse(_ text: String, keepBlankLines: Bool = false) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) } else if keepBlankLines { rows.append([]) }
            row = []
        }
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"": quoted = true
                case ",": row.append(field); field = ""
                case "\r": if i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }; endRow()
                case "\n": endRow()
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// #10.12: a text cell starting with = + - @, a tab or a carriage return would run as a formula in a spreadsheet
    /// (`=HYPERLINK(...)`): it gets a leading apostrophe. A number (`-5`, `+2.5`) stays a number.
    public static func neutralised(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(f) else { return s }
        if f == "-" || f == "+", Quantity.parse(s) != nil { return s }
        return "'" + s
    }

    /// One cell of a CSV export: neutralised (#10.12), then quoted when it holds a comma, quote or line break.
    public static func field(_ s: String) -> String {
        let v = neutralised(s)
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// CRLF lines with a byte-order mark, so Excel opens Chinese text correctly.
    public static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
