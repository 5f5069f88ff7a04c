import KefuDomain
import Testing

/// #14 item 1: the materials used typed as "code quantity [note]" lines when the order's unit has a materials store.
@Suite("Work order materials lines (#14 item 1)")
struct WorkOrderMaterialLinesTests {
    struct Case: Sendable { let text: String; let lines: [String]; let problem: WorkOrderMaterialLines.Problem? }

    static let cases: [Case] = [
        Case(text: "JF-DN15 2", lines: ["JF-DN15|2000|"], problem: nil),
        Case(text: "JF-DN15 × 2 个\n\nDX-2.5*1.5 米", lines: ["JF-DN15|2000|个", "DX-2.5|1500|米"], problem: nil),
        Case(text: "JF－DN15　３个", lines: ["JF-DN15|3000|个"], problem: nil),      // full-width typing, the unit against the number
        Case(text: "  \n ", lines: [], problem: nil),                                      // blank: nothing issued
        Case(text: "JF-DN15", lines: [], problem: .noQuantity(line: 1)),
        Case(text: "JF-DN15 2\nLS-M8 0", lines: [], problem: .badQuantity(line: 2)),
        Case(text: "JF-DN15 1.0005", lines: [], problem: .badQuantity(line: 1)),           // at most three decimals
        Case(text: "JF-DN15 -1", lines: [], problem: .badQuantity(line: 1)),
        Case(text: "角阀 一个", lines: [], problem: .badQuantity(line: 1)),
    ]

    @Test(arguments: cases) func parses(_ c: Case) {
        switch WorkOrderMaterialLines.parse(c.text) {
        case .success(let lines):
            #expect(c.problem == nil, "expected \(String(describing: c.problem))")
            #expect(lines.map { "\($0.itemCode)|\($0.quantity.milli)|\($0.note)" } == c.lines)
        case .failure(let p):
            #expect(p == c.problem)
        }
    }

    @Test func atMostThirtyLines() {
        let text = (1...31).map { "LS-M\($0) 1" }.joined(separator: "\n")
        #expect(WorkOrderMaterialLines.parse(text) == .failure(.tooMany))
    }
}
