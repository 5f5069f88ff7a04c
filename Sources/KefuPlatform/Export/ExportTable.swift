import KefuDomain

/// A list as a table any page or API can hand out as XLSX or CSV: headers already in the reader's language,
/// one kind per column, cells typed so numbers stay numbers and dates stay dates.
public struct ExportTable: Sendable {
    public enum Kind: Sendable { case text, number, date }

    public struct Column: Sendable {
        public let header: String
        public let kind: Kind
        /// Width in characters; nil = fitted to the widest cell (CJK characters count double).
        public let width: Double?

        public init(_ header: String, _ kind: Kind = .text, width: Double? = nil) {
            self.header = header
            self.kind = kind
            self.width = width
        }

        public init(_ header: Text, _ kind: Kind = .text, width: Double? = nil, locale: AppLocale) {
            self.init(header(locale), kind, width: width)
        }
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        /// An exact decimal written as its text ("12", "-3.5", "0.125"); never goes through a binary float here.
        case number(String)
        /// An ISO date "yyyy-MM-dd" (a longer ISO timestamp keeps only its date).
        case date(String)
        case empty

        public static func quantity(_ q: Quantity) -> Cell { .number(q.text) }
        public static func integer(_ v: Int) -> Cell { .number(String(v)) }
        public static func optionalText(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }

        /// The text a CSV file carries for this cell.
        public var csvText: String {
            switch self {
            case .text(let s), .number(let s): return s
            case .date(let s): return String(s.prefix(10))
            case .empty: return ""
            }
        }
    }

    public let sheetName: String
    public let columns: [Column]
    public let rows: [[Cell]]

    public init(sheetName: String, columns: [Column], rows: [[Cell]]) {
        self.sheetName = sheetName
        self.columns = columns
        self.rows = rows
    }

    /// A valid worksheet name: at most 31 characters, none of \ / ? * [ ] :, never empty.
    var safeSheetName: String {
        let cleaned = String(sheetName.filter { !"\\/?*[]:".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }

    /// Column widths in characters: the given one or the widest cell's display width, between 6 and 60.
    func widths() -> [Double] {
        columns.enumerated().map { i, col in
            if let w = col.width { return w }
            var widest = Self.displayWidth(col.header)
            for row in rows where i < row.count { widest = max(widest, Self.displayWidth(row[i].csvText)) }
            return min(60, max(6, Double(widest) + 2))
        }
    }

    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }
}
