import KefuDomain
import Testing

/// #10.12: no CSV cell starts a spreadsheet formula; numbers stay numbers.
@Suite("CSV formula neutralising")
struct CSVFormulaTests {
    @Test func textCellsThatStartAFormulaGetAnApostrophe() {
        for cell in ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "+"] {
            #expect(CSV.neutralised(cell) == "'" + cell, "\(cell.debugDescription)")
        }
        for cell in ["-5", "+2.5", "-0.125", "12", "张三", "a=b", ""] {
            #expect(CSV.neutralised(cell) == cell)
        }
        #expect(CSV.document([["=HYPERLINK(\"http://x\",\"y\")", "-5"]]) == "\u{FEFF}\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5\r\n")
    }
}
