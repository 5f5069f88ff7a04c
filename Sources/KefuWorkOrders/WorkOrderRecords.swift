import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// API.md `POST /api/v1/work-orders` (WO-01, WO-05, WO-06). `ticketId` (or the ticket's number): the order is issued
/// from that ticket and, where a field is left out, takes the requester's name and phone from it. `orgUnitId`: the
/// estate or unit the order belongs to (default: the ticket's unit, else the issuer's).
public struct WorkOrderInput: Codable, Sendable {
    public var ticketId: String?
    public var location: String?
    public var kind: String?
    public var description: String?
    public var requesterName: String?
    public var requesterPhone: String?
    public var orgUnitId: String?
    /// WO-05: the area of a public facility (matched against the unit's area register).
    public var area: String?

    public init(ticketId: String? = nil, location: String? = nil, kind: String? = nil, description: String? = nil, requesterName: String? = nil,
                requesterPhone: String? = nil, orgUnitId: String? = nil, area: String? = nil) {
        self.ticketId = ticketId; self.location = location; self.kind = kind; self.description = description
        self.requesterName = requesterName; self.requesterPhone = requesterPhone; self.orgUnitId = orgUnitId; self.area = area
    }
}

/// The body of a step (`POST /api/v1/work-orders/{id}/{step}`): what each step asks for, the rest ignored.
/// `book-appointment`: `appointmentAt` (`YYYY-MM-DD HH:MM`, local) and `note`; `finish`: `workNotes` and `materials`
/// (the materials used, one per line: text for now); `return-visit`: `note`.
public struct WorkOrderStepInput: Codable, Sendable {
    public var appointmentAt: String?
    public var note: String?
    public var workNotes: String?
    public var materials: String?

    public init(appointmentAt: String? = nil, note: String? = nil, workNotes: String? = nil, materials: String? = nil) {
        self.appointmentAt = appointmentAt; self.note = note; self.workNotes = workNotes; self.materials = materials
    }
}

/// API.md `POST /api/v1/work-orders/{id}/signature`.
public struct WorkOrderSignatureInput: Codable, Sendable {
    public var signerName: String?
    public var signerRelation: String?
    /// `data:image/png;base64,…`
    public var image: String?

    public init(signerName: String? = nil, signerRelation: String? = nil, image: String? = nil) {
        self.signerName = signerName; self.signerRelation = signerRelation; self.image = image
    }
}

/// The requester's signature as the API gives it (the image itself only on the order's page and print).
public struct WorkOrderSignatureView: Encodable, Sendable {
    public let signerName: String
    public let signerRelation: WorkOrderSignerRelation
    public let signedAt: String
    public let imageSha256: String
    public let imageBytes: Int64
    /// SHA-256 of the order's content when it was signed.
    public let contentSha256: String
    /// False when the order's content has changed since (a later edit shows).
    public let contentMatches: Bool
    let signedMillis: Int64
    let imageBase64: String
    let collectedByName: String

    enum CodingKeys: String, CodingKey { case signerName, signerRelation, signedAt, imageSha256, imageBytes, contentSha256, contentMatches }

    /// The PNG as an `<img src>` (the page's CSP allows `data:` images).
    public var dataURI: String { "data:image/png;base64," + imageBase64 }
}

