import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// The complaint closed loop (CMP-01..14, SPEC 4.7). Every step: permission, validation, the flow's verdict, one
/// transaction, and an entry in the audit trail (the case's history, kept — RET-01).
public struct ComplaintService: Sendable {
    let store: any Store
    /// #11.4: who must act next is told (the composition root passes the service desk's notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()
    /// #14 CMP-15: property organisations close a complaint only after its return visit (the composition root passes the property feature's answer).
    public var returnVisits: any ReturnVisitRequirement = NoReturnVisitRequirement()
    /// #16 item 6 (CMP-01): how a complaint sales accepted becomes a complaint ticket (the composition root passes the service desk's).
    public var salesTickets: ComplaintTicketsFromSales?

    public init(store: any Store) { self.store = store }

    var lock: String { store.dialect.rowLock(of: "c") }

    // MARK: opening

    /// API.md: a ticket of type `complaint` gets a complaint case at once. Runs in the ticket's transaction.
    static func open(_ db: any SQLDatabase, ticketId: String?, subject: String, customerName: String?, orgUnitId: String, orgPath: String,
                     surveyResponseId: String?, actorId: String, at: Int64) async throws -> String {
        let id = Clock.newID()
        let number = try await Numbers.next("TS", year: Times.year(Clock.date(millis: at)), db)
        try await db.raw("""
            INSERT INTO complaints (id, number, ticket_id, survey_response_id, subject, customer_name, status, org_unit_id, org_path,
                registered_at, created_by, updated_at)
            VALUES (\(bind: id), \(bind: number), \(bind: ticketId), \(bind: surveyResponseId), \(bind: subject), \(bind: customerName), 'registered',
                \(bind: orgUnitId), \(bind: orgPath), \(bind: at), \(bind: actorId), \(bind: at))
            """).run()
        var detail = ["number": number, "status": "registered"]
        if let ticketId { detail["ticketId"] = ticketId }
        if let surveyResponseId { detail["surveyResponseId"] = surveyResponseId }
        try await AuditTrail.record(db, actorId: actorId, action: "registered", entity: "complaint", entityId: id, detail: detail, at: at)
        return id
    }

    /// `POST /api/v1/complaints {"ticketId"}`: opens the case for a complaint ticket that has none (e.g. retyped later).
    public func open(ticketId rawTicket: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        guard let ticketId = try Field.id(rawTicket, "ticketId") else { throw AppError.validation("ticketId", Text("请填写工单", "ticketId is required")) }
        let at = Clock.millis(now)
        let id: String = try await store.write { db in
            let ticket = try await TicketsInScope.load(db, id: ticketId, viewer: actor)
            guard ticket.type == "complaint" else {
                throw AppError.conflict("not_a_complaint_ticket", Text("只有投诉类工单才能立投诉案", "Only a complaint ticket opens a complaint case"))
            }
            if try await db.raw("SELECT id FROM complaints WHERE ticket_id = \(bind: ticketId)").first() != nil {
                throw AppError.conflict("complaint_exists", Text("该工单已有投诉案", "This ticket already has a complaint case"))
            }
            return try await Self.open(db, ticketId: ticket.id, subject: ticket.subject, customerName: ticket.customerName, orgUnitId: ticket.orgUnitId,
                                       orgPath: ticket.orgPath, surveyResponseId: nil, actorId: actor.userId, at: at)
        }
        return try await get(id: id, viewer: actor)
    }

    // MARK: steps

    /// One case (locked for change when `lock` is given), or 404.
    /// #10.2: a case outside the viewer's scope is 404 too. #17.6 RET-04: an archived case (its hand-offs' links, a
    /// bookmark) answers its tombstone, 410 `archived`, in the scope of the case's own unit.
    static func load(_ db: any SQLDatabase, id: String, today: String, lock: String = "", viewer: Principal) async throws -> ComplaintRow {
        guard let row = try await db.raw(SQLQueryString(ComplaintRow.select(today: today) + " WHERE c.id = ") + "\(bind: id)\(unsafeRaw: lock)").first() else {
            throw try await AftersalesRecords.missing(db, .complaint, id: id, viewer: viewer, Text("投诉", "Complaint"))
        }
        let complaint = try ComplaintRow(row: row)
        try AftersalesRecords.requireInScope(viewer, recordPath: complaint.orgPath, responsiblePath: complaint.responsibleOrgPath, Text("投诉", "Complaint"))
        return complaint
    }

