import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.3 KPI-02: where an answered call that rang more than three times is recorded for quality inspection
/// (KefuPeople's call records, filled in by the composition root), inside the event's transaction. Returns the
/// record's id, nil when none was made.
public protocol TelephonyQualityInspection: Sendable {
    func recordLateAnswer(_ db: any SQLDatabase, agentId: String, calledAt: Int64, callerNumber: String, rings: Int, note: String,
                          now: Date) async throws -> String?
}

public struct NoTelephonyInspection: TelephonyQualityInspection {
    public init() {}
    public func recordLateAnswer(_ db: any SQLDatabase, agentId: String, calledAt: Int64, callerNumber: String, rings: Int, note: String,
                                 now: Date) async throws -> String? { nil }
}

/// `POST /api/v1/telephony/events` body.
public struct TelephonyEventInput: Codable, Sendable {
    public var callId: String?
    public var event: String?
    public var callerNumber: String?
    public var `extension`: String?
    public var rings: Int?
    public init(callId: String? = nil, event: String? = nil, callerNumber: String? = nil, extension: String? = nil, rings: Int? = nil) {
        self.callId = callId; self.event = event; self.callerNumber = callerNumber; self.extension = `extension`; self.rings = rings
    }
}

/// One call as the API, the call log and the screen pop show it.
public struct TelephonyCallView: Codable, Sendable {
    public let id: String
    public let callId: String
    public let callerNumber: String
    public let `extension`: String
    public let agentId: String?
    public let agentName: String?
    public let customerId: String?
    public let customerName: String?
    /// ringing, answered, missed, ended.
    public let state: String
    public let rings: Int
    public let ringingAt: Instant?
    public let answeredAt: Instant?
    public let endedAt: Instant?
    public let ticketId: String?
    public let ticketNumber: String?
    /// The KPI-02 call record made for inspection (more than 3 rings).
    public let qualityCallId: String?
    public let orgUnitId: String
}

/// The answer to an event: the call after it, and whether the event had been taken before (nothing changed).
public struct TelephonyEventResult: Codable, Sendable {
    public let duplicate: Bool
    public let call: TelephonyCallView
}

public struct TelephonyExtensionView: Codable, Sendable {
    public let `extension`: String
    public let agentId: String
    public let agentName: String
    public let orgUnitId: String
    public let updatedAt: Instant
}

public struct TelephonyExtensionInput: Codable, Sendable {
    public var agentId: String?
    public init(agentId: String? = nil) { self.agentId = agentId }
}

/// #16.3 (CH-01, KPI-02, TKT-03): the telephony (CTI) feature's one service — events from the PBX (one transaction
/// each, idempotent per call and event), the extension → agent map, a call made a ticket, the call log and what the
/// screen pop reads.
public struct TelephonyService: Sendable {
    let store: any Store
    let tickets: TicketsFromCalls
    let inspection: any TelephonyQualityInspection

    public init(store: any Store, tickets: TicketService, inspection: any TelephonyQualityInspection = NoTelephonyInspection()) {
        self.store = store
        self.tickets = TicketsFromCalls(tickets: tickets)
        self.inspection = inspection
    }

    struct Valid: Sendable {
        let callId: String
        let event: TelephonyRules.Event
        let callerNumber: String
        let ext: String
        let rings: Int
    }

    static func validate(_ input: TelephonyEventInput) throws -> Valid {
        guard let callId = TextRules.trimmed(input.callId), callId.count <= 100 else {
            throw AppError.validation("callId", Text("请提供通话编号（最长 100 字符）", "callId is required (at most 100 characters)"))
        }
        guard let raw = TextRules.trimmed(input.event), let event = TelephonyRules.Event(rawValue: raw) else {
            throw AppError.validation("event", Text("事件必须是 ringing、answered、missed 或 ended", "event must be ringing, answered, missed or ended"))
        }
        guard let number = TextRules.trimmed(input.callerNumber), number.count <= 40, TextRules.phoneKey(number) != nil else {
            throw AppError.validation("callerNumber", Text("来电号码无效", "The caller's number is not valid"))
        }
        guard let ext = TextRules.trimmed(input.extension), TelephonyRules.isValidExtension(ext) else {
            throw AppError.validation("extension", Text("分机号应为 1–20 位数字", "The extension is 1–20 digits"))
        }
        let rings = input.rings ?? 0
        guard (0...99).contains(rings) else { throw AppError.validation("rings", Text("响铃次数应为 0–99", "The rings are 0–99")) }
        return Valid(callId: callId, event: event, callerNumber: number, ext: ext, rings: rings)
    }

