import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

public struct SlaPolicyInput: Codable, Sendable {
    public struct Match: Codable, Sendable {
        public var type: String?
        public var priority: String?
        public var channel: String?
    }
    public var name: String?
    public var match: Match?
    public var calendar: String?
    public var firstResponseMinutes: Int?
    public var resolutionMinutes: Int?
    public var escalateAfterMinutes: Int?
    public var active: Bool?
}

public struct SlaPolicyView: Codable, Sendable {
    public struct Match: Codable, Sendable {
        @Nullable public var type: String?
        @Nullable public var priority: String?
        @Nullable public var channel: String?
    }
    public let id: String
    public let name: String
    public let match: Match
    public let calendar: String
    public let firstResponseMinutes: Int
    public let resolutionMinutes: Int
    public let escalateAfterMinutes: Int
    public let active: Bool
    public let createdAt: String
    public let updatedAt: String

    init(_ p: SlaPolicy) {
        id = p.id
        name = p.name
        match = Match(type: p.match.type?.rawValue, priority: p.match.priority?.rawValue, channel: p.match.channel?.rawValue)
        calendar = p.targets.calendar.rawValue
        firstResponseMinutes = p.targets.firstResponseMinutes
        resolutionMinutes = p.targets.resolutionMinutes
        escalateAfterMinutes = p.targets.escalateAfterMinutes
        active = p.active
        createdAt = Times.rfc3339(p.createdAt)
        updatedAt = Times.rfc3339(p.updatedAt)
    }
}

/// SLA policies (API.md): customer-service managers and administrators set them; every staff member may read them.
/// A change applies to tickets logged afterwards: a ticket keeps the policy it started with.
public struct SlaPolicyService: Sendable {
    let store: any Store
    let settings: SlaSettings

    public init(store: any Store, settings: SlaSettings) {
        self.store = store
        self.settings = settings
    }

    static func requireManager(_ actor: Principal) throws {
        guard actor.has(.setServiceStandards) else {
            throw AppError.forbidden(Text("只有总部的客服经理或管理员可以修改服务标准", "Only a head-office CS manager or administrator can change service standards"))
        }
    }

    static func requireStaff(_ actor: Principal) throws {
        guard !actor.isCustomer else { throw AppError.forbidden() }
    }

    public func list(viewer: Principal) async throws -> [SlaPolicyView] {
        try Self.requireStaff(viewer)
        return try await store.read { db in
            try await db.raw("SELECT \(unsafeRaw: SlaPolicy.columns) FROM sla_policies WHERE deleted_at IS NULL ORDER BY created_at, id")
                .all().map { SlaPolicyView(try SlaPolicy(row: $0)) }
        }
    }

    public func get(id: String, viewer: Principal) async throws -> SlaPolicyView {
        try Self.requireStaff(viewer)
        return SlaPolicyView(try await store.read { db in try await Self.row(db, id: id) })
    }

    static func row(_ db: any SQLDatabase, id: String) async throws -> SlaPolicy {
        guard let row = try await db.raw("SELECT \(unsafeRaw: SlaPolicy.columns) FROM sla_policies WHERE id = \(bind: id) AND deleted_at IS NULL").first() else {
            throw AppError.notFound(Text("服务标准", "SLA policy"))
        }
        return try SlaPolicy(row: row)
    }

    struct Valid {
        let name: String
        let match: SlaMatch
        let targets: SlaTargets
        let active: Bool
    }