    /// Loads the case locked, asks the flow, runs `body`, records status and history.
    func step(_ id: String, _ step: @escaping @Sendable (ComplaintRow) throws -> ComplaintStep, by actor: Principal, now: Date, action: String,
              detail: [String: String] = [:],
              _ body: @escaping @Sendable (any SQLDatabase, ComplaintRow, ComplaintStatus, Int64) async throws -> [String: String] = { _, _, _, _ in [:] }) async throws -> ComplaintView {
        let at = Clock.millis(now)
        let today = Today.date(now).description
        let lock = self.lock, handOffs = ComplaintHandOffs(notifier: notifier), returnVisits = self.returnVisits
        try await store.write { db in
            let row = try await Self.load(db, id: id, today: today, lock: lock, viewer: actor)
            let next = try FlowErrors.check(ComplaintFlow.next(row.status, row.facts, try step(row)))
            if next == .closed, let refusal = try await Self.closingRefusal(db, row, returnVisits) { throw FlowErrors.error(refusal) }
            var extra = try await body(db, row, next, at)
            if next != row.status {
                try await db.raw("UPDATE complaints SET status = \(bind: next.rawValue) WHERE id = \(bind: id)").run()
                extra["from"] = row.status.rawValue
                extra["to"] = next.rawValue
            }
            try await db.raw("UPDATE complaints SET updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await handOffs.stepped(db, before: row, next: next, internalFaultFound: detail["internalFault"].map { $0 == "true" }, by: actor, today: today, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "complaint", entityId: id,
                                        detail: detail.merging(extra) { a, _ in a }, at: at)
            // #14 CMP-15: a property organisation's case without its return visit waits at `verified`; CS closes it after the visit.
            if next == .verified, try await Self.closingRefusal(db, row, returnVisits) == nil {
                // API.md: effective (by QA and CS) → verified and closed, in the same transaction.
                let closed = try FlowErrors.check(ComplaintFlow.next(.verified, row.facts, .close))
                try await db.raw("UPDATE complaints SET status = \(bind: closed.rawValue), closed_at = \(bind: at) WHERE id = \(bind: id)").run()
                try await AuditTrail.record(db, actorId: actor.userId, action: "closed", entity: "complaint", entityId: id,
                                            detail: ["from": next.rawValue, "to": closed.rawValue], at: at + 1)
            }
        }
        return try await get(id: id, viewer: actor, now: now)
    }

    /// #14 CMP-15: why the case may not close yet (a property organisation's case needs handling and a return visit), or nil.
    static func closingRefusal(_ db: any SQLDatabase, _ row: ComplaintRow, _ returnVisits: any ReturnVisitRequirement) async throws -> FlowRefusal? {
        PropertyComplaintClosing.refusal(propertyOrganisation: try await returnVisits.required(db, orgPath: row.orgPath),
                                         handlingRecorded: row.status != .registered, returnVisitRecorded: row.returnVisitAt != nil)
    }

    /// CMP-02: customer service classifies; `quality` handling sends the complaint form to QA (CMP-05).
    /// CMP-17: `aboutUserId` names the agent whose service attitude the complaint is about.
    public func classify(id: String, responsibility raw: String?, handling rawHandling: String?, aboutUserId rawAbout: String? = nil, by actor: Principal,
                         now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        let responsibility = try Field.choice(raw, "responsibility", ComplaintResponsibility.self)
        let handling = try Field.choice(rawHandling, "handling", ComplaintHandling.self)
        let about = try Field.id(rawAbout, "aboutUserId")
        return try await step(id, { _ in .classify(responsibility, handling) }, by: actor, now: now, action: "classified",
                              detail: ["responsibility": responsibility.rawValue, "handling": handling.rawValue, "aboutUserId": about ?? ""]) { db, _, _, at in
            if let about {
                guard let user = try await OrgQueries.userSummary(db, userId: about), !Role.isCustomerOnly(Role.set(user.roles)) else {
                    throw AppError.validation("aboutUserId", Text("被投诉的员工不存在", "The staff member complained about does not exist"))
                }
            }
            try await db.raw("""
                UPDATE complaints SET responsibility = \(bind: responsibility.rawValue), handling = \(bind: handling.rawValue), about_user_id = \(bind: about)
                WHERE id = \(bind: id)
                """).run()
            if handling == .quality {
                // The ComplaintForm goes to QA: its own history line.
                try await AuditTrail.record(db, actorId: actor.userId, action: "sent_to_quality", entity: "complaint", entityId: id,
                                            detail: ["form": "bs-cp0703-fm004"], at: at + 1)
            }
            return [:]
        }
    }

