import Crypto
import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Work orders 工作任务单 (#14.1, WO-01..11, 4.8). Each step: permission and scope, validation, one transaction, an
/// audit-trail entry. Rules are in `KefuDomain/WorkOrders`.
public struct WorkOrderService: Sendable {
    let store: any Store
    let tickets: any WorkOrderTickets
    /// WO-05: who is on duty now, by the roster.
    let duty: any WorkOrderDutyRoster
    /// #14 item 1: the unit's materials store, which issues the materials used.
    let materials: any WorkOrderMaterials
    /// #14 item 6: whether the work-order feature is on at the order's unit.
    let features: any FeatureGate

    public init(store: any Store, tickets: any WorkOrderTickets = NoWorkOrderTickets(), duty: any WorkOrderDutyRoster = NoWorkOrderDutyRoster(),
                materials: any WorkOrderMaterials = NoWorkOrderMaterials(), features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.tickets = tickets
        self.duty = duty
        self.materials = materials
        self.features = features
    }

    static let entity = "work_order"

    /// "GD-2026-000001" (工单), per year of issue, gapless: the counter moves in the order's own transaction (one counter row).
    static func nextNumber(_ db: any SQLDatabase, now: Date) async throws -> String {
        let year = String(WorkOrderQueries.civilDay(now).year)
        let digits = String(try await Counters.next("work_order:\(year)", in: db))
        return "GD-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: validation

    static func text(_ raw: String?, field: String, label: Text, max: Int, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写" + label.zh + "（WO-06：每一栏都必须填写）", label.en + " is required (WO-06: every field)")) }
        if let t, t.count > max { throw AppError.validation(field, Text(label.zh + "最长 \(max) 字", label.en + " is at most \(max) characters")) }
        return t
    }

    static func kind(_ raw: String?) throws -> WorkOrderKind {
        guard let t = TextRules.trimmed(raw) else {
            throw AppError.validation("kind", Text("请选择类型（住户或公共设施）", "Choose the kind (household or public facility)"))
        }
        guard let k = WorkOrderKind(rawValue: t) else {
            throw AppError.validation("kind", Text("类型的取值必须是：household, public_facility", "Kind must be one of: household, public_facility"))
        }
        return k
    }

    // MARK: issue (WO-01, WO-05, WO-06)

    public func issue(_ input: WorkOrderInput, by actor: Principal, now: Date = Date()) async throws -> WorkOrderView {
        guard !actor.roles.isDisjoint(with: WorkOrderRules.issuers) else {
            throw AppError.forbidden(Text("只有客服部值班人员可以开具工作任务单（WO-01、WO-06）", "Only customer-service duty staff issue work orders (WO-01, WO-06)"))
        }
        let kind = try Self.kind(input.kind)
        let location = try Self.text(input.location, field: "location", label: Text("地点", "Location"), max: 200, required: true)!
        let description = try Self.text(input.description, field: "description", label: Text("报修内容", "Description"), max: 2000, required: true)!
        let area = try Self.text(input.area, field: "area", label: Text("区域", "Area"), max: WorkOrderAssignment.maxAreaLength, required: false)
        let tickets = self.tickets, duty = self.duty
        return try await store.write { db in
            var ticket: WorkOrderTicket?
            if let typed = TextRules.trimmed(input.ticketId) {
                guard let t = try await tickets.ticket(db, idOrNumber: typed, viewer: actor) else { throw AppError.notFound(Text("工单", "Ticket")) }
                ticket = t
            }
            let name = try Self.text(input.requesterName ?? ticket?.requesterName, field: "requesterName",
                                     label: kind == .household ? Text("报修人", "Requester") : Text("报修部门及人员", "Reporting department and person"), max: 100, required: true)!
            let phone = try Self.text(input.requesterPhone ?? ticket?.requesterPhone, field: "requesterPhone", label: Text("联系电话", "Phone"), max: 40, required: true)!
            let unitId = TextRules.trimmed(input.orgUnitId) ?? ticket?.orgUnitId ?? actor.orgUnitId
            guard let unitPath = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            guard WorkOrderRules.mayIssue(roles: actor.roles, userPath: actor.orgPath, unitPath: unitPath) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位开具工作任务单", "You issue work orders only for your unit and below"))
            }
            try await features.requireOn(.workOrders, unitId: unitId, in: db) // #14 item 6
            let id = Clock.newID(), at = Clock.millis(now)
            let number = try await Self.nextNumber(db, now: now)
            // WO-05: a public facility goes to its area's responsible person, otherwise to the technician on duty now.
            var responsible: String?, onDuty: [String] = []
            if kind == .publicFacility {
                if let area { responsible = try await WorkOrderAreaQueries.responsible(db, unitPath: unitPath, area: area) }
                if responsible == nil, let people = try await duty.onDuty(db, unitId: unitId, at: at) {
                    onDuty = try await WorkOrderAreaQueries.technicians(db, among: people)
                }
            }
            let assignee = WorkOrderAssignment.pick(kind: kind, areaResponsible: responsible, techniciansOnDuty: onDuty)
            try await db.raw("""
                INSERT INTO work_orders (id, number, ticket_id, ticket_number, kind, location, description, requester_name, requester_phone, org_unit_id, org_path,
                    status, issued_by, issued_at, work_notes, materials_used, updated_at, area, assigned_to, assigned_by)
                VALUES (\(bind: id), \(bind: number), \(bind: ticket?.id), \(bind: ticket?.number), \(bind: kind.rawValue), \(bind: location), \(bind: description),
                    \(bind: name), \(bind: phone), \(bind: unitId), \(bind: unitPath), \(bind: WorkOrderStatus.issued.rawValue), \(bind: actor.userId), \(bind: at),
                    '', '', \(bind: at), \(bind: area), \(bind: assignee.userId), \(bind: assignee.source))
                """).run()
            var detail = ["number": number, "kind": kind.rawValue, "location": location]
            if let who = assignee.userId, let why = assignee.source { detail["assignedTo"] = who; detail["assignedBy"] = why }
            if let t = ticket { detail["ticket"] = t.number }
            try await AuditTrail.record(db, actorId: actor.userId, action: "issue", entity: Self.entity, entityId: id, detail: detail, at: at)
            return try await WorkOrderQueries.view(db, id: id, viewer: actor)
        }
    }

    // MARK: steps (4.8)

    /// The order read for a step: in scope (else 403, as reads), the step's role (403), the state (409), and after
    /// acceptance the accepting technician (403).
    static func forStep(_ db: any SQLDatabase, _ step: WorkOrderStep, id: String, actor: Principal) async throws -> (WorkOrderView, WorkOrderStatus) {
        let o = try await WorkOrderQueries.view(db, id: id, viewer: actor)
        guard WorkOrderRules.mayAct(step, roles: actor.roles, userPath: actor.orgPath, orderPath: o.orgPath) else {
            throw AppError.forbidden(WorkOrderRules.actor(of: step) == .technician
                ? Text("这一步由工程部值班技工办理（WO-02）", "This step is the engineering duty technician's (WO-02)")
                : Text("这一步由客服部值班人员办理（WO-03、WO-11）", "This step is customer service's (WO-03, WO-11)"))
        }
        if step == .complete, let refusal = WorkOrderRules.completion(status: o.status, signedContentHash: o.signature?.contentSha256, currentContentHash: o.contentSha256) {
            switch refusal {
            case .signatureRequired:
                throw AppError.conflict("signature_required", Text("没有报修人签字的工作任务单视为未完成（WO-07）：请先请报修人签字", "A work order without the requester's signature is not completed (WO-07): collect the signature first"))
            case .signatureOutdated:
                throw AppError.conflict("signature_outdated", Text("签字后任务单内容已改变，请重新签字", "The order changed after it was signed: sign again"))
            case .invalidState:
                throw Self.invalidState(o.status, step)
            }
        }
        guard let next = WorkOrderRules.next(o.status, step) else { throw Self.invalidState(o.status, step) }
        if WorkOrderRules.actor(of: step) == .technician, step != .accept, let t = o.technicianId, t != actor.userId, !actor.isAdmin {
            throw AppError.forbidden(Text("这张任务单已由其他技工接单", "Another technician accepted this work order"))
        }
        return (o, next)
    }

    static func invalidState(_ s: WorkOrderStatus, _ step: WorkOrderStep) -> AppError {
        let status = WorkOrderLabels.status(s), action = WorkOrderLabels.step(step)
        return AppError.conflict("invalid_state", Text("任务单处于“\(status.zh)”，不能\(action.zh)", "The work order is \(status.en.lowercased()): cannot \(action.en.lowercased())"))
    }

    /// Moves the order from the state read to `next`, setting `columns`; refused if another step moved it meanwhile.
    static func move(_ db: any SQLDatabase, _ o: WorkOrderView, to next: WorkOrderStatus, set columns: SQLQueryString, at: Int64) async throws {
        let changed = try await db.raw("""
            UPDATE work_orders SET status = \(bind: next.rawValue), \(columns), updated_at = \(bind: at) WHERE id = \(bind: o.id) AND status = \(bind: o.status.rawValue) RETURNING id
            """).first()
        guard changed != nil else {
            throw AppError.conflict("invalid_state", Text("这张任务单刚刚已被办理", "This work order was moved on a moment ago"))
        }
    }

    /// One step of 4.8 other than the signature (`sign`).
    public func step(_ step: WorkOrderStep, id: String, _ input: WorkOrderStepInput, by actor: Principal, now: Date = Date()) async throws -> WorkOrderView {
        guard step != .signature else { throw AppError.badRequest("use_signature", Text("签字请用签字接口", "Use the signature endpoint")) }
        let materials = self.materials
        return try await store.write { db in
            let (o, next) = try await Self.forStep(db, step, id: id, actor: actor)
            let at = Clock.millis(now)
            var detail = ["status": next.rawValue]
            switch step {
            case .bookAppointment:
                let when = try Self.appointment(input.appointmentAt)
                let note = try Self.text(input.note, field: "note", label: Text("说明", "Note"), max: 500, required: false)
                try await Self.move(db, o, to: next, set: "appointment_at = \(bind: when), appointment_note = \(bind: note)", at: at)
                detail["appointmentAt"] = when
            case .accept:
                let due = WorkOrderRules.arriveDue(acceptedAtMillis: at)
                try await Self.move(db, o, to: next, set: "technician_id = \(bind: actor.userId), accepted_at = \(bind: at), arrive_due_at = \(bind: due)", at: at)
                let dueText: String = Times.rfc3339(due)
                detail["arriveDueAt"] = dueText
            case .depart:
                guard o.departedMillis == nil else {
                    throw AppError.conflict("invalid_state", Text("已记录出发", "The departure is already recorded"))
                }
                try await Self.move(db, o, to: next, set: "departed_at = \(bind: at)", at: at)
            case .arrive:
                try await Self.move(db, o, to: next, set: "arrived_at = \(bind: at)", at: at)
                if let a = o.acceptedMillis, WorkOrderRules.isLate(acceptedAtMillis: a, arrivedAtMillis: at) { detail["arrivedLate"] = "true" }
            case .start:
                try await Self.move(db, o, to: next, set: "started_at = \(bind: at)", at: at)
            case .finish:
                let notes = try Self.text(input.workNotes, field: "workNotes", label: Text("维修记录", "Work notes"), max: 4000, required: true)!
                let materialsText = try Self.text(input.materials, field: "materials", label: Text("所用材料", "Materials used"), max: 4000, required: false) ?? ""
                // #14 item 1: issued from the unit's store in this same transaction; a shortfall refuses the whole step.
                let issued = try await Self.issueMaterials(db, materials: materials, order: o, text: materialsText, actor: actor, at: at)
                try await Self.move(db, o, to: next, set: """
                    finished_at = \(bind: at), work_notes = \(bind: notes), materials_used = \(bind: materialsText),
                    materials_document_id = \(bind: issued?.id), materials_document_number = \(bind: issued?.number)
                    """, at: at)
                if let issued { detail["materialsDocument"] = issued.number }
            case .complete:
                let day = WorkOrderQueries.civilDay(now)
                try await Self.move(db, o, to: next, set: "completed_at = \(bind: at), completed_on = \(bind: day.iso)", at: at)
                detail["keptUntil"] = WorkOrderRetention.keptUntil(completedOn: day).iso
            case .returnVisit:
                let note = try Self.text(input.note, field: "note", label: Text("回访情况", "Return-visit notes"), max: 2000, required: true)!
                try await Self.move(db, o, to: next, set: "return_visit_at = \(bind: at), return_visit_by = \(bind: actor.userId), return_visit_note = \(bind: note)", at: at)
                detail["note"] = note
            case .signature:
                break
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: Self.entity, entityId: id, detail: detail, at: at)
            return try await WorkOrderQueries.view(db, id: id, viewer: actor)
        }
    }

    /// WO-03: the booked time, `YYYY-MM-DD HH:MM` (or with a `T`), kept as typed in the organisation's time.
    static func appointment(_ raw: String?) throws -> String {
        guard let t = TextRules.trimmed(raw)?.replacingOccurrences(of: "T", with: " ") else {
            throw AppError.validation("appointmentAt", Text("请填写预约时间", "The appointment time is required"))
        }
        let parts = t.split(separator: " ")
        let time = parts.count == 2 ? parts[1].split(separator: ":") : []
        guard parts.count == 2, CivilDay(iso: String(parts[0])) != nil, time.count >= 2, let h = Int(time[0]), let m = Int(time[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            throw AppError.validation("appointmentAt", Text("预约时间格式应为 YYYY-MM-DD HH:MM", "The appointment time must be YYYY-MM-DD HH:MM"))
        }
        return String(parts[0]) + " " + String(format: "%02d:%02d", h, m)
    }

    // MARK: signature (WO-07, WO-08)

    /// The requester's signature drawn on the technician's device: a PNG, the signer's name and relation (WO-08), the
    /// time, and the SHA-256 of the order's content it is given over. A second signature replaces the first (the
    /// requester signs again, e.g. after a correction); the audit trail keeps both hashes.
    public func sign(id: String, _ input: WorkOrderSignatureInput, by actor: Principal, now: Date = Date()) async throws -> WorkOrderView {
        let relation = TextRules.trimmed(input.signerRelation).flatMap(WorkOrderSignerRelation.init(rawValue:))
        if TextRules.trimmed(input.signerRelation) != nil, relation == nil {
            let allowed = WorkOrderSignerRelation.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation("signerRelation", Text("签字人身份的取值必须是：" + allowed, "Signer relation must be one of: " + allowed))
        }
        let bytes = try Self.png(input.image)
        return try await store.write { db in
            let (o, next) = try await Self.forStep(db, .signature, id: id, actor: actor)
            if let problem = WorkOrderSignature.check(kind: o.kind, signerName: input.signerName, relation: relation, image: bytes) {
                throw Self.refusal(problem, kind: o.kind)
            }
            let at = Clock.millis(now)
            let name = TextRules.trimmed(input.signerName)!
            let imageHash = SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
            let base64 = Data(bytes).base64EncodedString()
            try await db.raw("DELETE FROM work_order_signatures WHERE order_id = \(bind: id)").run()
            try await db.raw("""
                INSERT INTO work_order_signatures (order_id, signer_name, signer_relation, image_base64, image_bytes, image_sha256, content_sha256, collected_by, signed_at)
                VALUES (\(bind: id), \(bind: name), \(bind: relation!.rawValue), \(bind: base64), \(bind: Int64(bytes.count)), \(bind: imageHash),
                    \(bind: o.contentSha256), \(bind: actor.userId), \(bind: at))
                """).run()
            try await Self.move(db, o, to: next, set: "finished_at = finished_at", at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "sign", entity: Self.entity, entityId: id,
                                        detail: ["signerName": name, "signerRelation": relation!.rawValue, "contentSha256": o.contentSha256, "imageSha256": imageHash], at: at)
            return try await WorkOrderQueries.view(db, id: id, viewer: actor)
        }
    }

    /// `data:image/png;base64,…` (or the bare base64) → bytes; the checks of the PNG itself are the rule's.
    static func png(_ raw: String?) throws -> [UInt8] {
        guard let t = TextRules.trimmed(raw) else {
            throw AppError.validation("image", Text("请报修人在屏幕上签字", "The requester must sign on the screen"))
        }
        var payload = Substring(t)
        if payload.hasPrefix("data:") {
            guard let comma = payload.firstIndex(of: ","), payload[..<comma].lowercased() == "data:image/png;base64" else {
                throw AppError.validation("image", Text("签字图片必须是 PNG（data:image/png;base64,…）", "The signature must be a PNG (data:image/png;base64,…)"))
            }
            payload = payload[payload.index(after: comma)...]
        }
        guard payload.utf8.count <= WorkOrderRules.maxSignatureBytes * 4 / 3 + 8, let data = Data(base64Encoded: String(payload)) else {
            throw AppError.validation("image", Text("签字图片无法读取或过大", "The signature image is unreadable or too large"))
        }
        return [UInt8](data)
    }

    static func refusal(_ p: WorkOrderSignature.Problem, kind: WorkOrderKind) -> AppError {
        switch p {
        case .signerNameRequired: return AppError.validation("signerName", Text("请填写签字人姓名", "The signer's name is required"))
        case .signerNotAuthorised:
            let allowed = WorkOrderSignerRelation.allowed(for: kind)
            return AppError(.unprocessableContent, p.rawValue,
                            Text("该签字人不能签收此任务单（WO-08）：应为", "This signer may not sign this order (WO-08): it must be ").joined(allowed.map(WorkOrderLabels.relation)),
                            details: ["field": "signerRelation"])
        case .notPNG, .empty: return AppError(.unprocessableContent, p.rawValue, Text("签字图片必须是 PNG", "The signature must be a PNG image"), details: ["field": "image"])
        case .tooLarge: return AppError(.unprocessableContent, p.rawValue, Text("签字图片过大（最大 300 KB）", "The signature image is too large (300 KB at most)"), details: ["field": "image"])
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal) async throws -> WorkOrderView {
        try Self.requireViewer(viewer)
        return try await store.read { db in try await WorkOrderQueries.view(db, id: id, viewer: viewer) }
    }

    public func list(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<WorkOrderView> {
        try Self.requireViewer(viewer)
        let filter = try WorkOrderQueries.Filter.parse(query)
        return try await store.read { db in try await WorkOrderQueries.list(db, filter, paging: paging, viewer: viewer, now: now) }
    }

    static func requireViewer(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: WorkOrderRules.viewers) else {
            throw AppError.forbidden(Text("您不能查看工作任务单", "You cannot see work orders"))
        }
    }
}

extension Text {
    /// This text followed by the texts given, joined with "、" / ", ".
    func joined(_ parts: [Text]) -> Text {
        Text(zh + parts.map(\.zh).joined(separator: "、"), en + parts.map(\.en).joined(separator: ", "))
    }

}
