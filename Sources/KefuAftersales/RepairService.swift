import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

public struct RepairOrderInput: Codable, Sendable {
    public struct Customer: Codable, Sendable { public var name: String?; public var phone: String? }
    public struct Unit: Codable, Sendable { public var serialNumber: String?; public var defect: String? }
    public var ticketId: String?
    public var customer: Customer?
    public var model: String?
    public var serialNumber: String?
    public var quantity: Int?
    public var defect: String?
    public var shippedAt: String?
    public var units: [Unit]?
}

public struct RepairOrderView: Codable, Sendable {
    public struct Customer: Codable, Sendable { @Nullable var id: String?; let name: String; @Nullable var phone: String? }
    public struct Unit: Codable, Sendable { let line: Int; @Nullable var serialNumber: String?; let defect: String }
    public struct Diagnosis: Codable, Sendable { let mainComponentDamaged: Bool; let inWarranty: Bool; @Nullable var note: String? }
    public struct Money: Codable, Sendable { let amount: String; let currency: String }
    public struct Decision: Codable, Sendable { let approved: Bool; @Nullable var signedBy: String?; let at: Instant }
    public struct QC: Codable, Sendable { let passed: Bool; @Nullable var note: String?; let inspectorId: String; let at: Instant }
    public struct Dispatch: Codable, Sendable { let number: String; let method: String; @Nullable var trackingNumber: String?; let at: Instant }

    public let id: String
    public let number: String
    @Nullable public var ticketId: String?
    public let customer: Customer
    public let model: String
    public let quantity: Int
    @Nullable public var shippedAt: String?
    public let status: String
    public var units: [Unit]
    @Nullable public var diagnosis: Diagnosis?
    @Nullable public var fee: Money?
    @Nullable public var feedbackNumber: String?
    @Nullable public var customerDecision: Decision?
    @Nullable public var chargeSlipNumber: String?
    public var qc: [QC]
    @Nullable public var dispatch: Dispatch?
    public let receivedAt: Instant
    @Nullable public var closedAt: Instant?
    public var history: [AuditTrail.Entry]?
    /// RMA-12: survey invitations sent after this repair (detail only).
    public var surveyInvitations: Int?

    var feeFen: Int64? { fee.flatMap { Yuan.fen($0.amount) } }
}

/// After-sales repair (RMA-01..06, SPEC 4.5): one order per received batch, one line per unit and its defect.
public struct RepairService: Sendable {
    let store: any Store
    /// #11.4: who must act next is told (the composition root passes the service desk's notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store) { self.store = store }

    var lock: String { store.dialect.rowLock() }

