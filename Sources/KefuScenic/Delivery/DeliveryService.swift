import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// VIS-01/02 (篇11 §1.2, §2.3, §2.4): the mailing register — a special visitor's crafts mailed for them by marketing
/// (requested → sent with courier and tracking number → delivered) — and ticket deliveries of a reservation
/// (scheduled → delivered, with who received them). Each change: permission and unit scope, validation, one
/// transaction, an audit-trail entry.
extension ScenicService {
    static let mailingEntity = "scenic_mailing"
    static let ticketDeliveryEntity = "scenic_ticket_delivery"

    // MARK: mailing (代邮)

    public func requestMailing(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> MailingView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let visitor = try ScenicInput.required(body["visitorName"], field: "visitorName", label: Text("游客姓名", "Visitor's name"), max: 60)
        let addressee = try ScenicInput.required(body["addressee"], field: "addressee", label: Text("收件人", "Addressee"), max: 60)
        let address = try ScenicInput.required(body["address"], field: "address", label: Text("收件地址", "Address"), max: 300)
        let phone = try ScenicInput.required(body["phone"], field: "phone", label: Text("收件人电话", "Addressee's phone"), max: 40)
        let items = try ScenicInput.required(body["items"], field: "items", label: Text("邮寄物品", "Items"), max: 1000)
        let fee = try ScenicInput.fen(body["fee"], field: "fee", label: Text("邮费", "Postage"))
        guard MailingRules.feeAllowed(fee) else {
            throw AppError.validation("fee", Text("邮费应在 0 至 10000.00 元之间", "Postage must be between 0 and 10000.00 yuan"))
        }
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor) // #14 item 6
            let id = Clock.newID()
            let number = try await ScenicInput.nextNumber(db, prefix: "YJ", day: now.day)
            try await db.raw("""
                INSERT INTO scenic_mailings (id, number, org_unit_id, org_path, status, visitor_name, addressee, address, phone, items, fee_fen, requested_at, requested_by)
                VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: unitPath), 'requested', \(bind: visitor), \(bind: addressee), \(bind: address),
                    \(bind: TextRules.phoneKey(phone) ?? phone), \(bind: items), \(bind: fee), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.mailingEntity, entityId: id,
                                        detail: ["number": number, "fee": Yuan.text(fee)], at: now.millis)
            return try await ScenicQueries.mailing(db, id: id, viewer: actor)
        }
    }

    /// Sent: the courier and tracking number are required (422 naming the field); 409 unless requested.
    public func sendMailing(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> MailingView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let courier = try ScenicInput.text(body["courier"], field: "courier", label: Text("快递公司", "Courier"), max: 60, required: false)
        let tracking = try ScenicInput.text(body["trackingNo"], field: "trackingNo", label: Text("快递单号", "Tracking number"), max: 60, required: false)
        if let field = MailingRules.sendProblem(courier: courier, trackingNo: tracking) {
            throw field == "courier" ? AppError.validation("courier", Text("请填写快递公司", "The courier is required"))
                : AppError.validation("trackingNo", Text("请填写快递单号", "The tracking number is required"))
        }
        return try await moveMailing(id: id, .send, set: "courier = \(bind: courier), tracking_no = \(bind: tracking), sent_at = \(bind: now.millis), sent_by = \(bind: actor.userId)",
                                     detail: ["courier": courier ?? "", "trackingNo": tracking ?? ""], by: actor, at: now.millis)
    }

    /// Delivered (the courier's record shows it received); 409 unless sent.
    public func deliverMailing(id: String, by actor: Principal, now date: Date = Date()) async throws -> MailingView {
        try ScenicQueries.requireWorker(actor)
        let at = Clock.millis(date)
        return try await moveMailing(id: id, .deliver, set: "delivered_at = \(bind: at), delivered_by = \(bind: actor.userId)", detail: [:], by: actor, at: at)
    }

    func moveMailing(id: String, _ step: MailingRules.Step, set columns: SQLQueryString, detail: [String: String], by actor: Principal, at: Int64) async throws -> MailingView {
        try await store.write { db in
            let m = try await ScenicQueries.mailing(db, id: id, viewer: actor)
            guard let next = MailingRules.next(m.status, step),
                  try await db.raw("""
                    UPDATE scenic_mailings SET status = \(bind: next.rawValue), \(columns) WHERE id = \(bind: id) AND status = \(bind: m.status.rawValue) RETURNING id
                    """).first() != nil else {
                let state = ScenicLabels.mailingStatus(m.status), what = ScenicLabels.mailingStep(step)
                throw AppError.conflict("invalid_state", Text("代邮 \(m.number) 处于“\(state.zh)”，不能\(what.zh)", "Mailing \(m.number) is \(state.en.lowercased()): cannot \(what.en.lowercased())"))
            }
            var d = detail
            d["number"] = m.number
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: Self.mailingEntity, entityId: id, detail: d, at: at)
            return try await ScenicQueries.mailing(db, id: id, viewer: actor)
        }
    }

    public func mailing(id: String, viewer: Principal) async throws -> MailingView {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.mailing(db, id: id, viewer: viewer) }
    }

    public func mailings(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<MailingView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.mailings(db, query, paging: paging, viewer: viewer) }
    }

    // MARK: ticket delivery (送票)

    /// "2026-12-20 09:00" (local), as typed in the usual ways.
    static func dueAt(_ raw: String?) throws -> String {
        guard let t = TextRules.trimmed(raw) else { throw AppError.validation("dueAt", Text("请填写送票时间", "When to deliver is required")) }
        guard let dm = UsualInput.dayAndMinute(t) else {
            throw AppError.validation("dueAt", Text("送票时间应为 2026-12-20 09:00", "When to deliver must be like 2026-12-20 09:00"))
        }
        return dm.day.iso + " " + String(format: "%02d:%02d", dm.minute / 60, dm.minute % 60)
    }

    public func scheduleTicketDelivery(_ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> TicketDeliveryView {
        try ScenicQueries.requireWorker(actor)
        let now = ScenicNow(date)
        let reservation = try ScenicInput.required(body["reservationRef"], field: "reservationRef", label: Text("预约编号", "Reservation reference"), max: 60)
        guard let tickets = TextRules.trimmed(body["tickets"]).flatMap({ Int($0) }), TicketDeliveryRules.ticketsAllowed(tickets) else {
            throw AppError.validation("tickets", Text("票数应为 1 至 \(TicketDeliveryRules.maxTickets) 的整数", "Tickets must be a whole number from 1 to \(TicketDeliveryRules.maxTickets)"))
        }
        let to = try ScenicInput.required(body["deliverTo"], field: "deliverTo", label: Text("送交何人", "Deliver to"), max: 60)
        let phone = try ScenicInput.required(body["phone"], field: "phone", label: Text("联系电话", "Phone"), max: 40)
        let place = try ScenicInput.required(body["place"], field: "place", label: Text("送票地点", "Where"), max: 200)
        let due = try Self.dueAt(body["dueAt"])
        let note = try ScenicInput.text(body["note"], field: "note", label: Text("备注", "Note"), max: 500, required: false)
        return try await store.write { db in
            let (unitId, unitPath) = try await newRecordUnit(db, body, actor: actor) // #14 item 6
            let id = Clock.newID()
            let number = try await ScenicInput.nextNumber(db, prefix: "ST", day: now.day)
            try await db.raw("""
                INSERT INTO scenic_ticket_deliveries (id, number, org_unit_id, org_path, status, reservation_ref, tickets, deliver_to, phone, place, due_at, note, created_at, created_by)
                VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: unitPath), 'scheduled', \(bind: reservation.uppercased()), \(bind: tickets), \(bind: to),
                    \(bind: TextRules.phoneKey(phone) ?? phone), \(bind: place), \(bind: due), \(bind: note), \(bind: now.millis), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.ticketDeliveryEntity, entityId: id,
                                        detail: ["number": number, "reservation": reservation, "tickets": String(tickets)], at: now.millis)
            return try await ScenicQueries.ticketDelivery(db, id: id, viewer: actor)
        }
    }

    /// Delivered: who received the tickets (required); 409 when already delivered.
    public func deliverTickets(id: String, _ body: ScenicBody, by actor: Principal, now date: Date = Date()) async throws -> TicketDeliveryView {
        try ScenicQueries.requireWorker(actor)
        let at = Clock.millis(date)
        let receivedBy = try ScenicInput.required(body["receivedBy"], field: "receivedBy", label: Text("签收人", "Received by"), max: 60)
        return try await store.write { db in
            let t = try await ScenicQueries.ticketDelivery(db, id: id, viewer: actor)
            guard TicketDeliveryRules.mayDeliver(t.status), try await db.raw("""
                UPDATE scenic_ticket_deliveries SET status = 'delivered', delivered_at = \(bind: at), delivered_by = \(bind: actor.userId), received_by = \(bind: receivedBy)
                WHERE id = \(bind: id) AND status = 'scheduled' RETURNING id
                """).first() != nil else {
                throw AppError.conflict("invalid_state", Text("送票 \(t.number) 已送达", "Ticket delivery \(t.number) is already delivered"))
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "deliver", entity: Self.ticketDeliveryEntity, entityId: id,
                                        detail: ["number": t.number, "receivedBy": receivedBy], at: at)
            return try await ScenicQueries.ticketDelivery(db, id: id, viewer: actor)
        }
    }

    public func ticketDelivery(id: String, viewer: Principal) async throws -> TicketDeliveryView {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.ticketDelivery(db, id: id, viewer: viewer) }
    }

    public func ticketDeliveries(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<TicketDeliveryView> {
        try ScenicQueries.requireWorker(viewer)
        return try await store.read { db in try await ScenicQueries.ticketDeliveries(db, query, paging: paging, viewer: viewer) }
    }
}
