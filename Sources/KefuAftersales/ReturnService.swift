import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct ReturnInput: Codable, Sendable {
    public var kind: String?
    public var ticketId: String?
    public var customerName: String?
    public var model: String?
    public var serialNumber: String?
    public var purchaseDate: String?
    public var shippedAt: String?
    public var reason: String?
    public var qualityIssue: Bool?
}

public struct ReturnView: Codable, Sendable {
    public struct Inspection: Codable, Sendable { let report: String; let responsibility: String }
    public struct Override: Codable, Sendable { let reason: String; let by: String }
    public struct Slip: Codable, Sendable {
        let number: String
        @Nullable var salespersonId: String?
        @Nullable var salespersonShipDate: String?
        @Nullable var salespersonNote: String?
        @Nullable var signedBy: String?
        @Nullable var signedAt: Instant?
        @Nullable var bookedBy: String?
        @Nullable var bookedAt: Instant?
    }
    public let id: String
    public let number: String
    public let kind: String
    public let status: String
    @Nullable public var ticketId: String?
    @Nullable public var customerName: String?
    public let model: String
    @Nullable public var serialNumber: String?
    @Nullable public var purchaseDate: String?
    public let shippedAt: String
    public let requestedOn: String
    public let reason: String
    public let qualityIssue: Bool
    /// RMA-09: within 3 months of leaving the factory (D11).
    public let withinThreeMonths: Bool
    @Nullable public var inspection: Inspection?
    @Nullable public var eligible: Bool?
    @Nullable public var override: Override?
    @Nullable public var slip: Slip?
    @Nullable public var goodsReceivedAt: Instant?
    @Nullable public var replacementShippedAt: Instant?
    @Nullable public var replacementTracking: String?
    @Nullable public var closedAt: Instant?
    public var history: [AuditTrail.Entry]?

    init(_ r: any SQLRow) throws {
        id = try r.decode(column: "id", as: String.self); number = try r.decode(column: "number", as: String.self)
        kind = try r.decode(column: "kind", as: String.self); status = try r.decode(column: "status", as: String.self)
        ticketId = try r.str("ticket_id"); customerName = try r.str("customer_name"); model = try r.decode(column: "model", as: String.self)
        serialNumber = try r.str("serial_number"); purchaseDate = try r.str("purchase_date")
        shippedAt = try r.decode(column: "shipped_at", as: String.self); requestedOn = try r.decode(column: "requested_on", as: String.self)
        reason = try r.decode(column: "reason", as: String.self); qualityIssue = try r.decode(column: "quality_issue", as: Int.self) != 0
        let shipped = LocalDate(shippedAt), requested = LocalDate(requestedOn)
        if let shipped, let requested { withinThreeMonths = ReturnQualityRule.withinWindow(shippedAt: shipped, requestedOn: requested) } else { withinThreeMonths = false }
        if let report = try r.str("inspection_report") { inspection = Inspection(report: report, responsibility: try r.str("responsibility") ?? "") }
        eligible = try r.flag("eligible")
        if let reason = try r.str("override_reason") { override = Override(reason: reason, by: try r.str("override_by") ?? "") }
        if let n = try r.str("slip_number") {
            slip = Slip(number: n, salespersonId: try r.str("salesperson_id"), salespersonShipDate: try r.str("salesperson_ship_date"),
                        salespersonNote: try r.str("salesperson_note"), signedBy: try r.str("signed_by"), signedAt: Instant(millis: try r.millis("signed_at")),
                        bookedBy: try r.str("booked_by"), bookedAt: Instant(millis: try r.millis("booked_at")))
        }
        goodsReceivedAt = Instant(millis: try r.millis("goods_received_at"))
        replacementShippedAt = Instant(millis: try r.millis("replacement_shipped_at")); replacementTracking = try r.str("replacement_tracking")
        closedAt = Instant(millis: try r.millis("closed_at"))
    }

    var facts: ReturnFacts {
        ReturnFacts(kind: ReturnKind(rawValue: kind) ?? .return, qualityIssue: qualityIssue, salespersonAnnotated: slip?.salespersonShipDate != nil,
                    replacementShipped: replacementShippedAt != nil)
    }
}

/// Returns and exchanges (RMA-07..11, SPEC 4.6).
public struct ReturnService: Sendable {
    let store: any Store
    /// #11.4: who must act next is told (the composition root passes the service desk's notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store) { self.store = store }

    var lock: String { store.dialect.rowLock() }