    /// RMA-01: CS confirms the quantity with the customer and records each unit's defect.
    public func create(_ input: RepairOrderInput, by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .customerService)
        let model = try Field.required(input.model, "model", max: 100)
        let ticketId = try Field.id(input.ticketId, "ticketId")
        let shippedAt = try Field.date(input.shippedAt, "shippedAt", required: false)
        var units: [(String?, String)] = []
        if let given = input.units, !given.isEmpty {
            guard given.count <= 500 else { throw AppError.validation("units", Text("一批最多 500 台", "At most 500 units per batch")) }
            for u in given {
                units.append((try Field.text(u.serialNumber, "units.serialNumber", max: 100, required: false), try Field.required(u.defect, "units.defect")))
            }
            if let q = input.quantity, q != units.count {
                throw AppError(.unprocessableContent, "quantity_mismatch", Text("数量与逐台登记的台数不符", "quantity does not match the units listed"), details: ["field": "quantity"])
            }
        } else {
            let quantity = input.quantity ?? 1
            guard (1...500).contains(quantity) else { throw AppError.validation("quantity", Text("数量必须在 1 到 500 之间", "quantity must be between 1 and 500")) }
            let defect = try Field.required(input.defect, "defect")
            let serial = try Field.text(input.serialNumber, "serialNumber", max: 100, required: false)
            for i in 0..<quantity { units.append((i == 0 ? serial : nil, defect)) }
        }
        let givenName = try Field.text(input.customer?.name, "customer.name", max: 100, required: false)
        let givenPhone = try Field.text(input.customer?.phone, "customer.phone", max: 40, required: false)
        let at = Clock.millis(now)
        let unitsList = units
        let id: String = try await store.write { db in
            var customerId: String?, ticketId = ticketId
            var name = givenName, phone = givenPhone
            if let typed = ticketId {
                let t = try await TicketsInScope.load(db, id: typed, viewer: actor)
                ticketId = t.id  // #11.1: the number as typed, stored as the ticket's id
                customerId = t.customerId
                name = name ?? t.customerName
                phone = phone ?? t.customerPhone
            }
            guard let customerName = name else { throw AppError.validation("customer.name", Text("请填写客户名称", "customer.name is required")) }
            let id = Clock.newID()
            let number = try await Numbers.next("WX", year: Times.year(now), db)
            try await db.raw("""
                INSERT INTO repair_orders (id, number, ticket_id, customer_id, customer_name, customer_phone, model, quantity, shipped_at, status,
                    org_unit_id, org_path, received_at, created_by, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: ticketId), \(bind: customerId), \(bind: customerName), \(bind: phone), \(bind: model),
                    \(bind: unitsList.count), \(bind: shippedAt?.description), 'received', \(bind: actor.orgUnitId), \(bind: actor.orgPath), \(bind: at),
                    \(bind: actor.userId), \(bind: at))
                """).run()
            for (i, u) in unitsList.enumerated() {
                try await db.raw("""
                    INSERT INTO repair_units (id, repair_order_id, line_no, serial_number, defect)
                    VALUES (\(bind: Clock.newID()), \(bind: id), \(bind: i + 1), \(bind: u.0), \(bind: u.1))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "received", entity: "repair_order", entityId: id,
                                        detail: ["number": number, "quantity": String(unitsList.count), "status": "received"], at: at)
            return id
        }
        return try await get(id: id, viewer: actor)
    }

    func step(_ id: String, _ step: RepairStep, by actor: Principal, now: Date, action: String, detail: [String: String],
              _ body: @escaping @Sendable (any SQLDatabase, RepairStatus, Int64) async throws -> [String: String]) async throws -> RepairOrderView {
        let at = Clock.millis(now)
        let lock = self.lock, handOffs = RepairHandOffs(notifier: notifier)
        try await store.write { db in
            guard let row = try await db.raw("SELECT status, org_path FROM repair_orders WHERE id = \(bind: id)\(unsafeRaw: lock)").first() else {
                throw try await Self.missing(db, id: id, viewer: actor) // #17.6: archived
            }
            try AftersalesRecords.requireInScope(actor, recordPath: try row.decode(column: "org_path", as: String.self), Text("返修单", "Repair order"))
            let status = RepairStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received
            let next = try FlowErrors.check(RepairFlow.next(status, step))
            var extra = try await body(db, next, at)
            try await db.raw("UPDATE repair_orders SET status = \(bind: next.rawValue), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            if next != status { extra["from"] = status.rawValue; extra["to"] = next.rawValue }
            try await handOffs.stepped(db, id: id, from: status, to: next, by: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "repair_order", entityId: id,
                                        detail: detail.merging(extra) { a, _ in a }, at: at)
        }
        return try await get(id: id, viewer: actor)
    }

    /// RMA-02: the repair group checks warranty and main components; a damaged main component out of warranty gets a
    /// fee quote (返回品信息反馈单) and waits for the customer.
    public func diagnose(id: String, mainComponentDamaged raw1: Bool?, inWarranty raw2: Bool?, feeAmount: String?, feeCurrency: String?, note raw: String?,
                         by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .repairGroup)
        let damaged = try Field.bool(raw1, "mainComponentDamaged")
        let warranty = try Field.bool(raw2, "inWarranty")
        let note = try Field.text(raw, "note", max: 4000, required: false)
        let needsConsent = RepairFlow.needsCustomerApproval(mainComponentDamaged: damaged, inWarranty: warranty)
        var fen: Int64?
        if let amount = feeAmount {
            guard needsConsent else {
                throw AppError(.unprocessableContent, "fee_not_applicable",
                               Text("只有保修期外主元器件损坏的维修才报价收费", "A fee is quoted only for a damaged main component out of warranty"), details: ["field": "fee"])
            }
            guard let f = Yuan.fen(amount), f > 0 else {
                throw AppError.validation("fee.amount", Text("金额必须是大于 0 的元数，最多两位小数，例如 350.00", "fee.amount must be yuan above 0 with at most two decimals, e.g. 350.00"))
            }
            if let c = TextRules.trimmed(feeCurrency), c != "CNY" { throw AppError.validation("fee.currency", Text("币种只能是 CNY", "fee.currency must be CNY")) }
            fen = f
        } else if needsConsent {
            throw AppError.validation("fee", Text("保修期外主元器件损坏须填写维修费用报价", "A fee quote is required for a damaged main component out of warranty"))
        }
        let fee = fen
        var detail = ["mainComponentDamaged": String(damaged), "inWarranty": String(warranty)]
        if let fee { detail["fee"] = Yuan.text(fee) }
        return try await step(id, .diagnose(mainComponentDamaged: damaged, inWarranty: warranty), by: actor, now: now, action: "diagnosed", detail: detail) { db, next, _ in
            var feedback: String?
            if next == .awaitingCustomerApproval { feedback = try await Numbers.next("FK", year: Times.year(now), db) }
            try await db.raw("""
                UPDATE repair_orders SET main_component_damaged = \(bind: damaged ? 1 : 0), in_warranty = \(bind: warranty ? 1 : 0), diagnosis_note = \(bind: note),
                    fee_fen = \(bind: fee), feedback_number = \(bind: feedback) WHERE id = \(bind: id)
                """).run()
            return feedback.map { ["feedbackNumber": $0] } ?? [:]
        }
    }

    /// RMA-03/04: the customer's signed "同意维修" → charge slip (维修收费单) and repair; a refusal (verbal suffices) → 返回.
    public func customerDecision(id: String, approved raw: Bool?, signedBy rawSigned: String?, by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .customerService)
        let approved = try Field.bool(raw, "approved")
        let signedBy = try Field.text(rawSigned, "signedBy", max: 100, required: approved)
        return try await step(id, .customerDecision(approved: approved), by: actor, now: now, action: approved ? "customer_approved" : "customer_declined",
                              detail: ["approved": String(approved), "signedBy": signedBy ?? "", "handler": actor.displayName]) { db, _, at in
            let slip = approved ? try await Numbers.next("SF", year: Times.year(now), db) : nil
            try await db.raw("""
                UPDATE repair_orders SET decision_approved = \(bind: approved ? 1 : 0), decision_signed_by = \(bind: signedBy), decision_at = \(bind: at),
                    charge_slip_number = \(bind: slip) WHERE id = \(bind: id)
                """).run()
            return slip.map { ["chargeSlipNumber": $0] } ?? [:]
        }
    }

    /// RMA-05: QC by the quality department only.
    public func qc(id: String, passed raw: Bool?, note rawNote: String?, by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .quality)
        let passed = try Field.bool(raw, "passed")
        let note = try Field.text(rawNote, "note", max: 4000, required: !passed)
        return try await step(id, .qc(passed: passed), by: actor, now: now, action: passed ? "qc_passed" : "qc_failed", detail: ["note": note ?? ""]) { db, _, at in
            try await db.raw("""
                INSERT INTO repair_qc (id, repair_order_id, passed, note, inspector_id, at)
                VALUES (\(bind: Clock.newID()), \(bind: id), \(bind: passed ? 1 : 0), \(bind: note), \(bind: actor.userId), \(bind: at))
                """).run()
            if passed { try await db.raw("UPDATE repair_orders SET qc_passed_at = \(bind: at) WHERE id = \(bind: id)").run() }
            return [:]
        }
    }

    /// RMA-05: the dispatch slip (返修品出库单): time, customer, units, shipping method — only after QC passed or going back unrepaired.
    public func ship(id: String, method raw: String?, trackingNumber rawTracking: String?, by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .customerService)
        let method = try Field.required(raw, "method", max: 100)
        let tracking = try Field.text(rawTracking, "trackingNumber", max: 100, required: false)
        return try await step(id, .ship, by: actor, now: now, action: "shipped", detail: ["method": method, "trackingNumber": tracking ?? ""]) { db, _, at in
            let number = try await Numbers.next("CK", year: Times.year(now), db)
            try await db.raw("""
                UPDATE repair_orders SET ship_method = \(bind: method), tracking_number = \(bind: tracking), dispatch_number = \(bind: number),
                    dispatched_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            return ["dispatchNumber": number]
        }
    }

    /// RMA-06: tracked until the customer has it.
    public func close(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> RepairOrderView {
        try AftersalesAccess.require(actor, .customerService)
        let note = try Field.text(raw, "note", max: 2000, required: false)
        return try await step(id, .close, by: actor, now: now, action: "delivered", detail: ["note": note ?? ""]) { db, _, at in
            try await db.raw("UPDATE repair_orders SET closed_at = \(bind: at) WHERE id = \(bind: id)").run()
            return [:]
        }
    }
}
