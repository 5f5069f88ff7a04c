import Foundation
import KefuDomain
import KefuPlatform

public struct CreateTicketInput: Codable, Sendable {
    public var subject: String?
    public var description: String?
    public var type: String?
    public var channel: String?
    public var priority: String?
    public var customer: CustomerInput?
    public var customerId: String?
    public var receivedAt: String?
    public init(subject: String? = nil, description: String? = nil, type: String? = nil, channel: String? = nil, priority: String? = nil,
                customer: CustomerInput? = nil, customerId: String? = nil, receivedAt: String? = nil) {
        self.subject = subject; self.description = description; self.type = type; self.channel = channel; self.priority = priority
        self.customer = customer; self.customerId = customerId; self.receivedAt = receivedAt
    }
}

public struct UpdateTicketInput: Codable, Sendable {
    public var subject: String?
    public var description: String?
    public var type: String?
    public var channel: String?
    public var priority: String?
    /// "" unassigns.
    public var assigneeId: String?
    public var teamId: String?
    public var ownerId: String?
    public init(subject: String? = nil, description: String? = nil, type: String? = nil, channel: String? = nil, priority: String? = nil,
                assigneeId: String? = nil, teamId: String? = nil, ownerId: String? = nil) {
        self.subject = subject; self.description = description; self.type = type; self.channel = channel; self.priority = priority
        self.assigneeId = assigneeId; self.teamId = teamId; self.ownerId = ownerId
    }
}

/// Field validation with messages in both languages.
enum TicketValidation {
    static func subject(_ raw: String?) throws -> String {
        guard let s = TextRules.trimmed(raw) else {
            throw AppError.validation("subject", Text("请填写主题", "The subject is required"))
        }
        guard TextRules.fits(s, TicketRules.subjectMax) else {
            throw AppError.validation("subject", Text("主题最长 200 字", "The subject is at most 200 characters"))
        }
        return s
    }

    static func description(_ raw: String?) throws -> String {
        let d = raw.map(TextRules.trimSpace) ?? ""
        guard TextRules.fits(d, TicketRules.descriptionMax) else {
            throw AppError.validation("description", Text("描述最长 10000 字", "The description is at most 10,000 characters"))
        }
        return d
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, _ field: String, default value: E) throws -> E where E.RawValue == String {
        guard let raw = TextRules.trimmed(raw) else { return value }
        guard let v = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation(field, TicketFieldNames.message(Text("{0}的取值必须是：{1}", "{0} must be one of: {1}"), field, allowed))
        }
        return v
    }

    static func receivedAt(_ raw: String?, now: Date) throws -> Date {
        guard let raw = TextRules.trimmed(raw) else { return now }
        guard let date = Times.parse(raw) else {
            throw AppError.validation("receivedAt", Text("receivedAt 必须是 RFC 3339 时间，例如 2026-11-29T09:30:00+08:00", "receivedAt must be an RFC 3339 time such as 2026-11-29T09:30:00+08:00"))
        }
        switch TicketRules.checkReceivedAt(date, now: now) {
        case .inFuture?: throw AppError.validation("receivedAt", Text("受理时间不能晚于现在", "receivedAt cannot be in the future"))
        case .tooOld?: throw AppError.validation("receivedAt", Text("受理时间最多可追溯 30 天", "receivedAt can be at most 30 days in the past"))
        case nil: return date
        }
    }

    static func text(_ raw: String?, field: String, max: Int, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, TicketFieldNames.message(Text("请填写{0}", "{0} is required"), field)) }
        if let t, t.count > max { throw AppError.validation(field, TicketFieldNames.message(Text("{0}最长 {1} 字", "{0} is at most {1} characters"), field, String(max))) }
        return t
    }
}
