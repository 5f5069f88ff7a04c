import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

public struct SurveyInvitationView: Codable, Sendable {
    public let id: String
    /// The public page (no sign-in): `/s/{token}`, absolute when the request named its host.
    public let url: String
    public let token: String
    public let expiresAt: Instant
    public let occasion: String
}

public struct SurveySubmission: Codable, Sendable {
    public struct Answer: Codable, Sendable { public var item: String?; public var level: Int?; public var comment: String? }
    public var overall: Int?
    public var answers: [Answer]?
    public var comment: String?
}

public struct SurveyReceipt: Codable, Sendable {
    public let id: String
    @Nullable public var complaintId: String?
    @Nullable public var complaintTicketId: String?
}

/// What the public page shows for a token.
public struct PublicSurvey: Sendable {
    public enum State: Sendable { case open, submitted, expired }
    public let state: State
    public let occasion: String
    public let expiresAt: Int64
}

public struct SatisfactionReport: Codable, Sendable {
    public struct Group: Codable, Sendable {
        let key: String
        @Nullable var name: String?
        let responses: Int
        let satisfied: Int
        @Nullable var rate: Decimal?
        @Nullable var percent: String?
        @Nullable var meetsTarget: Bool?
    }
    let responses: Int
    let satisfied: Int
    @Nullable var rate: Decimal?
    @Nullable var percent: String?
    @Nullable var target: String?
    @Nullable var meetsTarget: Bool?
    let groups: [Group]
    /// SAT-05: each item's answers per level, `levels[0]` = 很满意 … `levels[4]` = 不满意.
    let items: [ItemAnalysis]

    public struct ItemAnalysis: Codable, Sendable {
        let item: String
        let name: String
        let answers: Int
        let levels: [Int]
        @Nullable var satisfiedPercent: String?
    }
}

/// Satisfaction surveys (SAT-01..09): invitations, the public form, 不满意 → complaint, the SAT-08 rate.
public struct SurveyService: Sendable {
    let store: any Store
    let tickets: TicketService
    let auth: AuthService

    public init(store: any Store, tickets: TicketService) {
        self.store = store
        self.tickets = tickets
        self.auth = AuthService(store: store)
    }

    public static let defaultValidDays = 30

    static func validDays(_ raw: Int?) throws -> Int {
        let d = raw ?? defaultValidDays
        guard (1...365).contains(d) else { throw AppError.validation("validDays", Text("有效天数必须在 1 到 365 之间", "validDays must be between 1 and 365")) }
        return d
    }

