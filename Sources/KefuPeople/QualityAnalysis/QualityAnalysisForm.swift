import Foundation
import KefuDomain
import KefuPlatform

/// The findings field and the plan-line editor of a quality analysis (KPI-07): one fieldset per line (problem, measure,
/// responsible person, due date) and a few blank ones to add lines; a blank line is skipped. Tab walks a line.
enum QualityAnalysisForm {
    static let blankLines = 3

    static func lines(_ f: FormData) -> [QualityAnalysisInput.Line] {
        var out: [QualityAnalysisInput.Line] = []
        var i = 1
        while f["line\(i)_problem"] != nil || f["line\(i)_measure"] != nil {
            let problem = TextRules.trimmed(f["line\(i)_problem"]), measure = TextRules.trimmed(f["line\(i)_measure"])
            let who = TextRules.trimmed(f["line\(i)_responsible"]), due = TextRules.trimmed(f["line\(i)_due"])
            if problem != nil || measure != nil || due != nil {
                out.append(.init(problem: problem, measure: measure, responsibleId: who, due: due))
            }
            i += 1
        }
        return out
    }

    static func findingsField(_ value: String?, state s: FormState, _ l: AppLocale) -> HTML {
        let area = HTML(raw: "<textarea id=\"analysis-findings-input\" name=\"findings\" rows=\"6\" maxlength=\"\(QualityAnalysisRules.maxFindingsLength)\">\(HTML.escape(value ?? ""))</textarea>")
        return FormControls.field(Text("分析（问题、原因）", "Findings (problems, causes)")(l), for: "analysis-findings-input", area, error: s.message(for: "findings", l))
    }

    static func lineFields(staff: [(id: String, name: String)], state s: FormState, existing: [QualityPlanLineView], page: PageContext) -> HTML {
        let l = page.locale
        var typed = 0
        while s.values["line\(typed + 1)_problem"] != nil || s.values["line\(typed + 1)_measure"] != nil { typed += 1 }
        let count = max(typed, existing.count + blankLines)
        let people = [("", Text("— 选择责任人 —", "— choose —")(l))] + staff.map { ($0.id, $0.name) }
        let sets = (1...count).map { i -> String in
            let e = i <= existing.count ? existing[i - 1] : nil
            func value(_ name: String, _ fallback: String?) -> String? { typed > 0 ? s.values["line\(i)_\(name)"] : fallback }
            let n = "line\(i)"
            return """
            <fieldset class="analysis-line-edit grid" data-line="\(i)"><legend>\(HTML.escape(Text("整改项 {0}", "Line {0}").with(String(i))(l)))</legend>
            \(FormControls.field(Text("问题", "Problem")(l), for: "\(n)-problem", FormControls.input(id: "\(n)-problem", name: "\(n)_problem", value: value("problem", e?.problem), attributes: "maxlength=\"500\"")).raw)
            \(FormControls.field(Text("整改措施", "Measure")(l), for: "\(n)-measure", FormControls.input(id: "\(n)-measure", name: "\(n)_measure", value: value("measure", e?.measure), attributes: "maxlength=\"500\"")).raw)
            \(FormControls.field(Text("责任人", "Responsible")(l), for: "\(n)-responsible", FormControls.select(id: "\(n)-responsible", name: "\(n)_responsible", options: people, selected: value("responsible", e?.responsibleId))).raw)
            \(FormControls.field(Text("完成期限", "Due")(l), for: "\(n)-due", FormControls.input(id: "\(n)-due", name: "\(n)_due", type: "date", value: value("due", e?.due))).raw)
            </fieldset>
            """
        }.joined(separator: "\n")
        let error = s.message(for: "lines", l).map { "<p class=\"field-error\" id=\"lines-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return HTML(raw: "<div id=\"analysis-lines-edit\" class=\"field\(error.isEmpty ? "" : " has-error")\">\(error)\(sets)</div>")
    }
}