    static func unknownExtension(_ ext: String) -> AppError {
        AppError(.unprocessableContent, "unknown_extension",
                 Text("分机 {0} 未分配给任何客服人员", "Extension {0} is not assigned to any agent").with(ext), details: ["field": "extension"])
    }

    // MARK: events

    /// One event from the PBX (already authenticated by its signature). A repeat of an event already taken for the
    /// call changes nothing and answers the call as it is (`duplicate`).
    public func take(_ input: TelephonyEventInput, now: Date = Date()) async throws -> TelephonyEventResult {
        let v = try Self.validate(input)
        let prepared = v.event == .missed ? try await tickets.prepare(receivedAt: now) : nil
        do {
            return try await takeOnce(v, prepared: prepared, now: now)
        } catch where TransactionRetry.isUniqueViolation(error) {
            // Another node took the same call or event meanwhile: once more, now seeing its row.
            return try await takeOnce(v, prepared: prepared, now: now)
        }
    }

    func takeOnce(_ v: Valid, prepared: TicketsFromCalls.Prepared?, now: Date) async throws -> TelephonyEventResult {
        let tickets = self.tickets, inspection = self.inspection
        return try await store.write { db in
            let at = Clock.millis(now)
            if try await db.raw("SELECT id FROM telephony_call_events WHERE call_id = \(bind: v.callId) AND event = \(bind: v.event.rawValue)").first() != nil {
                guard let call = try await Self.callRow(db, callId: v.callId) else { throw AppError.internalError("telephony call") }
                return TelephonyEventResult(duplicate: true, call: try await Self.view(db, call))
            }
            var call = try await Self.callRow(db, callId: v.callId)
            let agent: OrgQueries.UserSummary?
            if let call {
                agent = try await call.agentId.asyncMap { try await OrgQueries.userSummary(db, userId: $0) } ?? nil
            } else {
                guard let mapped = try await Self.extensionRow(db, v.ext) else { throw Self.unknownExtension(v.ext) }
                agent = try await OrgQueries.userSummary(db, userId: mapped.agentId)
                let customer = try await TicketsFromCalls.customer(db, phone: v.callerNumber, viewer: nil)
                let row = CallRow(id: Clock.newID(), callId: v.callId, callerNumber: v.callerNumber, ext: v.ext, agentId: mapped.agentId,
                                  customerId: customer?.id, state: TelephonyRules.state(after: .ringing, current: nil), rings: 0, ringingAt: nil,
                                  answeredAt: nil, endedAt: nil, ticketId: nil, qualityCallId: nil, orgUnitId: mapped.orgUnitId, orgPath: mapped.orgPath)
                try await db.raw("""
                    INSERT INTO telephony_calls (id, call_id, caller_number, extension, agent_id, customer_id, state, rings, org_unit_id, org_path,
                                                 created_at, updated_at)
                    VALUES (\(bind: row.id), \(bind: row.callId), \(bind: row.callerNumber), \(bind: row.ext), \(bind: row.agentId), \(bind: row.customerId),
                            \(bind: row.state), 0, \(bind: row.orgUnitId), \(bind: row.orgPath), \(bind: at), \(bind: at))
                    """).run()
                call = row
            }
            guard var row = call else { throw AppError.internalError("telephony call") }
            try await db.raw("""
                INSERT INTO telephony_call_events (id, call_row_id, call_id, event, rings, received_at)
                VALUES (\(bind: Clock.newID()), \(bind: row.id), \(bind: v.callId), \(bind: v.event.rawValue), \(bind: v.rings), \(bind: at))
                """).run()
            row.state = TelephonyRules.state(after: v.event, current: row.state)
            row.rings = max(row.rings, v.rings)
            switch v.event {
            case .ringing: row.ringingAt = row.ringingAt ?? at
            case .answered: row.answeredAt = row.answeredAt ?? at
            case .missed, .ended: row.endedAt = row.endedAt ?? at
            }
            // A missed call: a call-back ticket in the agent's unit, the caller its customer, its own clocks.
            if v.event == .missed, row.ticketId == nil, let prepared, let agent {
                let actor = Self.principal(agent)
                let created = try await tickets.create(db, prepared, subject: TelephonyRules.callbackSubject(callerNumber: row.callerNumber),
                                                       text: "未接来电：\(row.callerNumber)，分机 \(row.ext)，响铃 \(row.rings) 声。请回拨。\nMissed call from \(row.callerNumber) on extension \(row.ext) after \(row.rings) rings: call back.",
                                                       callerNumber: row.callerNumber, ownerId: nil, actor: actor, receivedAt: now, now: now)
                row.ticketId = created.id
                row.customerId = row.customerId ?? created.customerId
            }
            // KPI-02: answered after more than three rings → a call record for quality inspection (and its penalty).
            if v.event == .answered, row.qualityCallId == nil, TelephonyRules.needsInspection(rings: row.rings), let agentId = row.agentId {
                row.qualityCallId = try await inspection.recordLateAnswer(db, agentId: agentId, calledAt: row.ringingAt ?? at, callerNumber: row.callerNumber,
                                                                          rings: row.rings, note: "电话系统记录（分机 \(row.ext)，通话 \(row.callId)）", now: now)
            }
            try await db.raw("""
                UPDATE telephony_calls SET state = \(bind: row.state), rings = \(bind: row.rings), ringing_at = \(bind: row.ringingAt),
                    answered_at = \(bind: row.answeredAt), ended_at = \(bind: row.endedAt), ticket_id = \(bind: row.ticketId),
                    customer_id = \(bind: row.customerId), quality_call_id = \(bind: row.qualityCallId), updated_at = \(bind: at)
                WHERE id = \(bind: row.id)
                """).run()
            try await AuditTrail.record(db, actorId: nil, action: "telephony.\(v.event.rawValue)", entity: "telephony_call", entityId: row.id,
                                        detail: ["callId": v.callId, "extension": row.ext, "rings": String(row.rings), "ticketId": row.ticketId ?? "",
                                                 "qualityCallId": row.qualityCallId ?? ""], at: at)
            return TelephonyEventResult(duplicate: false, call: try await Self.view(db, row))
        }
    }