    public struct AnalysisInput: Codable, Sendable {
        public var rootCause: String?
        public var responsibleOrgUnitId: String?
        public var samplesQuantity: Int?
        public var samplesInspected: Int?
        public var samplesFailed: Int?
        public init(rootCause: String? = nil, responsibleOrgUnitId: String? = nil) { self.rootCause = rootCause; self.responsibleOrgUnitId = responsibleOrgUnitId }
    }

    /// CMP-06/07/08: QA records root cause and the responsible department; none means no internal fault.
    /// Samples sent with the complaint are re-inspected 100%.
    public func analysis(id: String, _ input: AnalysisInput, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .quality)
        let rootCause = try Field.required(input.rootCause, "rootCause", max: 4000)
        let unitId = try Field.id(input.responsibleOrgUnitId, "responsibleOrgUnitId")
        if let q = input.samplesQuantity {
            guard q > 0, q <= 1_000_000 else { throw AppError.validation("samplesQuantity", Text("样品数量必须是正整数", "samplesQuantity must be a positive whole number")) }
            guard input.samplesInspected == q else {
                throw AppError(.unprocessableContent, "full_reinspection_required",
                               Text("退回样品须 100% 复检：复检数量必须等于样品数量", "Returned samples are re-inspected 100%: samplesInspected must equal samplesQuantity"),
                               details: ["field": "samplesInspected"])
            }
            guard let f = input.samplesFailed, (0...q).contains(f) else {
                throw AppError.validation("samplesFailed", Text("不合格数量必须在 0 到样品数量之间", "samplesFailed must be between 0 and samplesQuantity"))
            }
        }
        var detail = ["rootCause": rootCause, "internalFault": String(unitId != nil)]
        if let unitId { detail["responsibleOrgUnitId"] = unitId }
        return try await step(id, { _ in .analysis(internalFault: unitId != nil) }, by: actor, now: now, action: "analysis", detail: detail) { db, _, _, _ in
            if let unitId {
                guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId), unit.active else {
                    throw AppError.validation("responsibleOrgUnitId", Text("责任部门不存在或已停用", "The responsible department does not exist or is deactivated"))
                }
                _ = unit
            }
            try await db.raw("""
                UPDATE complaints SET root_cause = \(bind: rootCause), responsible_org_unit_id = \(bind: unitId), internal_fault = \(bind: unitId != nil ? 1 : 0),
                    samples_quantity = \(bind: input.samplesQuantity), samples_inspected = \(bind: input.samplesInspected), samples_failed = \(bind: input.samplesFailed)
                WHERE id = \(bind: id)
                """).run()
            return [:]
        }
    }

    /// CMP-09: the responsible department records corrective and preventive actions with a due date.
    public func planActions(id: String, corrective raw1: String?, preventive raw2: String?, dueDate raw3: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .view)
        let corrective = try Field.required(raw1, "corrective", max: 4000)
        let preventive = try Field.required(raw2, "preventive", max: 4000)
        let due = try Field.date(raw3, "dueDate")!
        guard !(due < Today.date(now)) else { throw AppError.validation("dueDate", Text("完成期限不能早于今天", "dueDate cannot be in the past")) }
        return try await step(id, { _ in .planActions }, by: actor, now: now, action: "actions_planned",
                              detail: ["corrective": corrective, "preventive": preventive, "dueDate": due.description]) { db, row, _, at in
            guard AftersalesPermission.mayPlanActions(roles: actor.roles, userPath: actor.orgPath, responsibleUnitPath: row.responsibleOrgPath) else {
                throw AppError.forbidden(Text("只有责任部门可以制定纠正与预防措施", "Only the responsible department can plan the actions"))
            }
            try await db.raw("""
                INSERT INTO complaint_actions (id, complaint_id, round, corrective, preventive, due_date, org_unit_id, recorded_by, recorded_at)
                VALUES (\(bind: Clock.newID()), \(bind: id), \(bind: row.planRound), \(bind: corrective), \(bind: preventive), \(bind: due.description),
                    \(bind: row.responsibleOrgUnitId ?? actor.orgUnitId), \(bind: actor.userId), \(bind: at))
                """).run()
            return [:]
        }
    }

    /// CMP-09: the management representative approves the current round of actions.
    public func approve(id: String, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .approveActions)
        return try await step(id, { _ in .approve }, by: actor, now: now, action: "actions_approved") { db, row, _, at in
            try await db.raw("""
                UPDATE complaint_actions SET approved_by = \(bind: actor.userId), approved_at = \(bind: at)
                WHERE complaint_id = \(bind: id) AND round = \(bind: row.planRound) AND approved_at IS NULL
                """).run()
            return [:]
        }
    }

    /// CMP-10: joint review (会审) with attendees and conclusion; a major quality complaint is convened by QA.
    public func reviewMeeting(id: String, minutes raw: String?, participants rawList: [String]?, major: Bool?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        let major = major ?? false
        if major { try AftersalesAccess.require(actor, .quality) } else { try AftersalesAccess.requireAny(actor, [.customerService, .quality]) }
        let minutes = try Field.required(raw, "minutes", max: 8000)
        let participants = try (rawList ?? []).map { try Field.required($0, "participants", max: 100) }
        guard !participants.isEmpty, participants.count <= 100 else {
            throw AppError.validation("participants", Text("请填写与会人员", "participants are required"))
        }
        let list = String(decoding: try JSONEncoder().encode(participants), as: UTF8.self)
        return try await step(id, { _ in .reviewMeeting }, by: actor, now: now, action: "review_meeting",
                              detail: ["minutes": minutes, "participants": participants.joined(separator: "、"), "major": String(major)]) { db, _, _, at in
            try await db.raw("""
                INSERT INTO complaint_meetings (id, complaint_id, minutes, participants, major, convened_by, held_at)
                VALUES (\(bind: Clock.newID()), \(bind: id), \(bind: minutes), \(bind: list), \(bind: major ? 1 : 0), \(bind: actor.userId), \(bind: at))
                """).run()
            return [:]
        }
    }

    /// CMP-11: CS sends analysis, traceability and conclusion to the customer and records the confirmation.
    public func customerConfirmation(id: String, accepted rawAccepted: Bool?, comment raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        let accepted = try Field.bool(rawAccepted, "accepted")
        let comment = try Field.text(raw, "comment", max: 4000, required: false)
        return try await step(id, { _ in .customerConfirmation(accepted: accepted) }, by: actor, now: now, action: "customer_confirmation",
                              detail: ["accepted": String(accepted), "comment": comment ?? ""]) { db, _, _, _ in
            // Not accepted: back to QA for a new analysis and a new round of actions.
            try await db.raw("""
                UPDATE complaints SET customer_accepted = \(bind: accepted ? 1 : 0), customer_comment = \(bind: comment),
                    plan_round = plan_round + \(bind: accepted ? 0 : 1) WHERE id = \(bind: id)
                """).run()
            return [:]
        }
    }

    /// CMP-12: QA and CS each verify effectiveness; both effective → verified and closed; not effective → re-plan.
    public func verification(id: String, effective rawEffective: Bool?, note raw: String?, side rawSide: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.requireAny(actor, [.quality, .customerService])
        let effective = try Field.bool(rawEffective, "effective")
        let note = try Field.text(raw, "note", max: 4000, required: false)
        let byQuality: Bool
        switch TextRules.trimmed(rawSide) {
        case nil: byQuality = actor.roles.contains(.qa) || !AftersalesPermission.granted(.customerService, to: actor.roles)
        case "quality"?: try AftersalesAccess.require(actor, .quality); byQuality = true
        case "customer_service"?: try AftersalesAccess.require(actor, .customerService); byQuality = false
        default: throw AppError.validation("side", Text("验证方只能是品管部或客服部", "side must be quality or customer_service"))
        }
        return try await step(id, { _ in .verification(effective: effective, byQuality: byQuality) }, by: actor, now: now, action: "verification",
                              detail: ["effective": String(effective), "side": byQuality ? "quality" : "customer_service", "note": note ?? ""]) { db, _, _, _ in
            if !effective {
                try await db.raw("UPDATE complaints SET qa_verified = 0, cs_verified = 0, plan_round = plan_round + 1 WHERE id = \(bind: id)").run()
            } else if byQuality {
                try await db.raw("UPDATE complaints SET qa_verified = 1 WHERE id = \(bind: id)").run()
            } else {
                try await db.raw("UPDATE complaints SET cs_verified = 1 WHERE id = \(bind: id)").run()
            }
            return [:]
        }
    }

    /// CMP-03/04/07: CS records the explanation or handling and closes; any other close names the missing step.
    public func close(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        let note = try Field.required(raw, "note", max: 4000)
        return try await step(id, { _ in .close }, by: actor, now: now, action: "closed", detail: ["note": note]) { db, _, _, at in
            try await db.raw("UPDATE complaints SET close_note = \(bind: note), closed_at = \(bind: at) WHERE id = \(bind: id)").run()
            return [:]
        }
    }

    /// A record on the case that moves no status (CMP-15 return visit, CMP-16 supervisor review): locked, written, in the history.
    func note(_ id: String, by actor: Principal, now: Date, action: String, detail: [String: String],
              _ body: @escaping @Sendable (any SQLDatabase, ComplaintRow, Int64) async throws -> Void) async throws -> ComplaintView {
        let at = Clock.millis(now)
        let today = Today.date(now).description
        let lock = self.lock
        try await store.write { db in
            let row = try await Self.load(db, id: id, today: today, lock: lock, viewer: actor)
            try await body(db, row, at)
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "complaint", entityId: id, detail: detail, at: at)
        }
        return try await get(id: id, viewer: actor, now: now)
    }

    /// CMP-16: the CS supervisor reviews the day's complaint records and follows them up.
    public func supervisorReview(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .supervise)
        let note = try Field.text(raw, "note", max: 4000, required: false)
        return try await self.note(id, by: actor, now: now, action: "supervisor_review", detail: ["note": note ?? ""]) { db, _, at in
            try await db.raw("""
                UPDATE complaints SET supervisor_reviewed_by = \(bind: actor.userId), supervisor_reviewed_at = \(bind: at), supervisor_note = \(bind: note)
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// CMP-15: the return visit (回访) after the complaint was handled; also on a closed case.
    public func returnVisit(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(actor, .customerService)
        let note = try Field.required(raw, "note", max: 4000)
        return try await self.note(id, by: actor, now: now, action: "return_visit", detail: ["note": note]) { db, row, at in
            guard row.status != .registered else { throw FlowErrors.error(FlowRefusal("classification_missing")) }
            try await db.raw("UPDATE complaints SET return_visit_at = \(bind: at), return_visit_note = \(bind: note) WHERE id = \(bind: id)").run()
        }
    }
}

/// Periods of reports and list filters in the organisation's zone.
enum Periods {
    static func millis(_ d: LocalDate) -> Int64 {
        let date = Times.calendar().date(from: DateComponents(year: d.year, month: d.month, day: d.day))!
        return Clock.millis(date)
    }

    /// `from=YYYY-MM-DD`: from the start of that day.
    static func start(_ raw: String?, _ name: String) throws -> Int64? {
        try Field.date(raw, name, required: false).map(millis)
    }

    /// `to=YYYY-MM-DD`: up to the end of that day (inclusive).
    static func end(_ raw: String?, _ name: String) throws -> Int64? {
        try Field.date(raw, name, required: false).map { d in millis(d) + 86_400_000 }
    }
}

/// Opens a complaint case for every new `complaint` ticket, in the ticket's transaction.
public struct ComplaintTicketObserver: TicketCreationObserver {
    public init() {}
    public func acts(onTicketType type: String) -> Bool { type == TicketType.complaint.rawValue }

    public func ticketCreated(_ db: any SQLDatabase, ticket: TicketView, by actor: Principal, at: Int64) async throws {
        guard acts(onTicketType: ticket.type) else { return }
        _ = try await ComplaintService.open(db, ticketId: ticket.id, subject: ticket.subject, customerName: ticket.customer?.name,
                                            orgUnitId: ticket.orgUnitId, orgPath: actor.orgPath, surveyResponseId: nil, actorId: actor.userId, at: at)
    }
}

/// The complaint case of a complaint ticket, linked from the ticket's page for staff.
public struct ComplaintTicketLinks: TicketLinkProvider {
    public init() {}
    public func links(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> [TicketLink] {
        guard !viewer.isCustomer else { return [] }
        return try await db.raw("SELECT id, number FROM complaints WHERE ticket_id = \(bind: ticketId)").all().map { row in
            let number = try row.decode(column: "number", as: String.self)
            return TicketLink(label: Text("投诉处理单 {0}", "Complaint case {0}").with(number),
                              href: "/complaints/" + (try row.decode(column: "id", as: String.self)))
        }
    }
}