    static func insertInvitation(_ db: any SQLDatabase, occasion: String, ticketId: String?, repairOrderId: String?, campaignId: String?, customerId: String?,
                                 customerName: String?, orgUnitId: String, orgPath: String, validDays: Int, actorId: String, at: Int64,
                                 baseURL: String) async throws -> SurveyInvitationView {
        let token = Secrets.randomToken()
        let id = Clock.newID()
        let expires = at + Int64(validDays) * 86_400_000
        try await db.raw("""
            INSERT INTO survey_invitations (id, token_hash, occasion, ticket_id, repair_order_id, campaign_id, customer_id, customer_name, org_unit_id, org_path,
                expires_at, created_by, created_at)
            VALUES (\(bind: id), \(bind: Secrets.hash(token)), \(bind: occasion), \(bind: ticketId), \(bind: repairOrderId), \(bind: campaignId), \(bind: customerId),
                \(bind: customerName), \(bind: orgUnitId), \(bind: orgPath), \(bind: expires), \(bind: actorId), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: actorId, action: "invited", entity: "survey_invitation", entityId: id,
                                    detail: ["occasion": occasion, "ticketId": ticketId ?? "", "repairOrderId": repairOrderId ?? ""], at: at)
        return SurveyInvitationView(id: id, url: baseURL + "/s/" + token, token: token, expiresAt: Instant(millis: expires), occasion: occasion)
    }

    /// SAT-02 / RMA-12: after a repair (once shipped) or for a ticket.
    public func invite(ticketId rawTicket: String?, repairOrderId rawRepair: String?, validDays rawDays: Int?, baseURL: String, by actor: Principal,
                       now: Date = Date()) async throws -> SurveyInvitationView {
        try AftersalesAccess.require(actor, .customerService)
        let ticketId = try Field.id(rawTicket, "ticketId")
        let repairId = try Field.id(rawRepair, "repairOrderId")
        guard (ticketId == nil) != (repairId == nil) else {
            throw AppError.validation("ticketId", Text("请填写工单或维修单（二者选一）", "Give exactly one of ticketId or repairOrderId"))
        }
        let days = try Self.validDays(rawDays)
        let at = Clock.millis(now)
        return try await store.write { db in
            if let repairId {
                // #11.1: the repair order by id or by its number (WX2026-0001).
                let repairNumber = FindQuery(repairId)?.number.map { $0.formatted(dash: false, width: 4) } ?? repairId
                var found = try await db.raw("SELECT * FROM repair_orders WHERE id = \(bind: repairId)").first()
                if found == nil { found = try await db.raw("SELECT * FROM repair_orders WHERE number = \(bind: repairNumber)").first() }
                guard let r = found else {
                    throw AppError.notFound(Text("返修单", "Repair order"))
                }
                try AftersalesRecords.requireInScope(actor, recordPath: try r.decode(column: "org_path", as: String.self), Text("返修单", "Repair order"))
                let status = RepairStatus(rawValue: try r.decode(column: "status", as: String.self))
                guard status == .shipped || status == .closed else {
                    throw AppError.conflict("repair_not_shipped", Text("返修品发出后才能发送满意度调查", "A survey is sent once the repaired unit has shipped"))
                }
                return try await Self.insertInvitation(db, occasion: "repair", ticketId: try r.str("ticket_id"), repairOrderId: try r.decode(column: "id", as: String.self), campaignId: nil,
                                                       customerId: try r.str("customer_id"), customerName: try r.str("customer_name"),
                                                       orgUnitId: try r.decode(column: "org_unit_id", as: String.self), orgPath: try r.decode(column: "org_path", as: String.self),
                                                       validDays: days, actorId: actor.userId, at: at, baseURL: baseURL)
            }
            let t = try await TicketsInScope.load(db, id: ticketId!, viewer: actor)
            return try await Self.insertInvitation(db, occasion: "ticket", ticketId: t.id, repairOrderId: nil, campaignId: nil, customerId: t.customerId,
                                                   customerName: t.customerName, orgUnitId: t.orgUnitId, orgPath: t.orgPath, validDays: days,
                                                   actorId: actor.userId, at: at, baseURL: baseURL)
        }
    }

    public struct CampaignView: Codable, Sendable { let id: String; let name: String; let quarter: String; let invitations: [SurveyInvitationView] }

    /// SAT-02's occasions besides a repair or a ticket: the quarterly campaign, customers testing samples, customers visited
    /// by sales staff, and other occasions (promotion, random interview).
    public static let campaignOccasions = ["campaign", "sample", "visit", "other"]

    /// SAT-01: the quarterly survey to a list of customers (or a list for another SAT-02 occasion).
    public func campaign(name raw: String?, quarter rawQuarter: String?, customerIds: [String]?, validDays rawDays: Int?, occasion rawOccasion: String? = nil,
                         baseURL: String, by actor: Principal, now: Date = Date()) async throws -> CampaignView {
        try AftersalesAccess.require(actor, .customerService)
        let occasion = TextRules.trimmed(rawOccasion) ?? "campaign"
        guard Self.campaignOccasions.contains(occasion) else {
            throw AppError.validation("occasion", Text("请选择有效的调查时机", "occasion must be one of {0}").with(Self.campaignOccasions.joined(separator: ", ")))
        }
        let name = try Field.required(raw, "name", max: 200)
        let quarter = try Field.required(rawQuarter, "quarter", max: 7)
        let parts = quarter.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil, ["Q1", "Q2", "Q3", "Q4"].contains(String(parts[1])) else {
            throw AppError.validation("quarter", Text("季度格式为 2026-Q4", "quarter must look like 2026-Q4"))
        }
        let ids = try (customerIds ?? []).map { try Field.id($0, "customerIds") ?? "" }
        guard !ids.isEmpty, ids.count <= 1000, Set(ids).count == ids.count, !ids.contains("") else {
            throw AppError.validation("customerIds", Text("请选择 1 到 1000 个不重复的客户", "Choose 1 to 1000 distinct customers"))
        }
        let days = try Self.validDays(rawDays)
        let at = Clock.millis(now)
        return try await store.write { db in
            let id = Clock.newID()
            try await db.raw("INSERT INTO survey_campaigns (id, name, quarter, created_by, created_at) VALUES (\(bind: id), \(bind: name), \(bind: quarter), \(bind: actor.userId), \(bind: at))").run()
            var invitations: [SurveyInvitationView] = []
            for typed in ids {
                // #11.1: each customer by id or whole phone number.
                // #10.6: a customer outside the caller's scope is answered as one that does not exist: 404, as a
                // ticket's `customerId` (the route matrix found 422 here).
                guard let cid = try await CustomerReferenceLookup.id(db, typed), try await CustomerService.inScope(db, cid, actor),
                      let customerName = try await CustomerService.name(db, customerId: cid) else {
                    throw AppError.notFound(Text("客户 {0}", "Customer {0}").with(typed))
                }
                invitations.append(try await Self.insertInvitation(db, occasion: occasion, ticketId: nil, repairOrderId: nil, campaignId: id, customerId: cid,
                                                                   customerName: customerName, orgUnitId: actor.orgUnitId,
                                                                   orgPath: actor.orgPath, validDays: days, actorId: actor.userId, at: at, baseURL: baseURL))
            }
            return CampaignView(id: id, name: name, quarter: quarter, invitations: invitations)
        }
    }

    // MARK: public side (no sign-in)

    public func publicSurvey(token: String, now: Date = Date()) async throws -> PublicSurvey {
        let hash = Secrets.hash(token)
        return try await store.read { db in
            // #10.6: the public page carries no personal data — not even the customer's name.
            guard let r = try await db.raw("SELECT occasion, expires_at, submitted_at FROM survey_invitations WHERE token_hash = \(bind: hash)").first() else {
                throw AppError.notFound(Text("调查问卷", "Survey"))
            }
            let expires = try r.decode(column: "expires_at", as: Int64.self)
            let state: PublicSurvey.State = try r.millis("submitted_at") != nil ? .submitted : (expires <= Clock.millis(now) ? .expired : .open)
            return PublicSurvey(state: state, occasion: try r.decode(column: "occasion", as: String.self), expiresAt: expires)
        }
    }

    /// One submission per link, before it expires (SAT-03/04); any 不满意 opens a complaint ticket linked to the survey (SAT-06).
    public func submit(token: String, _ input: SurveySubmission, now: Date = Date()) async throws -> SurveyReceipt {
        try await submit(column: "token_hash", value: Secrets.hash(token), input, now: now)
    }

    /// The answer to the invitation whose `column` (`token_hash`, or `id` for a paper form typed in by staff) is `value`.
    func submit(column: String, value: String, _ input: SurveySubmission, now: Date) async throws -> SurveyReceipt {
        let answer = try Self.validated(input)
        return try await store.write { db in try await self.record(db, column: column, value: value, answer, at: Clock.millis(now)) }
    }

    /// A submission checked field by field: the overall level, the answers to known items, the comment.
    struct ValidAnswer: Sendable {
        let overall: SatisfactionLevel
        let list: [(String, SatisfactionLevel, String?)]
        let comment: String?
    }

    static func validated(_ input: SurveySubmission) throws -> ValidAnswer {
        guard let overallRaw = input.overall else { throw AppError.validation("overall", Text("请选择总体评价", "The overall rating is required")) }
        guard let overall = SatisfactionLevel(rawValue: overallRaw) else {
            throw AppError.validation("overall", Text("总体评价必须是 1 到 5", "overall must be 1 to 5"))
        }
        let known = SurveyTemplate.itemCodes
        var answers: [(String, SatisfactionLevel, String?)] = []
        for a in input.answers ?? [] {
            guard let item = TextRules.trimmed(a.item), known.contains(item) else {
                throw AppError.validation("answers.item", Text("未知的调查项目", "Unknown survey item"))
            }
            guard let level = a.level.flatMap(SatisfactionLevel.init(rawValue:)) else {
                throw AppError.validation("answers.level", Text("评价必须是 1 到 5", "level must be 1 to 5"))
            }
            guard !answers.contains(where: { $0.0 == item }) else { throw AppError.validation("answers.item", Text("同一项目只能评价一次", "Each item is rated once")) }
            answers.append((item, level, try Field.text(a.comment, "answers.comment", max: 2000, required: false)))
        }
        let comment = try Field.text(input.comment, "comment", max: 4000, required: false)
        return ValidAnswer(overall: overall, list: answers, comment: comment)
    }

    /// Records `answer` for the invitation whose `column` is `value`, inside the caller's transaction.
    func record(_ db: any SQLDatabase, column: String, value: String, _ answer: ValidAnswer, at: Int64) async throws -> SurveyReceipt {
        let lock = store.dialect.rowLock()
        let (overall, list, comment) = (answer.overall, answer.list, answer.comment)
        guard let inv = try await db.raw("SELECT * FROM survey_invitations WHERE \(unsafeRaw: column) = \(bind: value)\(unsafeRaw: lock)").first() else {
            throw AppError.notFound(Text("调查问卷", "Survey"))
        }
        let invitationId = try inv.decode(column: "id", as: String.self)
        if try inv.millis("submitted_at") != nil {
            throw AppError.conflict("survey_already_submitted", Text("该问卷已提交，感谢您的反馈", "This survey has already been submitted; thank you"))
        }
        if try inv.decode(column: "expires_at", as: Int64.self) <= at {
            throw AppError.conflict("survey_expired", Text("该问卷链接已过期", "This survey link has expired"))
        }
        let orgUnitId = try inv.decode(column: "org_unit_id", as: String.self), orgPath = try inv.decode(column: "org_path", as: String.self)
        let responseId = Clock.newID()
        try await db.raw("UPDATE survey_invitations SET submitted_at = \(bind: at) WHERE id = \(bind: invitationId)").run()
        try await db.raw("""
            INSERT INTO survey_responses (id, invitation_id, overall, comment, org_unit_id, org_path, submitted_at)
            VALUES (\(bind: responseId), \(bind: invitationId), \(bind: overall.rawValue), \(bind: comment), \(bind: orgUnitId), \(bind: orgPath), \(bind: at))
            """).run()
        for (item, level, c) in list {
            try await db.raw("""
                INSERT INTO survey_answers (id, response_id, item, level, comment)
                VALUES (\(bind: Clock.newID()), \(bind: responseId), \(bind: item), \(bind: level.rawValue), \(bind: c))
                """).run()
        }
        try await AuditTrail.record(db, actorId: nil, action: "submitted", entity: "survey_invitation", entityId: invitationId,
                                    detail: ["overall": String(overall.rawValue), "responseId": responseId], at: at)
        // SAT-06: any 不满意 opens a complaint.
        let dissatisfied = overall == .dissatisfied || list.contains { $0.1 == .dissatisfied }
        guard dissatisfied else { return SurveyReceipt(id: responseId, complaintId: nil, complaintTicketId: nil) }
        let customerName = try inv.str("customer_name")
        let subject = "满意度调查不满意 / Dissatisfied survey answer" + (customerName.map { "：\($0)" } ?? "")
        let lines = [comment.map { "客户意见：\($0)" }] + list.filter { $0.1 == .dissatisfied }.map { "不满意：\($0.0)" + ($0.2.map { "（\($0)）" } ?? "") }
        var ticketId: String?
        if let inviter = try await auth.principal(userId: try inv.decode(column: "created_by", as: String.self)), inviter.has(.createTicket) {
            let ticket = try await tickets.create(CreateTicketInput(subject: subject, description: lines.compactMap { $0 }.joined(separator: "\n"), type: "complaint",
                                                                    channel: "web", priority: "high", customerId: try inv.str("customer_id")),
                                                  by: inviter, now: Clock.date(millis: at))
            ticketId = ticket.id
        }
        var complaintId = try await ticketId.asyncMap { tid in try await db.raw("SELECT id FROM complaints WHERE ticket_id = \(bind: tid)").first()?.str("id") } ?? nil
        if complaintId == nil {
            complaintId = try await ComplaintService.open(db, ticketId: ticketId, subject: subject, customerName: customerName, orgUnitId: orgUnitId, orgPath: orgPath,
                                                          surveyResponseId: responseId, actorId: try inv.decode(column: "created_by", as: String.self), at: at)
        }
        try await db.raw("UPDATE complaints SET survey_response_id = \(bind: responseId) WHERE id = \(bind: complaintId!)").run()
        try await db.raw("UPDATE survey_responses SET complaint_id = \(bind: complaintId!) WHERE id = \(bind: responseId)").run()
        return SurveyReceipt(id: responseId, complaintId: complaintId, complaintTicketId: ticketId)
    }

    // MARK: the rate (SAT-08/09)

    static let targetKey = "satisfaction_target_bp"

    public func target() async throws -> Int? {
        try await store.read { db in
            try await db.raw("SELECT value FROM aftersales_settings WHERE name = \(bind: Self.targetKey)").first().flatMap { Int(try $0.decode(column: "value", as: String.self)) }
        }
    }

    /// SAT-09: the company quality target; the seed gives no value (D10), so it is configured here.
    public func setTarget(percent raw: String?, by actor: Principal, now: Date = Date()) async throws -> String {
        guard AftersalesPermission.granted(.setQualityTarget, to: actor.roles, userPath: actor.orgPath) else {
            throw AppError.forbidden(Text("只有总部客服经理可以设定质量目标", "Only a head-office CS manager can set the quality target"))
        }
        guard let text = TextRules.trimmed(raw), let fen = Yuan.fen(text), fen <= 10_000 else {
            throw AppError.validation("percent", Text("目标必须是 0 到 100 之间的百分数，最多两位小数", "percent must be 0 to 100 with at most two decimals"))
        }
        let bp = Int(fen), at = Clock.millis(now)
        try await store.write { db in
            try await db.raw("""
                INSERT INTO aftersales_settings (name, value, updated_by, updated_at) VALUES (\(bind: Self.targetKey), \(bind: String(bp)), \(bind: actor.userId), \(bind: at))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "target_set", entity: "aftersales_settings", entityId: Self.targetKey, detail: ["percent": Yuan.text(Int64(bp))], at: at)
        }
        return Yuan.text(Int64(bp))
    }

    static func decimalRate(_ r: SatisfactionRate) -> Decimal? {
        guard let bp = r.basisPoints else { return nil }
        return Decimal(bp) / Decimal(10_000)
    }

    /// SAT-08 by department (the serving unit, D10), month or quarter over `from`…`to`.
    public func report(from rawFrom: String?, to rawTo: String?, groupBy rawGroup: String?, viewer: Principal) async throws -> SatisfactionReport {
        try AftersalesAccess.require(viewer, .view)
        let from = try Periods.start(rawFrom, "from"), to = try Periods.end(rawTo, "to")
        let group = TextRules.trimmed(rawGroup) ?? "department"
        guard ["department", "month", "quarter", "none"].contains(group) else {
            throw AppError.validation("groupBy", Text("统计方式只能是按部门、按月、按季度或不分组", "groupBy must be department, month, quarter or none"))
        }
        let target = try await self.target()
        return try await store.read { db in
            var conds: [SQLQueryString] = [AftersalesRecords.condition(viewer, path: "r.org_path")]
            if let from { conds.append("r.submitted_at >= \(bind: from)") }
            if let to { conds.append("r.submitted_at < \(bind: to)") }
            let rows = try await db.raw("""
                SELECT r.overall, r.org_unit_id, r.submitted_at, \(unsafeRaw: OrgQueries.unitNameSQL("r.org_unit_id")) AS unit_name FROM survey_responses r
                WHERE \(SQLList(conds, separator: SQLRaw(" AND ")))
                """).all()
            var all: [SatisfactionLevel] = []
            var groups: [String: (String?, [SatisfactionLevel])] = [:]
            for r in rows {
                guard let level = SatisfactionLevel(rawValue: try r.decode(column: "overall", as: Int.self)) else { continue }
                all.append(level)
                func day() throws -> LocalDate { Today.localDate(millis: try r.decode(column: "submitted_at", as: Int64.self)) }
                let key: String, name: String?
                switch group {
                case "month": key = try day().monthKey; name = nil
                case "quarter": let d = try day(); key = "\(d.year)-Q\((d.month - 1) / 3 + 1)"; name = nil
                case "none": key = "all"; name = nil
                default: key = try r.decode(column: "org_unit_id", as: String.self); name = try r.str("unit_name")
                }
                groups[key, default: (name, [])].1.append(level)
            }
            let total = SatisfactionRate(overallRatings: all)
            var perItem: [String: [Int]] = [:]
            for a in try await db.raw("""
                SELECT a.item, a.level, COUNT(*) AS n FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
                WHERE \(SQLList(conds, separator: SQLRaw(" AND "))) GROUP BY a.item, a.level
                """).all() {
                let level = try a.decode(column: "level", as: Int.self)
                guard (1...5).contains(level) else { continue }
                perItem[try a.decode(column: "item", as: String.self), default: [0, 0, 0, 0, 0]][5 - level] += try a.decode(column: "n", as: Int.self)
            }
            let items = SurveyTemplate.standard.flatMap(\.items).compactMap { item -> SatisfactionReport.ItemAnalysis? in
                guard let levels = perItem[item.code] else { return nil }
                let n = levels.reduce(0, +)
                return .init(item: item.code, name: item.zh, answers: n, levels: levels,
                             satisfiedPercent: SatisfactionRate(responses: n, satisfied: levels[0] + levels[1] + levels[2]).percentText)
            }
            return SatisfactionReport(
                responses: total.responses, satisfied: total.satisfied, rate: Self.decimalRate(total), percent: total.percentText,
                target: target.map { Yuan.text(Int64($0)) }, meetsTarget: target.flatMap { total.meets(targetBasisPoints: $0) },
                groups: groups.keys.sorted().map { k in
                    let r = SatisfactionRate(overallRatings: groups[k]!.1)
                    return .init(key: k, name: groups[k]!.0, responses: r.responses, satisfied: r.satisfied, rate: Self.decimalRate(r), percent: r.percentText,
                                 meetsTarget: target.flatMap { r.meets(targetBasisPoints: $0) })
                }, items: items)
        }
    }
}