    static func validate(_ input: SlaPolicyInput) throws -> Valid {
        guard let name = TextRules.trimmed(input.name) else {
            throw AppError.validation("name", Text("请填写名称", "The name is required"))
        }
        guard name.count <= 100 else { throw AppError.validation("name", Text("名称最长 100 字", "The name is at most 100 characters")) }
        let m = input.match
        let match = SlaMatch(
            type: try TextRules.trimmed(m?.type).map { try TicketValidation.choice($0, "match.type", default: TicketType.other) },
            priority: try TextRules.trimmed(m?.priority).map { try TicketValidation.choice($0, "match.priority", default: TicketPriority.normal) },
            channel: try TextRules.trimmed(m?.channel).map { try TicketValidation.choice($0, "match.channel", default: TicketChannel.phone) })
        let calendar = try TicketValidation.choice(input.calendar, "calendar", default: ClockCalendar.businessHours)
        func minutes(_ v: Int?, _ field: String) throws -> Int {
            guard let v else { throw AppError.validation(field, Text("请填写 {0}", "{0} is required").with(field)) }
            return v
        }
        let targets = SlaTargets(calendar: calendar,
                                 firstResponseMinutes: try minutes(input.firstResponseMinutes, "firstResponseMinutes"),
                                 resolutionMinutes: try minutes(input.resolutionMinutes, "resolutionMinutes"),
                                 escalateAfterMinutes: try minutes(input.escalateAfterMinutes, "escalateAfterMinutes"))
        switch targets.problem {
        case .outOfRange(let field)?:
            throw AppError.validation(field, Text("{0} 必须在 1 到 527040 分钟之间", "{0} must be between 1 and 527,040 minutes").with(field))
        case .resolutionBeforeFirstResponse?:
            throw AppError.validation("resolutionMinutes", Text("解决时限不能短于首次响应时限", "The resolution target cannot be shorter than the first-response target"))
        case nil:
            return Valid(name: name, match: match, targets: targets, active: input.active ?? true)
        }
    }

    public func create(_ input: SlaPolicyInput, by actor: Principal, now: Date = Date()) async throws -> SlaPolicyView {
        try Self.requireManager(actor)
        let v = try Self.validate(input)
        let id = Clock.newID()
        let at = Clock.millis(now)
        let view = try await store.write { db in
            try await db.raw("""
                INSERT INTO sla_policies (id, name, match_type, match_priority, match_channel, calendar, first_response_minutes, resolution_minutes,
                    escalate_after_minutes, active, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: v.name), \(bind: v.match.type?.rawValue), \(bind: v.match.priority?.rawValue), \(bind: v.match.channel?.rawValue),
                    \(bind: v.targets.calendar.rawValue), \(bind: v.targets.firstResponseMinutes), \(bind: v.targets.resolutionMinutes),
                    \(bind: v.targets.escalateAfterMinutes), \(bind: v.active ? 1 : 0), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "sla_policy.create", entity: "sla_policy", entityId: id, detail: ["name": v.name], at: at)
            return SlaPolicyView(try await Self.row(db, id: id))
        }
        settings.invalidate()
        return view
    }

    public func replace(id: String, _ input: SlaPolicyInput, by actor: Principal, now: Date = Date()) async throws -> SlaPolicyView {
        try Self.requireManager(actor)
        let v = try Self.validate(input)
        let at = Clock.millis(now)
        let view = try await store.write { db in
            _ = try await Self.row(db, id: id)
            try await db.raw("""
                UPDATE sla_policies SET name = \(bind: v.name), match_type = \(bind: v.match.type?.rawValue), match_priority = \(bind: v.match.priority?.rawValue),
                    match_channel = \(bind: v.match.channel?.rawValue), calendar = \(bind: v.targets.calendar.rawValue),
                    first_response_minutes = \(bind: v.targets.firstResponseMinutes), resolution_minutes = \(bind: v.targets.resolutionMinutes),
                    escalate_after_minutes = \(bind: v.targets.escalateAfterMinutes), active = \(bind: v.active ? 1 : 0), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "sla_policy.update", entity: "sla_policy", entityId: id,
                                        detail: ["name": v.name, "active": String(v.active)], at: at)
            return SlaPolicyView(try await Self.row(db, id: id))
        }
        settings.invalidate()
        return view
    }

    /// Retires a policy: it no longer matches new tickets; tickets that started with it keep their clocks and its name.
    public func delete(id: String, by actor: Principal, now: Date = Date()) async throws {
        try Self.requireManager(actor)
        let at = Clock.millis(now)
        try await store.write { db in
            _ = try await Self.row(db, id: id)
            try await db.raw("UPDATE sla_policies SET deleted_at = \(bind: at), active = 0, updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "sla_policy.delete", entity: "sla_policy", entityId: id, at: at)
        }
        settings.invalidate()
    }
}
