/// #14 item 1 (WO-04): the materials used on a work order when its unit has a materials store — typed one per line as
/// the item's code and the quantity, e.g. "JF-DN15 2", "JF-DN15 × 2 个", "DX-2.5*1.5 米" (what follows the quantity is a
/// note, such as the unit). Each line becomes a line of the store's issue document (出库). Without a store the
/// materials stay free text and this rule is not used.
public enum WorkOrderMaterialLines {
    public struct Line: Equatable, Sendable {
        public let itemCode: String
        public let quantity: Quantity
        public let note: String

        public init(itemCode: String, quantity: Quantity, note: String) {
            self.itemCode = itemCode; self.quantity = quantity; self.note = note
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// More than `maxLines` lines.
        case tooMany
        /// The 1-based line has a code but no quantity after it.
        case noQuantity(line: Int)
        /// The 1-based line's quantity is not a number above zero with at most three decimals.
        case badQuantity(line: Int)
    }

    public static let maxLines = 30

    /// The lines typed; blank lines are skipped; an empty text gives no lines (nothing issued).
    public static func parse(_ text: String) -> Result<[Line], Problem> {
        var out: [Line] = []
        var n = 0
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(UsualInput.halfWidth(String(raw)).map { $0 == "×" || $0 == "*" ? " " : $0 })
            var parts = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let code = parts.first else { continue }
            n += 1
            guard n <= maxLines else { return .failure(.tooMany) }
            guard parts.count >= 2 else { return .failure(.noQuantity(line: n)) }
            // "2个": the unit written against the number is part of the note.
            let number = String(parts[1].prefix { $0.isASCII && ($0.isNumber || $0 == ".") })
            if !number.isEmpty, number.count < parts[1].count { parts.insert(String(parts[1].dropFirst(number.count)), at: 2); parts[1] = number }
            guard let q = Quantity.parse(parts[1]), q.milli > 0 else { return .failure(.badQuantity(line: n)) }
            out.append(Line(itemCode: code, quantity: q, note: parts.dropFirst(2).joined(separator: " ")))
        }
        return .success(out)
    }
}
