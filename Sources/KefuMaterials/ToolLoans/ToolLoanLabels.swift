import KefuDomain
import KefuPlatform

/// The words of the tool-loan pages and refusals (#13.5), in both languages.
enum ToolLoanLabels {
    static let title = Text("工具借用登记", "Tool loans")
    static let form = Text("工具借用单", "Tool loan form")
    static let borrower = Text("借用人", "Borrower")
    static let workGroup = Text("工作小组", "Work group")
    static let purpose = Text("用途", "Purpose")
    static let lentOn = Text("借出日期", "Lent on")
    static let dueOn = Text("应还日期", "Due back on")
    static let quantity = Text("数量", "Quantity")
    static let tool = Text("工具", "Tool")
    static let warehouse = Text("现场仓库", "Site warehouse")
    static let returnedOn = Text("归还日期", "Returned on")
    static let condition = Text("归还状况", "Condition on return")
    static let note = Text("损坏情况说明", "What is damaged")

    static func status(_ s: String) -> Text {
        switch ToolLoanStatus(rawValue: s) {
        case .open?: return Text("未归还", "Out")
        case .returned?: return Text("已归还", "Returned")
        case nil: return Text(s, s)
        }
    }

    static func condition(_ c: String?) -> Text {
        switch c.flatMap(ToolLoanCondition.init(rawValue:)) {
        case .good?: return Text("完好", "Good")
        case .damaged?: return Text("损坏", "Damaged")
        case nil: return Text("", "")
        }
    }

    static func view(_ v: ToolLoanRegisterView) -> Text {
        switch v {
        case .open: return Text("未归还", "Open")
        case .overdue: return Text("已逾期", "Overdue")
        case .all: return Text("全部", "All")
        }
    }

    /// "逾期 3 天" / "3 days overdue".
    static func overdue(_ days: Int) -> Text { Text("逾期 {0} 天", "{0} days overdue").with(String(days)) }
}
