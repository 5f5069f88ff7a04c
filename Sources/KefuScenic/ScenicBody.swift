import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The flat JSON body of the house (`FlatBody`).
public typealias ScenicBody = FlatBody

/// The organisation's local day of "now", injected so tests move the clock.
public struct ScenicNow: Sendable {
    public let millis: Int64
    public let day: CivilDay

    public init(_ date: Date) {
        millis = Clock.millis(date)
        let c = Times.calendar().dateComponents([.year, .month, .day], from: date)
        day = CivilDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }
}

/// Input checks shared by the scenic services; each refusal names its field.
enum ScenicInput {
    static func text(_ raw: String?, field: String, label: Text, max: Int = 100, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        if let t, t.count > max { throw AppError.validation(field, Text(label.zh + "最长 \(max) 字", label.en + " is at most \(max) characters")) }
        return t
    }

    static func required(_ raw: String?, field: String, label: Text, max: Int = 100) throws -> String {
        try text(raw, field: field, label: label, max: max, required: true)!
    }

    static func day(_ raw: String?, field: String, label: Text) throws -> CivilDay {
        guard let t = TextRules.trimmed(raw) else { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        guard let d = UsualInput.day(t) else { throw AppError.validation(field, Text(label.zh + "应为日期，如 1950-03-08", label.en + " must be a date, e.g. 1950-03-08")) }
        return d
    }

    /// Yuan with at most two decimals → fen (exact, never a binary float); blank is zero.
    static func fen(_ raw: String?, field: String, label: Text) throws -> Int64 {
        guard let t = TextRules.trimmed(raw) else { return 0 }
        guard let f = Yuan.fen(t) else {
            throw AppError.validation(field, Text(label.zh + "应为金额，最多两位小数，如 20.00", label.en + " must be an amount with at most two decimals, e.g. 20.00"))
        }
        return f
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, _ type: E.Type, field: String, label: Text, default d: E? = nil) throws -> E where E.RawValue == String {
        guard let t = TextRules.trimmed(raw) else {
            if let d { return d }
            throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required"))
        }
        guard let v = E(rawValue: t) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation(field, Text(label.zh + "的取值必须是：" + allowed, label.en + " must be one of: " + allowed))
        }
        return v
    }

    /// "LC-2026-0001" (轮椅/车): per kind and year, gapless (one counter row, moved in the record's own transaction).
    static func nextNumber(_ db: any SQLDatabase, prefix: String, day: CivilDay) async throws -> String {
        let year = String(day.year)
        let digits = String(try await Counters.next("scenic:\(prefix):\(year)", in: db))
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