/// A work order as the API and the pages give it.
public struct WorkOrderView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let ticketId: String?
    public let ticketNumber: String?
    public let kind: WorkOrderKind
    public let location: String
    public let description: String
    public let requesterName: String
    public let requesterPhone: String
    public let orgUnitId: String
    public let status: WorkOrderStatus
    public let issuedBy: String
    public let issuedAt: String
    public let appointmentAt: String?
    public let appointmentNote: String?
    public let technicianId: String?
    public let acceptedAt: String?
    /// WO-02: acceptance + 5 minutes.
    public let arriveDueAt: String?
    public let departedAt: String?
    public let arrivedAt: String?
    /// WO-02: arrived after `arriveDueAt`; nil until arrival.
    public let arrivedLate: Bool?
    public let startedAt: String?
    public let finishedAt: String?
    public let workNotes: String
    public let materials: String
    public let completedAt: String?
    /// RET-02: the day until which a completed order is kept (no deletion before; there is no delete at all).
    public let keptUntil: String?
    public let returnVisitAt: String?
    public let returnVisitNote: String?
    /// SHA-256 of the content the requester signs for (`WorkOrderSignature.canonicalContent`).
    public let contentSha256: String
    public let signature: WorkOrderSignatureView?
    /// The steps the caller may take now.
    public let actions: [String]
    /// WO-05: the area named at issue, who the order went to and why (`area` or `duty`).
    public let area: String?
    public let assignedTo: String?
    public let assignedBy: String?
    /// #14 item 1: the issue document (出库) of the materials used, when the unit's store issued them.
    public let materialsDocumentId: String?
    public let materialsDocumentNumber: String?
    let assigneeName: String?
    let orgPath: String
    let unitName: String
    let issuerName: String
    let technicianName: String?
    let returnVisitorName: String?
    let issuedMillis: Int64
    let acceptedMillis: Int64?
    let arriveDueMillis: Int64?
    let departedMillis: Int64?
    let arrivedMillis: Int64?
    let startedMillis: Int64?
    let finishedMillis: Int64?
    let completedMillis: Int64?
    let returnVisitMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, ticketId, ticketNumber, kind, location, description, requesterName, requesterPhone, orgUnitId, status, issuedBy, issuedAt,
             appointmentAt, appointmentNote, technicianId, acceptedAt, arriveDueAt, departedAt, arrivedAt, arrivedLate, startedAt, finishedAt, workNotes,
             materials, completedAt, keptUntil, returnVisitAt, returnVisitNote, contentSha256, signature, actions, area, assignedTo, assignedBy,
             materialsDocumentId, materialsDocumentNumber
    }

    static let select = """
        SELECT w.id, w.number, w.ticket_id, w.ticket_number, w.kind, w.location, w.description, w.requester_name, w.requester_phone, w.org_unit_id,
            w.org_path, w.status, w.issued_by, w.issued_at, w.appointment_at, w.appointment_note, w.technician_id, w.accepted_at, w.arrive_due_at,
            w.departed_at, w.arrived_at, w.started_at, w.finished_at, w.work_notes, w.materials_used, w.completed_at, w.completed_on,
            w.return_visit_at, w.return_visit_by, w.return_visit_note, w.area, w.assigned_to, w.assigned_by, w.materials_document_id, w.materials_document_number,
            \(OrgQueries.userNameSQL("w.assigned_to")) AS assignee_name,
            \(OrgQueries.unitNameSQL("w.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("w.issued_by")) AS issuer_name,
            \(OrgQueries.userNameSQL("w.technician_id")) AS technician_name, \(OrgQueries.userNameSQL("w.return_visit_by")) AS visitor_name
        FROM work_orders w
        """

    /// `signature`: the order's signature row, read with it (the detail); nil in lists.
    init(row: any SQLRow, signature: (any SQLRow)?, viewer: Principal?) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        ticketId = try row.decode(column: "ticket_id", as: String?.self)
        ticketNumber = try row.decode(column: "ticket_number", as: String?.self)
        kind = WorkOrderKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .household
        location = try row.decode(column: "location", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        requesterName = try row.decode(column: "requester_name", as: String.self)
        requesterPhone = try row.decode(column: "requester_phone", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = WorkOrderStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .issued
        issuedBy = try row.decode(column: "issued_by", as: String.self)
        issuedMillis = try row.decode(column: "issued_at", as: Int64.self)
        issuedAt = Times.rfc3339(issuedMillis)
        appointmentAt = try row.decode(column: "appointment_at", as: String?.self)
        appointmentNote = try row.decode(column: "appointment_note", as: String?.self)
        technicianId = try row.decode(column: "technician_id", as: String?.self)
        acceptedMillis = try row.decode(column: "accepted_at", as: Int64?.self)
        acceptedAt = Times.rfc3339(acceptedMillis)
        arriveDueMillis = try row.decode(column: "arrive_due_at", as: Int64?.self)
        arriveDueAt = Times.rfc3339(arriveDueMillis)
        departedMillis = try row.decode(column: "departed_at", as: Int64?.self)
        departedAt = Times.rfc3339(departedMillis)
        arrivedMillis = try row.decode(column: "arrived_at", as: Int64?.self)
        arrivedAt = Times.rfc3339(arrivedMillis)
        if let a = acceptedMillis, let r = arrivedMillis { arrivedLate = WorkOrderRules.isLate(acceptedAtMillis: a, arrivedAtMillis: r) } else { arrivedLate = nil }
        startedMillis = try row.decode(column: "started_at", as: Int64?.self)
        startedAt = Times.rfc3339(startedMillis)
        finishedMillis = try row.decode(column: "finished_at", as: Int64?.self)
        finishedAt = Times.rfc3339(finishedMillis)
        workNotes = try row.decode(column: "work_notes", as: String.self)
        materials = try row.decode(column: "materials_used", as: String.self)
        completedMillis = try row.decode(column: "completed_at", as: Int64?.self)
        completedAt = Times.rfc3339(completedMillis)
        keptUntil = try row.decode(column: "completed_on", as: String?.self).flatMap(CivilDay.init(iso:)).map { WorkOrderRetention.keptUntil(completedOn: $0).iso }
        returnVisitMillis = try row.decode(column: "return_visit_at", as: Int64?.self)
        returnVisitAt = Times.rfc3339(returnVisitMillis)
        returnVisitNote = try row.decode(column: "return_visit_note", as: String?.self)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        issuerName = try row.decode(column: "issuer_name", as: String?.self) ?? "—"
        technicianName = try row.decode(column: "technician_name", as: String?.self)
        returnVisitorName = try row.decode(column: "visitor_name", as: String?.self)
        area = try row.decode(column: "area", as: String?.self)
        assignedTo = try row.decode(column: "assigned_to", as: String?.self)
        assignedBy = try row.decode(column: "assigned_by", as: String?.self)
        assigneeName = try row.decode(column: "assignee_name", as: String?.self)
        materialsDocumentId = try row.decode(column: "materials_document_id", as: String?.self)
        materialsDocumentNumber = try row.decode(column: "materials_document_number", as: String?.self)
        let content = WorkOrderSignature.canonicalContent(number: number, kind: kind, location: location, description: description, requesterName: requesterName,
                                                          requesterPhone: requesterPhone, workNotes: workNotes, materials: materials)
        contentSha256 = Secrets.hash(content)
        if let s = signature {
            let signedContent = try s.decode(column: "content_sha256", as: String.self)
            let signedMillis = try s.decode(column: "signed_at", as: Int64.self)
            self.signature = WorkOrderSignatureView(
                signerName: try s.decode(column: "signer_name", as: String.self),
                signerRelation: WorkOrderSignerRelation(rawValue: try s.decode(column: "signer_relation", as: String.self)) ?? .owner,
                signedAt: Times.rfc3339(signedMillis), imageSha256: try s.decode(column: "image_sha256", as: String.self),
                imageBytes: try s.decode(column: "image_bytes", as: Int64.self), contentSha256: signedContent, contentMatches: signedContent == contentSha256,
                signedMillis: signedMillis, imageBase64: try s.decode(column: "image_base64", as: String.self),
                collectedByName: try s.decode(column: "collector_name", as: String?.self) ?? "—")
        } else {
            self.signature = nil
        }
        actions = Self.actions(status: status, orgPath: orgPath, technicianId: technicianId, viewer: viewer)
    }

    /// The steps `viewer` may take on an order in `status` (4.8; after acceptance only the accepting technician, or an
    /// administrator, works it).
    static func actions(status: WorkOrderStatus, orgPath: String, technicianId: String?, viewer: Principal?) -> [String] {
        guard let v = viewer else { return [] }
        return WorkOrderStep.allCases.filter { step in
            guard WorkOrderRules.next(status, step) != nil, WorkOrderRules.mayAct(step, roles: v.roles, userPath: v.orgPath, orderPath: orgPath) else { return false }
            if WorkOrderRules.actor(of: step) == .technician, step != .accept, let t = technicianId, t != v.userId, !v.isAdmin { return false }
            return true
        }.map(\.rawValue)
    }

    /// Whether the order is still on the way and past its door time at `nowMillis` (WO-02).
    func isOverdue(nowMillis: Int64) -> Bool {
        WorkOrderRules.isOverdue(acceptedAtMillis: acceptedMillis, arrivedAtMillis: arrivedMillis, nowMillis: nowMillis)
    }

    static let signatureSelect = """
        SELECT s.signer_name, s.signer_relation, s.image_base64, s.image_bytes, s.image_sha256, s.content_sha256, s.signed_at,
            \(OrgQueries.userNameSQL("s.collected_by")) AS collector_name
        FROM work_order_signatures s
        """
}
