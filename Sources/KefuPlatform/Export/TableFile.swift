import KefuDomain

/// An uploaded table (the sheet Kefu exported, filled in elsewhere): XLSX recognised by its ZIP signature, anything
/// else read as CSV, which must be UTF-8 (Excel's "CSV UTF-8"); a GBK/ANSI file is refused with a sentence saying so.
public enum TableFile {
    /// Rows of cell texts; index 0 is the file's first row, blank rows stay (so row numbers in messages match the file).
    public static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 {
            do { return try XLSXReader.firstSheet(bytes) } catch {
                throw AppError.badRequest("file_unreadable", Text("无法读取该 XLSX 文件（文件已损坏或不是 Excel 工作簿）",
                                                                  "The XLSX file cannot be read (damaged, or not an Excel workbook)"))
            }
        }
        if bytes.count >= 8, bytes[0] == 0xD0, bytes[1] == 0xCF, bytes[2] == 0x11, bytes[3] == 0xE0 {
            throw AppError.badRequest("file_unsupported", Text("不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV UTF-8 后再上传",
                                                               "Old .xls files are not supported; save as .xlsx or CSV UTF-8 and upload again"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AppError.badRequest("file_not_utf8", Text("CSV 文件不是 UTF-8 编码（可能是 GBK）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传",
                                                            "The CSV file is not UTF-8 (perhaps GBK): save it from Excel as \"CSV UTF-8 (comma delimited)\" and upload again"))
        }
        return CSV.parse(text, keepBlankLines: true)
    }

    /// Position of each wanted header in the first row, matched after trimming; nil for a header that is absent.
    public static func headerPositions(_ headerRow: [String], wanted: [[String]]) -> [Int?] {
        let cells = headerRow.map { $0.trimmed }
        return wanted.map { names in cells.firstIndex { names.contains($0) } }
    }
}

/// Writing a table as a downloadable file.
public enum TableExport {
    public enum Format: String, Sendable, CaseIterable {
        case xlsx, csv

        /// `?format=xlsx|csv` (or a path ending in .xlsx/.csv); nil for anything else.
        public init?(_ value: String?) {
            guard let v = value?.lowercased() else { return nil }
            self.init(rawValue: v.hasPrefix(".") ? String(v.dropFirst()) : v)
        }

        public var contentType: String {
            switch self {
            case .xlsx: return XLSXWriter.contentType
            case .csv: return "text/csv; charset=utf-8"
            }
        }
    }

    public static func bytes(_ table: ExportTable, as format: Format) -> [UInt8] {
        switch format {
        case .xlsx: return XLSXWriter.workbook(table)
        case .csv: return Array(csvText(table).utf8)
        }
    }

    /// RFC 4180 with a byte-order mark and CRLF (CSV.document): header row, then cells as text (dates yyyy-MM-dd).
    public static func csvText(_ table: ExportTable) -> String {
        CSV.document([table.columns.map(\.header)] + table.rows.map { $0.map(\.csvText) })
    }

    /// Content-Disposition value for a file name that may hold Chinese: an ASCII fallback plus RFC 5987 `filename*`.
    public static func disposition(filename: String) -> String {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        var encoded = ""
        for b in filename.utf8 {
            let c = Character(UnicodeScalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) {
                encoded.append(c)
            } else {
                encoded += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
