import Foundation
@testable import KefuPlatform
import Testing

/// #17.4: `Text.with` fills `{0}`, `{1}` … in one pass without Foundation. Compared with the replacement it stands for
/// (each placeholder replaced in turn), on the templates of the code base's shapes and on generated ones.
@Suite struct TextFillTests {
    /// The former implementation: `replacingOccurrences` for each argument in turn.
    private func replacedInTurn(_ template: String, _ args: [String]) -> String {
        var out = template
        for (i, a) in args.enumerated() { out = out.replacingOccurrences(of: "{\(i)}", with: a) }
        return out
    }

    @Test func fillsAsReplacingEachPlaceholderInTurn() {
        let templates = [
            "工单超时：{0}", "“{0}”{1}已超时（时限 {2}），已自动升级到第 {3} 级", "“{0}” missed its {1} target ({2}); escalated to level {3}",
            "{0}{1}{0}", "no placeholder", "", "{", "}", "{}", "{x}", "{0", "0}", "{{0}}", "{9}", "{12}", "{00}", "{01}", "{0}}",
            "前{0}后", "emoji 🙂{1}🙂", "{-1}", "{ 0}", "{99999}", "{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}{11}",
        ]
        let argSets: [[String]] = [[], ["甲"], ["A", "bb"], ["工单 KF-2026-000123", "首次响应", "2026-12-07 09:05", "2"],
                                   (0..<12).map { "a\($0)" }, ["", ""], ["含\"引号\"", "line\nbreak"]]
        for template in templates {
            for args in argSets {
                #expect(Text.fill(template, args) == replacedInTurn(template, args), "\(template) with \(args)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "0", "1", "3", "12", "字", "a", " ", "{0}", "{1}", "{2}", "{11}", "🙂"]
        for _ in 0..<3_000 {
            let template = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let args = (0..<Int.random(in: 0...12, using: &generator)).map { "v\($0)值" }
            #expect(Text.fill(template, args) == replacedInTurn(template, args), "\(template) with \(args)")
        }
    }

    @Test func aPlaceholderInsideAnArgumentIsLeftAsItIs() {
        // Filled in turn, a subject holding "{1}" took the second argument's value; in one pass it stays as typed.
        let alert = Text("工单超时：{0}（{1}）", "SLA breached: {0} ({1})").with("客户写了 {1}", "首次响应")
        #expect(alert.zh == "工单超时：客户写了 {1}（首次响应）")
        #expect(alert.en == "SLA breached: 客户写了 {1} (首次响应)")
    }
}