    /// RMA-07: purchase date, model and reason; the request date is today (the 3 months run up to it).
    public func create(_ input: ReturnInput, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .customerService)
        let kind = try Field.choice(input.kind, "kind", ReturnKind.self)
        let model = try Field.required(input.model, "model", max: 100)
        let reason = try Field.required(input.reason, "reason")
        let shipped = try Field.date(input.shippedAt, "shippedAt")!
        let purchase = try Field.date(input.purchaseDate, "purchaseDate", required: false)
        let quality = try Field.bool(input.qualityIssue, "qualityIssue")
        let serial = try Field.text(input.serialNumber, "serialNumber", max: 100, required: false)
        let givenName = try Field.text(input.customerName, "customerName", max: 100, required: false)
        let ticketId = try Field.id(input.ticketId, "ticketId")
        let today = Today.date(now)
        guard !(today < shipped) else { throw AppError.validation("shippedAt", Text("出厂日期不能晚于今天", "shippedAt cannot be in the future")) }
        let at = Clock.millis(now)
        let id: String = try await store.write { db in
            var name = givenName, ticketId = ticketId
            if let typed = ticketId {
                let t = try await TicketsInScope.load(db, id: typed, viewer: actor)
                ticketId = t.id  // #11.1: the number as typed, stored as the ticket's id
                name = name ?? t.customerName
            }
            let id = Clock.newID()
            let number = try await Numbers.next("TH", year: Times.year(now), db)
            try await db.raw("""
                INSERT INTO returns (id, number, kind, ticket_id, customer_name, model, serial_number, purchase_date, shipped_at, requested_on, reason,
                    quality_issue, status, org_unit_id, org_path, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: kind.rawValue), \(bind: ticketId), \(bind: name), \(bind: model), \(bind: serial),
                    \(bind: purchase?.description), \(bind: shipped.description), \(bind: today.description), \(bind: reason), \(bind: quality ? 1 : 0), 'requested',
                    \(bind: actor.orgUnitId), \(bind: actor.orgPath), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "requested", entity: "return", entityId: id,
                                        detail: ["number": number, "kind": kind.rawValue, "status": "requested"], at: at)
            return id
        }
        return try await get(id: id, viewer: actor)
    }

    func step(_ id: String, by actor: Principal, now: Date, action: String, detail: [String: String],
              _ step: @escaping @Sendable (ReturnView) throws -> ReturnStep,
              _ body: @escaping @Sendable (any SQLDatabase, ReturnView, ReturnStatus, Int64) async throws -> ReturnStatus? = { _, _, _, _ in nil }) async throws -> ReturnView {
        let at = Clock.millis(now)
        let lock = self.lock, handOffs = ReturnHandOffs(notifier: notifier)
        try await store.write { db in
            guard let row = try await db.raw("SELECT * FROM returns WHERE id = \(bind: id)\(unsafeRaw: lock)").first() else {
                throw try await Self.missing(db, id: id, viewer: actor) // #17.6: archived
            }
            try AftersalesRecords.requireInScope(actor, recordPath: try row.decode(column: "org_path", as: String.self), Text("退换货单", "Return"))
            let current = try ReturnView(row)
            let status = ReturnStatus(rawValue: current.status) ?? .requested
            let taken = try step(current)
            let next = try FlowErrors.check(ReturnFlow.next(status, current.facts, taken))
            let settled = try await body(db, current, next, at)
            try await db.raw("UPDATE returns SET status = \(bind: (settled ?? next).rawValue), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            var d = detail
            if next != status { d["from"] = status.rawValue; d["to"] = next.rawValue }
            try await AuditTrail.record(db, actorId: actor.userId, action: action, entity: "return", entityId: id, detail: d, at: at)
            try await handOffs.stepped(db, id: id, step: taken, to: settled ?? next, by: actor, at: at)
        }
        return try await get(id: id, viewer: actor)
    }

    /// The quality rule's verdict (RMA-09), in the same transaction as the receipt or inspection that makes it possible.
    static func decide(_ db: any SQLDatabase, _ r: ReturnView, from status: ReturnStatus, responsibility: DefectResponsibility?, actorId: String, at: Int64) async throws -> ReturnStatus {
        let eligible = ReturnQualityRule.eligible(shippedAt: LocalDate(r.shippedAt)!, requestedOn: LocalDate(r.requestedOn)!, qualityIssue: r.qualityIssue,
                                                  responsibility: responsibility)
        let settled = try FlowErrors.check(ReturnFlow.next(status, r.facts, .decide(eligible: eligible)))
        try await db.raw("UPDATE returns SET eligible = \(bind: eligible ? 1 : 0) WHERE id = \(bind: r.id)").run()
        try await AuditTrail.record(db, actorId: actorId, action: eligible ? "accepted" : "rejected", entity: "return", entityId: r.id,
                                    detail: ["withinThreeMonths": String(r.withinThreeMonths), "qualityIssue": String(r.qualityIssue),
                                             "responsibility": responsibility?.rawValue ?? "", "to": settled.rawValue], at: at + 1)
        return settled
    }

    /// CS receives the goods; without a quality question the rule decides at once (it then needs the sales manager's override).
    public func receive(id: String, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .customerService)
        return try await step(id, by: actor, now: now, action: "goods_received", detail: [:], { _ in .receiveGoods }) { db, r, _, at in
            try await db.raw("UPDATE returns SET goods_received_at = \(bind: at) WHERE id = \(bind: id)").run()
            return r.qualityIssue ? nil : try await Self.decide(db, r, from: .goodsReceived, responsibility: nil, actorId: actor.userId, at: at)
        }
    }

    /// RMA-08: QA's written inspection report fixing responsibility; the quality rule then decides.
    public func inspect(id: String, report raw: String?, responsibility rawResp: String?, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .quality)
        let report = try Field.required(raw, "report", max: 4000)
        let responsibility = try Field.choice(rawResp, "responsibility", DefectResponsibility.self)
        return try await step(id, by: actor, now: now, action: "inspected", detail: ["report": report, "responsibility": responsibility.rawValue], { _ in .inspect }) { db, r, _, at in
            try await db.raw("UPDATE returns SET inspection_report = \(bind: report), responsibility = \(bind: responsibility.rawValue) WHERE id = \(bind: id)").run()
            return try await Self.decide(db, r, from: .inspected, responsibility: responsibility, actorId: actor.userId, at: at)
        }
    }

    /// D14: only the sales manager overrides the 3-month rule, with a written reason.
    public func override(id: String, reason raw: String?, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .salesManager)
        let reason = try Field.required(raw, "reason")
        return try await step(id, by: actor, now: now, action: "override", detail: ["reason": reason], { _ in .override }) { db, _, _, _ in
            try await db.raw("UPDATE returns SET override_reason = \(bind: reason), override_by = \(bind: actor.userId) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    /// RMA-10: the red copy of 退回/换货品详单 goes to the regional salesperson.
    public func issueSlip(id: String, salespersonId raw: String?, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .customerService)
        let salesperson = try Field.id(raw, "salespersonId")
        return try await step(id, by: actor, now: now, action: "slip_issued", detail: ["salespersonId": salesperson ?? ""], { _ in .issueSlip }) { db, _, _, _ in
            // #11.1: the salesperson by id or username; one that is neither is refused with the field named.
            var salespersonId: String?
            if let salesperson {
                guard let found = try await UserReferenceLookup.id(db, salesperson) else {
                    throw AppError.validation("salespersonId", Text("未找到用户“{0}”", "No user “{0}”").with(salesperson))
                }
                salespersonId = found
            }
            let number = try await Numbers.next("HL", year: Times.year(now), db)
            try await db.raw("UPDATE returns SET slip_number = \(bind: number), salesperson_id = \(bind: salespersonId) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    /// RMA-10: the salesperson annotates ship date and reason on the red copy.
    public func annotate(id: String, shipDate raw: String?, note rawNote: String?, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .salesperson)
        let date = try Field.date(raw, "shipDate")!
        let note = try Field.required(rawNote, "note")
        return try await step(id, by: actor, now: now, action: "salesperson_annotated", detail: ["shipDate": date.description, "note": note], { _ in .annotate }) { db, _, _, _ in
            try await db.raw("UPDATE returns SET salesperson_ship_date = \(bind: date.description), salesperson_note = \(bind: note) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    public func sign(id: String, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .salesManager)
        return try await step(id, by: actor, now: now, action: "sales_manager_signed", detail: [:], { _ in .salesManagerSign }) { db, _, _, at in
            try await db.raw("UPDATE returns SET signed_by = \(bind: actor.userId), signed_at = \(bind: at) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    public func book(id: String, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .finance)
        return try await step(id, by: actor, now: now, action: "booked_by_finance", detail: [:], { _ in .financeBook }) { db, _, _, at in
            try await db.raw("UPDATE returns SET booked_by = \(bind: actor.userId), booked_at = \(bind: at) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    /// RMA-11: the replacement ships only after the returned goods and the slip exist.
    public func shipReplacement(id: String, trackingNumber raw: String?, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .customerService)
        let tracking = try Field.text(raw, "trackingNumber", max: 100, required: false)
        return try await step(id, by: actor, now: now, action: "replacement_shipped", detail: ["trackingNumber": tracking ?? ""], { _ in .shipReplacement }) { db, _, _, at in
            try await db.raw("UPDATE returns SET replacement_shipped_at = \(bind: at), replacement_tracking = \(bind: tracking) WHERE id = \(bind: id)").run()
            return nil
        }
    }

    public func close(id: String, by actor: Principal, now: Date = Date()) async throws -> ReturnView {
        try AftersalesAccess.require(actor, .customerService)
        return try await step(id, by: actor, now: now, action: "closed", detail: [:], { _ in .close }) { db, _, _, at in
            try await db.raw("UPDATE returns SET closed_at = \(bind: at) WHERE id = \(bind: id)").run()
            return nil
        }
    }
}

