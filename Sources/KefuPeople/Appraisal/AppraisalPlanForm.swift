import Foundation
import KefuDomain
import KefuPlatform

/// The line editor of an appraisal plan (KPI-04): one fieldset per line (person, reward or penalty, amount in yuan,
/// reason, evidence), a few blank ones to add lines; a blank line is skipped. One column on a phone; Tab walks a line.
enum AppraisalPlanForm {
    /// Blank lines offered after the plan's own.
    static let blankLines = 3

    static func lines(_ f: FormData) -> [AppraisalPlanInput.Line] {
        var out: [AppraisalPlanInput.Line] = []
        var i = 1
        while f["line\(i)_user"] != nil || f["line\(i)_amount"] != nil {
            let user = TextRules.trimmed(f["line\(i)_user"]), amount = TextRules.trimmed(f["line\(i)_amount"]), reason = TextRules.trimmed(f["line\(i)_reason"])
            if user != nil || amount != nil || reason != nil {
                out.append(.init(userId: user, kind: f["line\(i)_kind"], amount: amount, reason: reason, evidence: f["line\(i)_evidence"]))
            }
            i += 1
        }
        return out
    }

    static func lineFields(people: [(id: String, name: String)], state s: FormState, existing: [AppraisalLineView], page: PageContext) -> HTML {
        let l = page.locale
        var typed = 0
        while s.values["line\(typed + 1)_user"] != nil || s.values["line\(typed + 1)_amount"] != nil { typed += 1 }
        let count = max(typed, existing.count + blankLines)
        let people = [("", Text("— 选择人员 —", "— choose —")(l))] + people.map { ($0.id, $0.name) }
        let kinds = AppraisalRules.Kind.allCases.map { ($0.rawValue, AppraisalPages.kindLabel($0.rawValue)(l)) }
        let sets = (1...count).map { i -> String in
            let e = i <= existing.count ? existing[i - 1] : nil
            func value(_ name: String, _ fallback: String?) -> String? { typed > 0 ? s.values["line\(i)_\(name)"] : fallback }
            let n = "line\(i)"
            return """
            <fieldset class="appraisal-line-edit grid" data-line="\(i)"><legend>\(HTML.escape(Text("第 {0} 项", "Line {0}").with(String(i))(l)))</legend>
            \(FormControls.field(Text("人员", "Person")(l), for: "\(n)-user", FormControls.select(id: "\(n)-user", name: "\(n)_user", options: people, selected: value("user", e?.userId))).raw)
            \(FormControls.field(Text("奖/罚", "Reward / penalty")(l), for: "\(n)-kind", FormControls.select(id: "\(n)-kind", name: "\(n)_kind", options: kinds, selected: value("kind", e?.kind))).raw)
            \(FormControls.field(Text("金额（元）", "Amount (yuan)")(l), for: "\(n)-amount", FormControls.input(id: "\(n)-amount", name: "\(n)_amount", value: value("amount", e?.amount), attributes: "inputmode=\"decimal\" placeholder=\"200.00\"")).raw)
            \(FormControls.field(Text("事由", "Reason")(l), for: "\(n)-reason", FormControls.input(id: "\(n)-reason", name: "\(n)_reason", value: value("reason", e?.reason), attributes: "maxlength=\"500\"")).raw)
            \(FormControls.field(Text("依据（可填单号）", "Evidence (a record number, optional)")(l), for: "\(n)-evidence", FormControls.input(id: "\(n)-evidence", name: "\(n)_evidence", value: value("evidence", e?.evidence), attributes: "maxlength=\"100\"")).raw)
            </fieldset>
            """
        }.joined(separator: "\n")
        let error = s.message(for: "lines", l).map { "<p class=\"field-error\" id=\"lines-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return HTML(raw: "<div id=\"appraisal-lines-edit\" class=\"field\(error.isEmpty ? "" : " has-error")\">\(error)\(sets)</div>")
    }
}
