import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/handovers` (create: `entryId` names one of the outgoing person's roster entries) and
/// `PUT /api/v1/handovers/{id}` (the log's parts; SHF-03).
public struct HandoverInput: Codable, Sendable {
    public var entryId: String?
    public var equipment: String?
    public var issues: String?
    public var staffing: String?
    public var notes: String?
    public init(entryId: String? = nil, equipment: String? = nil, issues: String? = nil, staffing: String? = nil, notes: String? = nil) {
        self.entryId = entryId; self.equipment = equipment; self.issues = issues; self.staffing = staffing; self.notes = notes
    }
}

/// `POST /api/v1/handovers/{id}/return`: why the incoming person sends it back.
public struct HandoverReturnInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

/// The outgoing shift a handover belongs to.
public struct HandoverShiftView: Codable, Sendable, Equatable {
    public let entryId: String
    public let date: String
    public let shiftCode: String
    public let shiftName: String
    public let start: String
    public let end: String
}

/// A handover log (SHF-02, SHF-03).
public struct HandoverView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    /// draft, submitted, accepted, returned.
    public let status: String
    /// SHF-02: the outgoing shift is closed only once the handover is accepted.
    public let shiftClosed: Bool
    public let shift: HandoverShiftView
    public let outgoingId: String
    public let outgoingName: String
    public let equipment: String
    public let issues: String
    public let staffing: String
    public let notes: String
    public let facts: ShiftFacts
    public let submittedAt: String?
    public let acceptedBy: String?
    public let acceptedByName: String?
    public let acceptedAt: String?
    public let returnReason: String?
    public let createdAt: String
    /// The steps the viewer may take now: edit, submit, accept, return.
    public let actions: [String]
}

/// A handover as stored.
struct HandoverRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgUnitName: String, orgPath: String, entryId: String, shiftDay: String
    let shiftStart: Int64, shiftEnd: Int64, outgoingId: String, outgoingName: String, status: HandoverStatus
    let equipment: String, issues: String, staffing: String, notes: String, facts: ShiftFacts
    let submittedAt: Int64?, acceptedBy: String?, acceptedByName: String?, acceptedAt: Int64?, returnReason: String?, createdAt: Int64

    static let select = """
        SELECT h.id, h.number, h.org_unit_id, h.org_path, h.entry_id, h.shift_day, h.shift_start, h.shift_end, h.outgoing_id, h.status, h.equipment,
            h.issues, h.staffing, h.notes, h.facts, h.submitted_at, h.accepted_by, h.accepted_at, h.return_reason, h.created_at,
            \(OrgQueries.userNameSQL("h.outgoing_id")) AS outgoing_name, \(OrgQueries.userNameSQL("h.accepted_by")) AS accepted_by_name,
            \(OrgQueries.unitNameSQL("h.org_unit_id")) AS unit_name
        FROM handovers h
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        orgPath = try row.decode(column: "org_path", as: String.self)
        entryId = try row.decode(column: "entry_id", as: String.self)
        shiftDay = try row.decode(column: "shift_day", as: String.self)
        shiftStart = try row.decode(column: "shift_start", as: Int64.self)
        shiftEnd = try row.decode(column: "shift_end", as: Int64.self)
        outgoingId = try row.decode(column: "outgoing_id", as: String.self)
        outgoingName = try row.decode(column: "outgoing_name", as: String?.self) ?? ""
        status = HandoverStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        equipment = try row.decode(column: "equipment", as: String.self)
        issues = try row.decode(column: "issues", as: String.self)
        staffing = try row.decode(column: "staffing", as: String.self)
        notes = try row.decode(column: "notes", as: String.self)
        facts = (try? JSONDecoder().decode(ShiftFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8))) ?? ShiftFacts()
        submittedAt = try row.decode(column: "submitted_at", as: Int64?.self)
        acceptedBy = try row.decode(column: "accepted_by", as: String?.self)
        acceptedByName = try row.decode(column: "accepted_by_name", as: String?.self)
        acceptedAt = try row.decode(column: "accepted_at", as: Int64?.self)
        returnReason = try row.decode(column: "return_reason", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    static func factsText(_ facts: ShiftFacts) -> String {
        String(decoding: (try? JSONEncoder().encode(facts)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// `POST /api/v1/announcements` (SHF-04): a notice to a unit and everyone below, with an optional last day shown.
public struct AnnouncementInput: Codable, Sendable {
    public var orgUnitId: String?
    public var title: String?
    public var body: String?
    /// The last day it is shown ("2026-12-31", "2026/12/31", "2026年12月31日"); none: until withdrawn.
    public var expiresOn: String?
    public init(orgUnitId: String? = nil, title: String? = nil, body: String? = nil, expiresOn: String? = nil) {
        self.orgUnitId = orgUnitId; self.title = title; self.body = body; self.expiresOn = expiresOn
    }
}

public struct AnnouncementView: Codable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let title: String
    public let body: String
    public let publisherId: String
    public let publisherName: String
    public let publishedAt: String
    public let expiresAt: String?
    /// The viewer has opened it.
    public let read: Bool
    /// `receipts` when the viewer may see who has read it.
    public let actions: [String]
}

/// One addressee of an announcement and when it was read (nil: not yet).
public struct AnnouncementReceipt: Codable, Sendable {
    public let userId: String
    public let userName: String
    public let readAt: String?
}

public struct AnnouncementReceipts: Codable, Sendable {
    public let announcement: AnnouncementView
    public let readCount: Int
    public let unreadCount: Int
    public let receipts: [AnnouncementReceipt]
}
