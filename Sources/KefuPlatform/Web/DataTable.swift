/// #11.5: the list tables. Every cell carries its column's label (`data-label`), so on a phone (≤ 600 px) the stylesheet
/// (`Assets.stackedTablesCSS`) draws each row as a card of label–value lines instead of a table that scrolls sideways.
public enum DataTable {
    public struct Cell: Sendable {
        public let html: HTML
        public let cls: String
        /// Columns the cell covers in a table (`colspan`); its label is that of the first, unless `label` is given.
        public let span: Int
        /// The label shown on a phone instead of the column's ("" hides it: the value stands alone as a heading line).
        public let label: String?
        /// The cell's own id (a total the page points to).
        public let id: String?

        public init(_ html: HTML, class cls: String = "", span: Int = 1, label: String? = nil, id: String? = nil) {
            self.html = html
            self.cls = cls
            self.span = max(1, span)
            self.label = label
            self.id = id
        }
    }

    public struct Row: Sendable {
        public let cells: [Cell]
        /// The row's own attributes (class, data-id …), already escaped.
        public let attributes: HTML

        public init(_ cells: [Cell], attributes: HTML = .empty) {
            self.cells = cells
            self.attributes = attributes
        }

        public init(plain cells: [HTML], attributes: HTML = .empty) {
            self.init(cells.map { Cell($0) }, attributes: attributes)
        }
    }

    /// `<table id class="stack">` with one header row of `headers` (in the reader's language) and `rows`; `footer` rows
    /// (totals) go in a `<tfoot>`, labelled the same way.
    public static func render(id: String, headers: [String], rows: [Row], cls: String = "", footer: [Row] = []) -> HTML {
        let head: [HTML] = headers.map { "<th scope=\"col\">\($0)</th>" }
        func draw(_ row: Row) -> HTML {
            var column = 0
            let cells: [HTML] = row.cells.map { cell in
                let label = cell.label ?? (column < headers.count ? headers[column] : "")
                column += cell.span
                let cls: HTML = cell.cls.isEmpty ? .empty : " class=\"\(cell.cls)\""
                let span: HTML = cell.span > 1 ? " colspan=\"\(String(cell.span))\"" : .empty
                let id: HTML = cell.id.map { " id=\"\($0)\"" } ?? .empty
                return "<td\(id)\(cls)\(span) data-label=\"\(label)\">\(cell.html)</td>"
            }
            let attributes: HTML = row.attributes.raw.isEmpty ? .empty : HTML(raw: " " + row.attributes.raw)
            return "<tr\(attributes)>\(cells)</tr>"
        }
        let foot: HTML = footer.isEmpty ? .empty : "<tfoot>\(footer.map(draw))</tfoot>"
        let classes = cls.isEmpty ? "stack" : "stack " + cls
        return "<table id=\"\(id)\" class=\"\(classes)\"><thead><tr>\(head)</tr></thead><tbody>\(rows.map(draw))</tbody>\(foot)</table>"
    }
}
