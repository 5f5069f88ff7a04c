import Foundation
import KefuDomain
import KefuPlatform

/// The figures table of a quality analysis (KPI-07): each figure, its target where it has one, the actual value, and
/// the misses highlighted (class `miss`, and the word 未达标 so it prints without colour).
enum QualityAnalysisFigures {
    static func table(_ f: QualityFiguresView?, _ l: AppLocale) -> HTML {
        guard let f else { return "<p class=\"empty\" id=\"analysis-figures-empty\">—</p>" }
        let misses = Set(f.misses)
        func pct(_ r: ScorecardRatio) -> String { r.percent.map { "\($0)% (\(r.count)/\(r.of))" } ?? "—" }
        let rows: [(id: String, label: Text, target: String, actual: String, miss: Bool)] = [
            ("tickets", Text("受理工单", "Tickets received"), "—", String(f.ticketsReceived), false),
            ("firstResponse", Text("首次响应及时率（SLA-01）", "First response on time (SLA-01)"), "100%", pct(f.firstResponse), misses.contains("firstResponse")),
            ("resolution", Text("按时解决率（SLA-03）", "Resolved within target (SLA-03)"), "90%", pct(f.resolution), misses.contains("resolution")),
            ("escalation", Text("升级（逾时升级）（ESC-01）", "Escalations (late) (ESC-01)"), Text("逾时 0", "0 late")(l), "\(f.escalations) (\(f.lateEscalations))", misses.contains("escalation")),
            ("complaints", Text("投诉（已核实）", "Complaints (verified)"), "—", "\(f.complaints) (\(f.verifiedComplaints))", false),
            ("satisfaction", Text("满意率（SAT-08/09）", "Satisfaction (SAT-08/09)"), f.satisfactionTarget.map { "\($0)%" } ?? Text("未设定", "not set")(l), pct(f.satisfaction), misses.contains("satisfaction")),
            ("inspection", Text("质检平均分", "Mean inspection score"), "—", f.inspectionScore.map { "\($0) (\(f.inspections))" } ?? "—", false),
            ("penalties", Text("处罚记录", "Penalty records"), "—", String(f.penalties), false),
        ]
        let body = rows.map { r -> String in
            let verdict = r.target == "—" ? "" : (r.miss ? HTML.escape(Text("未达标", "Missed")(l)) : HTML.escape(Text("达标", "Met")(l)))
            return "<tr id=\"figure-\(r.id)\"\(r.miss ? " class=\"miss\" data-miss=\"true\"" : "")><th scope=\"row\">\(HTML.escape(r.label(l)))</th><td>\(HTML.escape(r.target))</td><td>\(HTML.escape(r.actual))</td><td>\(r.miss ? "<strong>\(verdict)</strong>" : verdict)</td></tr>"
        }.joined()
        let source = f.frozen ? Text("提交时冻结的数据", "Frozen when submitted") : Text("实时数据（草稿）", "Live figures (draft)")
        return HTML(raw: """
        <p class="hint" id="analysis-figures-source" data-frozen="\(f.frozen)">\(HTML.escape(source(l)))</p>
        <div class="table-wrap"><table id="analysis-figures"><thead><tr><th scope="col">\(HTML.escape(Text("指标", "Figure")(l)))</th><th scope="col">\(HTML.escape(Text("目标", "Target")(l)))</th>\
        <th scope="col">\(HTML.escape(Text("实际", "Actual")(l)))</th><th scope="col">\(HTML.escape(Text("结论", "Verdict")(l)))</th></tr></thead><tbody>\(body)</tbody></table></div>
        """)
    }
}
