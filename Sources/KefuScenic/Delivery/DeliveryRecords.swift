import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// VIS-01/02: a mailing request (代邮) as recorded — postage as exact yuan text.
public struct MailingView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let status: MailingRules.Status
    public let visitorName: String
    public let addressee: String
    public let address: String
    public let phone: String
    public let items: String
    /// Yuan as exact text ("12.00").
    public let fee: String
    public let courier: String?
    public let trackingNo: String?
    public let requestedAt: String
    public let sentAt: String?
    public let deliveredAt: String?
    /// What the viewer may do next: send, deliver.
    public let actions: [String]
    let orgPath: String
    let unitName: String
    let requestedByName: String
    let requestedMillis: Int64

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, status, visitorName, addressee, address, phone, items, fee, courier, trackingNo, requestedAt, sentAt, deliveredAt, actions
    }

    static let select = """
        SELECT m.id, m.number, m.org_unit_id, m.org_path, m.status, m.visitor_name, m.addressee, m.address, m.phone, m.items, m.fee_fen, m.courier,
            m.tracking_no, m.requested_at, m.sent_at, m.delivered_at, \(OrgQueries.unitNameSQL("m.org_unit_id")) AS unit_name,
            \(OrgQueries.userNameSQL("m.requested_by")) AS requested_by_name
        FROM scenic_mailings m
        """

    init(row: any SQLRow, viewer: Principal?) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = MailingRules.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .requested
        visitorName = try row.decode(column: "visitor_name", as: String.self)
        addressee = try row.decode(column: "addressee", as: String.self)
        address = try row.decode(column: "address", as: String.self)
        phone = try row.decode(column: "phone", as: String.self)
        items = try row.decode(column: "items", as: String.self)
        fee = Yuan.text(try row.decode(column: "fee_fen", as: Int64.self))
        courier = try row.decode(column: "courier", as: String?.self)
        trackingNo = try row.decode(column: "tracking_no", as: String?.self)
        requestedMillis = try row.decode(column: "requested_at", as: Int64.self)
        requestedAt = Times.rfc3339(requestedMillis)
        sentAt = Times.rfc3339(try row.decode(column: "sent_at", as: Int64?.self))
        deliveredAt = Times.rfc3339(try row.decode(column: "delivered_at", as: Int64?.self))
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        requestedByName = try row.decode(column: "requested_by_name", as: String?.self) ?? "—"
        if let v = viewer, ScenicRules.mayWork(roles: v.roles, userPath: v.orgPath, recordPath: orgPath) {
            let current = status
            actions = MailingRules.Step.allCases.filter { MailingRules.next(current, $0) != nil }.map(\.rawValue)
        } else {
            actions = []
        }
    }
}

/// VIS-01/02: a ticket delivery (送票) of a reservation.
public struct TicketDeliveryView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let status: TicketDeliveryRules.Status
    public let reservationRef: String
    public let tickets: Int
    public let deliverTo: String
    public let phone: String
    public let place: String
    /// When it is to be delivered, as typed in the organisation's time ("2026-12-20 09:00").
    public let dueAt: String
    public let note: String?
    public let createdAt: String
    public let deliveredAt: String?
    public let receivedBy: String?
    public let actions: [String]
    let orgPath: String
    let unitName: String
    let createdByName: String
    let deliveredByName: String?
    let createdMillis: Int64
    let deliveredMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, status, reservationRef, tickets, deliverTo, phone, place, dueAt, note, createdAt, deliveredAt, receivedBy, actions
    }

    static let select = """
        SELECT t.id, t.number, t.org_unit_id, t.org_path, t.status, t.reservation_ref, t.tickets, t.deliver_to, t.phone, t.place, t.due_at, t.note,
            t.created_at, t.delivered_at, t.received_by, \(OrgQueries.unitNameSQL("t.org_unit_id")) AS unit_name,
            \(OrgQueries.userNameSQL("t.created_by")) AS created_by_name, \(OrgQueries.userNameSQL("t.delivered_by")) AS delivered_by_name
        FROM scenic_ticket_deliveries t
        """

    init(row: any SQLRow, viewer: Principal?) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = TicketDeliveryRules.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .scheduled
        reservationRef = try row.decode(column: "reservation_ref", as: String.self)
        tickets = try row.decode(column: "tickets", as: Int.self)
        deliverTo = try row.decode(column: "deliver_to", as: String.self)
        phone = try row.decode(column: "phone", as: String.self)
        place = try row.decode(column: "place", as: String.self)
        dueAt = try row.decode(column: "due_at", as: String.self)
        note = try row.decode(column: "note", as: String?.self)
        createdMillis = try row.decode(column: "created_at", as: Int64.self)
        createdAt = Times.rfc3339(createdMillis)
        deliveredMillis = try row.decode(column: "delivered_at", as: Int64?.self)
        deliveredAt = Times.rfc3339(deliveredMillis)
        receivedBy = try row.decode(column: "received_by", as: String?.self)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        createdByName = try row.decode(column: "created_by_name", as: String?.self) ?? "—"
        deliveredByName = try row.decode(column: "delivered_by_name", as: String?.self)
        if let v = viewer, ScenicRules.mayWork(roles: v.roles, userPath: v.orgPath, recordPath: orgPath), TicketDeliveryRules.mayDeliver(status) {
            actions = ["deliver"]
        } else {
            actions = []
        }
    }
}
