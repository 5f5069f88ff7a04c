import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// Field validation with messages in both languages.
enum Field {
    static func text(_ raw: String?, _ name: String, max: Int = 2000, required: Bool = true) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}", "{0} is required"), name)) }
        if let t, t.count > max { throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}最长 {1} 字", "{0} is at most {1} characters"), name, String(max))) }
        if let t, t.contains("\u{0}") { throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}含有无效字符", "{0} contains an invalid character"), name)) }
        return t
    }

    static func required(_ raw: String?, _ name: String, max: Int = 2000) throws -> String {
        try text(raw, name, max: max, required: true)!
    }

    static func bool(_ raw: Bool?, _ name: String) throws -> Bool {
        guard let raw else { throw AppError.validation(name, AftersalesFieldNames.message(Text("请选择{0}", "{0} is required (true or false)"), name)) }
        return raw
    }

    static func date(_ raw: String?, _ name: String, required: Bool = true) throws -> LocalDate? {
        guard let t = TextRules.trimmed(raw) else {
            if required { throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}（YYYY-MM-DD）", "{0} is required (YYYY-MM-DD)"), name)) }
            return nil
        }
        // #11.2: "2026/10/20" and "2026年10月20日" as well as 2026-10-20.
        guard let d = LocalDate(UsualInput.isoDay(t)) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}必须是日期，例如 2026-10-20 或 2026/10/20", "{0} must be a date YYYY-MM-DD"), name))
        }
        return d
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, _ name: String, _ type: E.Type) throws -> E where E.RawValue == String {
        guard let t = TextRules.trimmed(raw) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("请填写{0}", "{0} is required"), name))
        }
        guard let v = E(rawValue: t) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("请选择有效的{0}", "{0} must be one of: {1}"), name, E.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return v
    }

    static func id(_ raw: String?, _ name: String) throws -> String? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard t.count <= 64, t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw AppError.validation(name, AftersalesFieldNames.message(Text("{0}不是有效的编号", "{0} is not a valid id"), name))
        }
        return t
    }
}
