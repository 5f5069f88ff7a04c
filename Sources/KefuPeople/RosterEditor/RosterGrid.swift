import KefuDomain
import KefuPlatform

/// #15 leftovers: the month editor's form as roster lines. A cell is named `cell.<userId>.<yyyy-mm-dd>` and holds a shift
/// id (empty: no shift); a person's further shifts of one day, which one cell cannot show, ride along as `keep.<n>` values
/// `<yyyy-mm-dd>|<userId>|<shiftId>` so saving the grid never drops them.
enum RosterGrid {
    static func cellName(userId: String, day: String) -> String { "cell.\(userId).\(day)" }

    struct Line: Equatable {
        let cell: String
        let entry: RosterInput.Entry

        static func == (a: Line, b: Line) -> Bool {
            a.cell == b.cell && a.entry.date == b.entry.date && a.entry.userId == b.entry.userId && a.entry.shiftId == b.entry.shiftId
        }
    }

    /// The lines of a posted grid, in cell-name order (the same order each time, so a refusal's line maps to its cell).
    static func lines(_ form: FormData) -> [Line] {
        var lines: [Line] = []
        for (name, value) in form.values.sorted(by: { $0.key < $1.key }) {
            if name.hasPrefix("cell.") {
                let parts = name.dropFirst(5).split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 2, let shift = TextRules.trimmed(value) else { continue }
                lines.append(Line(cell: name, entry: RosterInput.Entry(date: String(parts[1]), userId: String(parts[0]), shiftId: shift)))
            }
        }
        for kept in form.values.filter({ $0.key.hasPrefix("keep.") }).map(\.value).sorted() {
            let parts = kept.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            lines.append(Line(cell: cellName(userId: parts[1], day: parts[0]), entry: RosterInput.Entry(date: parts[0], userId: parts[1], shiftId: parts[2])))
        }
        return lines
    }

    /// A refusal naming `entries[i]…` names that line's cell instead, so the page marks it.
    static func onCell(_ error: AppError, lines: [Line]) -> AppError {
        guard let field = error.details["field"], field.hasPrefix("entries["), let close = field.firstIndex(of: "]"),
              let i = Int(field[field.index(field.startIndex, offsetBy: 8)..<close]), lines.indices.contains(i) else { return error }
        var details = error.details
        details["field"] = lines[i].cell
        return AppError(error.status, error.code, error.message, details: details)
    }
}