    static func principal(_ agent: OrgQueries.UserSummary) -> Principal {
        Principal(userId: agent.id, username: agent.id, displayName: agent.displayName, orgUnitId: agent.orgUnitId, orgPath: agent.orgPath,
                  roles: Set(Role.set(agent.roles)), locale: .zhCN, customerId: nil)
    }

    // MARK: a call made a ticket (TKT-03)

    static let ticketWorkers = Role.ticketOwners.intersection(ServiceDeskPermission.holders(.workTicket))

    /// An answered call becomes a phone ticket in the call's unit, owned by the agent who took it (TKT-03), the call
    /// linked to it. Staff who work tickets in the call's unit may do it; a call has one ticket.
    public func makeTicket(callRowId: String, by actor: Principal, now: Date = Date()) async throws -> TelephonyCallView {
        guard !actor.roles.isDisjoint(with: Self.ticketWorkers) else {
            throw AppError.forbidden(Text("只有客服人员可以由来电建工单", "Only customer-service staff make tickets from calls"))
        }
        let prepared = try await tickets.prepare(receivedAt: now)
        let tickets = self.tickets, dialect = store.dialect
        return try await store.write { db in
            guard var row = try await Self.callRow(db, id: callRowId, lock: dialect.rowLock()) else {
                throw AppError.notFound(Text("来电", "Call"))
            }
            guard actor.covers(unitPath: row.orgPath) else {
                throw AppError.forbidden(Text("该来电不在您的权限范围内", "This call is outside your scope"))
            }
            guard row.ticketId == nil else { throw AppError.conflict("call_has_ticket", Text("这通来电已有工单", "This call already has a ticket")) }
            guard row.answeredAt != nil else { throw AppError.conflict("call_not_answered", Text("只有已接听的来电可以建工单", "Only an answered call becomes a ticket")) }
            let owner = try await row.agentId.asyncMap { try await OrgQueries.userSummary(db, userId: $0) } ?? nil
            let unitActor = Principal(userId: actor.userId, username: actor.username, displayName: actor.displayName, orgUnitId: row.orgUnitId,
                                      orgPath: row.orgPath, roles: actor.roles, locale: actor.locale, customerId: nil)
            let created = try await tickets.create(db, prepared, subject: TelephonyRules.callSubject(callerNumber: row.callerNumber),
                                                   text: "来电 \(row.callerNumber)，分机 \(row.ext)，响铃 \(row.rings) 声（通话 \(row.callId)）。\nCall from \(row.callerNumber) on extension \(row.ext), \(row.rings) rings (call \(row.callId)).",
                                                   callerNumber: row.callerNumber, ownerId: owner?.active == true ? owner?.id : actor.userId, actor: unitActor,
                                                   receivedAt: Date(timeIntervalSince1970: Double(row.ringingAt ?? row.answeredAt ?? Clock.millis(now)) / 1000),
                                                   now: now)
            let at = Clock.millis(now)
            row.ticketId = created.id
            row.customerId = row.customerId ?? created.customerId
            try await db.raw("""
                UPDATE telephony_calls SET ticket_id = \(bind: created.id), customer_id = \(bind: row.customerId), updated_at = \(bind: at) WHERE id = \(bind: row.id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "telephony.ticket", entity: "telephony_call", entityId: row.id,
                                        detail: ["ticketId": created.id, "number": created.number], at: at)
            return try await Self.view(db, row)
        }
    }

    // MARK: the call log

    /// Calls the viewer may see, newest first: staff who see their unit's tickets see their unit's calls and below;
    /// everyone else on the staff only the calls of their own extension.
    public func calls(customerId: String?, agentId: String?, paging: Paging, viewer: Principal) async throws -> ListPage<TelephonyCallView> {
        guard !Role.isCustomerOnly(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await Self.calls(db, customerId: customerId, agentId: agentId, paging: paging, viewer: viewer) }
    }

    static func calls(_ db: any SQLDatabase, customerId: String?, agentId: String?, paging: Paging, viewer: Principal) async throws -> ListPage<TelephonyCallView> {
        let customerId = TextRules.trimmed(customerId), agentId = TextRules.trimmed(agentId)
        do {
            var filter: SQLQueryString = "(\(Self.scope(viewer)))"
            if let customerId { filter = "\(filter) AND customer_id = \(bind: customerId)" }
            if let agentId { filter = "\(filter) AND agent_id = \(bind: agentId)" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM telephony_calls WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: CallRow.columns) FROM telephony_calls WHERE \(filter) ORDER BY created_at DESC, id DESC
                LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all().map(CallRow.init(row:))
            var items: [TelephonyCallView] = []
            for row in rows { items.append(try await Self.view(db, row, viewer: viewer)) }
            return ListPage(items: items, page: paging.page, per: paging.per, total: total)
        }
    }

    static func scope(_ viewer: Principal) -> SQLQueryString {
        if Role.seesUnitTickets(viewer.roles) {
            return "org_path LIKE \(bind: viewer.orgPath + "%") OR agent_id = \(bind: viewer.userId)"
        }
        return "agent_id = \(bind: viewer.userId)"
    }

    /// The call log page's model: the calls, and the names of the customer and agent filtered by.
    public struct CallLog: Sendable {
        public let calls: ListPage<TelephonyCallView>
        public let customerName: String?
        public let agentName: String?
        public let agents: [(id: String, name: String)]
    }

    /// The call log page's one read.
    public func callLog(customerId: String?, agentId: String?, paging: Paging, viewer: Principal) async throws -> CallLog {
        guard !Role.isCustomerOnly(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            let calls = try await Self.calls(db, customerId: customerId, agentId: agentId, paging: paging, viewer: viewer)
            let customer = try await TextRules.trimmed(customerId).asyncMap { try await TicketsFromCalls.customer(db, id: $0, viewer: viewer)?.name } ?? nil
            let agentIds = try await db.raw("SELECT DISTINCT agent_id FROM telephony_calls WHERE (\(Self.scope(viewer))) AND agent_id IS NOT NULL")
                .all().map { try $0.decode(column: "agent_id", as: String.self) }
            let names = try await OrgQueries.displayNames(db, ids: Set(agentIds))
            let agents = names.map { (id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
            return CallLog(calls: calls, customerName: customer, agentName: TextRules.trimmed(agentId).flatMap { names[$0] }, agents: agents)
        }
    }

    // MARK: the screen pop

    /// The screen pop's model for the signed-in agent: the newest call ringing on one of their extensions, or
    /// answered by them and not yet made a ticket (in the last 30 minutes), with the caller's customer record and open
    /// tickets as the agent may see them. nil: nothing to show. `hasExtension` false: the agent has no extension.
    public struct Pop: Codable, Sendable {
        public struct Call: Codable, Sendable {
            public let id: String
            public let state: String
            public let callerNumber: String
            public let customer: TicketsFromCalls.Caller?
            public let openTickets: [TicketsFromCalls.OpenTicket]
            public let ticketId: String?
            public let stamp: String
        }
        public let call: Call?
    }

    public func hasExtension(_ viewer: Principal) async throws -> Bool {
        try await store.read { db in try await db.raw("SELECT 1 AS x FROM telephony_extensions WHERE agent_id = \(bind: viewer.userId)").first() != nil }
    }

    public func pop(for viewer: Principal, now: Date = Date()) async throws -> Pop {
        let since = Clock.millis(now) - TelephonyRules.popWindowMillis
        return try await store.read { db in
            guard let r = try await db.raw("""
                SELECT \(unsafeRaw: CallRow.columns) FROM telephony_calls
                WHERE agent_id = \(bind: viewer.userId) AND updated_at > \(bind: since)
                  AND (state = 'ringing' OR (state = 'answered' AND ticket_id IS NULL))
                ORDER BY updated_at DESC, id DESC LIMIT 1
                """).first() else { return Pop(call: nil) }
            let row = try CallRow(row: r)
            let customer = try await TicketsFromCalls.customer(db, phone: row.callerNumber, viewer: viewer)
            let open = try await customer.asyncMap { try await TicketsFromCalls.openTickets(db, customerId: $0.id, viewer: viewer) } ?? []
            return Pop(call: .init(id: row.id, state: row.state, callerNumber: row.callerNumber, customer: customer, openTickets: open,
                                   ticketId: row.ticketId, stamp: "\(row.id):\(row.state):\(row.ticketId ?? "")"))
        }
    }

    // MARK: extensions

    static func requireAdmin(_ actor: Principal, unitPath: String?) throws {
        guard actor.isAdmin, unitPath.map(actor.covers(unitPath:)) ?? true else {
            throw AppError.forbidden(Text("只有本单位的管理员可以分配分机", "Only the unit's administrators assign extensions"))
        }
    }

    public func extensions(viewer: Principal) async throws -> [TelephonyExtensionView] {
        try Self.requireAdmin(viewer, unitPath: nil)
        return try await store.read { db in try await Self.extensions(db, viewer: viewer) }
    }

    static func extensions(_ db: any SQLDatabase, viewer: Principal) async throws -> [TelephonyExtensionView] {
        do {
            let rows = try await db.raw("""
                SELECT extension, agent_id, org_unit_id, org_path, updated_at FROM telephony_extensions WHERE org_path LIKE \(bind: viewer.orgPath + "%")
                ORDER BY extension
                """).all()
            let ids = Set(try rows.map { try $0.decode(column: "agent_id", as: String.self) })
            let names = try await OrgQueries.displayNames(db, ids: ids)
            return try rows.map { try Self.extensionView($0, names: names) }
        }
    }

    public func getExtension(_ ext: String, viewer: Principal) async throws -> TelephonyExtensionView {
        try Self.requireAdmin(viewer, unitPath: nil)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT extension, agent_id, org_unit_id, org_path, updated_at FROM telephony_extensions WHERE extension = \(bind: ext)").first() else {
                throw AppError.notFound(Text("分机", "Extension"))
            }
            try Self.requireAdmin(viewer, unitPath: try row.decode(column: "org_path", as: String.self))
            let names = try await OrgQueries.displayNames(db, ids: [try row.decode(column: "agent_id", as: String.self)])
            return try Self.extensionView(row, names: names)
        }
    }

    /// Assigns the extension to an active staff member of the administrator's units (replacing the agent it had,
    /// when that one is in the administrator's units too). Audited.
    public func putExtension(_ ext: String, _ input: TelephonyExtensionInput, by actor: Principal, now: Date = Date()) async throws -> TelephonyExtensionView {
        try Self.requireAdmin(actor, unitPath: nil)
        guard TelephonyRules.isValidExtension(ext) else {
            throw AppError.validation("extension", Text("分机号应为 1–20 位数字", "The extension is 1–20 digits"))
        }
        guard let agentId = TextRules.trimmed(input.agentId) else { throw AppError.validation("agentId", Text("请选择客服人员", "Choose the agent")) }
        return try await store.write { db in
            if let existing = try await Self.extensionRow(db, ext) { try Self.requireAdmin(actor, unitPath: existing.orgPath) }
            guard let agent = try await OrgQueries.userSummary(db, userId: agentId), agent.active, !Role.isCustomerOnly(Set(Role.set(agent.roles))) else {
                throw AppError.validation("agentId", Text("员工不存在", "No such staff member"))
            }
            try Self.requireAdmin(actor, unitPath: agent.orgPath)
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM telephony_extensions WHERE extension = \(bind: ext)").run()
            try await db.raw("""
                INSERT INTO telephony_extensions (extension, agent_id, org_unit_id, org_path, updated_by, updated_at)
                VALUES (\(bind: ext), \(bind: agent.id), \(bind: agent.orgUnitId), \(bind: agent.orgPath), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "telephony.extension", entity: "telephony_extension", entityId: ext,
                                        detail: ["agentId": agent.id], at: at)
            return TelephonyExtensionView(extension: ext, agentId: agent.id, agentName: agent.displayName, orgUnitId: agent.orgUnitId, updatedAt: Instant(millis: at))
        }
    }

    /// Unassigns the extension: its rings reach no one until it is assigned again; the calls it took stay in the log. Audited.
    public func deleteExtension(_ ext: String, by actor: Principal, now: Date = Date()) async throws {
        try Self.requireAdmin(actor, unitPath: nil)
        try await store.write { db in
            guard let existing = try await Self.extensionRow(db, ext) else { throw AppError.notFound(Text("分机", "Extension")) }
            try Self.requireAdmin(actor, unitPath: existing.orgPath)
            try await db.raw("DELETE FROM telephony_extensions WHERE extension = \(bind: ext)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "telephony.extension.unassign", entity: "telephony_extension", entityId: ext,
                                        detail: ["agentId": existing.agentId], at: Clock.millis(now))
        }
    }

    static func extensionView(_ row: any SQLRow, names: [String: String]) throws -> TelephonyExtensionView {
        let agentId = try row.decode(column: "agent_id", as: String.self)
        return TelephonyExtensionView(extension: try row.decode(column: "extension", as: String.self), agentId: agentId, agentName: names[agentId] ?? agentId,
                                      orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                                      updatedAt: Instant(millis: try row.decode(column: "updated_at", as: Int64.self)))
    }

    struct ExtensionRow: Sendable {
        let agentId: String
        let orgUnitId: String
        let orgPath: String
    }

    static func extensionRow(_ db: any SQLDatabase, _ ext: String) async throws -> ExtensionRow? {
        guard let r = try await db.raw("SELECT agent_id, org_unit_id, org_path FROM telephony_extensions WHERE extension = \(bind: ext)").first() else { return nil }
        return ExtensionRow(agentId: try r.decode(column: "agent_id", as: String.self), orgUnitId: try r.decode(column: "org_unit_id", as: String.self),
                            orgPath: try r.decode(column: "org_path", as: String.self))
    }

    // MARK: rows

    struct CallRow: Sendable {
        let id: String
        let callId: String
        let callerNumber: String
        let ext: String
        let agentId: String?
        var customerId: String?
        var state: String
        var rings: Int
        var ringingAt: Int64?
        var answeredAt: Int64?
        var endedAt: Int64?
        var ticketId: String?
        var qualityCallId: String?
        let orgUnitId: String
        let orgPath: String

        static let columns = "id, call_id, caller_number, extension, agent_id, customer_id, state, rings, ringing_at, answered_at, ended_at, ticket_id, quality_call_id, org_unit_id, org_path"
    }

    static func callRow(_ db: any SQLDatabase, callId: String) async throws -> CallRow? {
        try await db.raw("SELECT \(unsafeRaw: CallRow.columns) FROM telephony_calls WHERE call_id = \(bind: callId)").first().map(CallRow.init(row:))
    }

    /// `lock`: the dialect's row lock (`StoreDialect.rowLock()`), or "" for a plain read.
    static func callRow(_ db: any SQLDatabase, id: String, lock: String) async throws -> CallRow? {
        try await db.raw("SELECT \(unsafeRaw: CallRow.columns) FROM telephony_calls WHERE id = \(bind: id)\(unsafeRaw: lock)").first().map(CallRow.init(row:))
    }

    /// `viewer`: the customer's name only when the viewer may see the customer.
    static func view(_ db: any SQLDatabase, _ row: CallRow, viewer: Principal? = nil) async throws -> TelephonyCallView {
        let agentName = try await row.agentId.asyncMap { try await OrgQueries.displayNames(db, ids: [$0])[$0] } ?? nil
        var customerName: String?
        if let customerId = row.customerId {
            if let viewer {
                customerName = try await TicketsFromCalls.customer(db, id: customerId, viewer: viewer)?.name
            } else {
                customerName = try await TicketsFromCalls.customer(db, phone: row.callerNumber, viewer: nil)?.name
            }
        }
        let number = try await row.ticketId.asyncMap { try await TicketsFromCalls.number(db, ticketId: $0) } ?? nil
        return TelephonyCallView(id: row.id, callId: row.callId, callerNumber: row.callerNumber, extension: row.ext, agentId: row.agentId,
                                 agentName: agentName, customerId: row.customerId, customerName: customerName, state: row.state, rings: row.rings,
                                 ringingAt: Instant(millis: row.ringingAt), answeredAt: Instant(millis: row.answeredAt), endedAt: Instant(millis: row.endedAt),
                                 ticketId: row.ticketId, ticketNumber: number, qualityCallId: row.qualityCallId, orgUnitId: row.orgUnitId)
    }
}

extension TelephonyService {
    /// The extension page's model: the extensions in the administrator's units and the staff they may be given to.
    public struct ExtensionsPage: Sendable {
        public let extensions: [TelephonyExtensionView]
        public let agents: [(id: String, name: String)]
    }

    public func extensionsPage(viewer: Principal) async throws -> ExtensionsPage {
        try Self.requireAdmin(viewer, unitPath: nil)
        return try await store.read { db in
            ExtensionsPage(extensions: try await Self.extensions(db, viewer: viewer), agents: try await OrgQueries.activeUsers(db, withAnyOf: Role.ticketOwners, underPath: viewer.orgPath))
        }
    }
}

/// Read from its row; an extension, so that the memberwise initialiser the new call uses stays synthesised.
extension TelephonyService.CallRow {
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        callId = try row.decode(column: "call_id", as: String.self)
        callerNumber = try row.decode(column: "caller_number", as: String.self)
        ext = try row.decode(column: "extension", as: String.self)
        agentId = try row.decode(column: "agent_id", as: String?.self)
        customerId = try row.decode(column: "customer_id", as: String?.self)
        state = try row.decode(column: "state", as: String.self)
        rings = try row.decode(column: "rings", as: Int.self)
        ringingAt = try row.decode(column: "ringing_at", as: Int64?.self)
        answeredAt = try row.decode(column: "answered_at", as: Int64?.self)
        endedAt = try row.decode(column: "ended_at", as: Int64?.self)
        ticketId = try row.decode(column: "ticket_id", as: String?.self)
        qualityCallId = try row.decode(column: "quality_call_id", as: String?.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
    }
}
