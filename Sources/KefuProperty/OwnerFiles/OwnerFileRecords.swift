import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-06 one occupant of a unit over time; `current` while not moved out. `movedInOn` is nil for the occupants the
/// register had before the history was kept (moved in on an unknown date).
public struct PropertyOccupancyView: Encodable, Sendable {
    public let id: String
    public let kind: PropertyOccupantKind
    public let name: String
    public let phone: String?
    public let movedInOn: String?
    public let movedOutOn: String?
    public let current: Bool

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        kind = PropertyOccupantKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .owner
        name = try row.decode(column: "name", as: String.self)
        phone = try row.decode(column: "phone", as: String?.self)
        movedInOn = try row.decode(column: "moved_in_on", as: String?.self)
        movedOutOn = try row.decode(column: "moved_out_on", as: String?.self)
        current = movedOutOn == nil
    }
}

/// PRP-06 a step of a renovation: approved, rejected (the reason), a supervision note, the acceptance (defects when failed).
public struct RenovationStepView: Encodable, Sendable {
    public let action: RenovationAction
    public let statusAfter: RenovationStatus
    public let note: String?
    public let actedOn: String
    public let actedBy: String
}

/// PRP-06 a dated entry of a unit's owner file; the kind says which fields it carries. A renovation has its status,
/// its steps and the steps the viewer may take now (`actions`).
public struct OwnerFileEntryView: Encodable, Sendable {
    public let id: String
    public let unitId: String
    public let kind: OwnerFileEntryKind
    public let entryOn: String
    public let summary: String?
    public let agreementNo: String?
    public let handoverItems: String?
    public let tenant: String?
    public let termFrom: String?
    public let termTo: String?
    public let agent: String?
    public let status: RenovationStatus?
    public var steps: [RenovationStepView]
    public var actions: [RenovationAction]
    public let recordedBy: String
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, unitId, kind, entryOn, summary, agreementNo, handoverItems, tenant, termFrom, termTo, agent, status, steps, actions, recordedBy
    }

    static let select = """
        SELECT f.id, f.unit_id, f.org_path, f.kind, f.entry_on, f.summary, f.agreement_no, f.handover_items, f.tenant, f.term_from, f.term_to, f.agent,
            f.status, \(OrgQueries.userNameSQL("f.created_by")) AS by_name
        FROM property_file_entries f
        """

    init(row: any SQLRow, viewer: Principal) throws {
        id = try row.decode(column: "id", as: String.self)
        unitId = try row.decode(column: "unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        kind = OwnerFileEntryKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .engineering
        entryOn = try row.decode(column: "entry_on", as: String.self)
        summary = try row.decode(column: "summary", as: String?.self)
        agreementNo = try row.decode(column: "agreement_no", as: String?.self)
        handoverItems = try row.decode(column: "handover_items", as: String?.self)
        tenant = try row.decode(column: "tenant", as: String?.self)
        termFrom = try row.decode(column: "term_from", as: String?.self)
        termTo = try row.decode(column: "term_to", as: String?.self)
        agent = try row.decode(column: "agent", as: String?.self)
        status = try row.decode(column: "status", as: String?.self).flatMap(RenovationStatus.init(rawValue:))
        recordedBy = try row.decode(column: "by_name", as: String?.self) ?? "—"
        steps = []
        let path = orgPath
        actions = status.map { s in
            OwnerFileRules.allowed(s).filter { OwnerFileRules.may(OwnerFileService.allowed($0), roles: viewer.roles, userPath: viewer.orgPath, unitPath: path) }
        } ?? []
    }
}

/// PRP-06 业主档案 of a unit: the unit as registered, its occupants over time (newest first) and its file entries by date.
public struct PropertyOwnerFileView: Encodable, Sendable {
    public let unit: PropertyUnitView
    public let estateName: String
    public let occupants: [PropertyOccupancyView]
    public let entries: [OwnerFileEntryView]
    /// The viewer may move occupants and add entries.
    public let mayRecord: Bool
    let orgPath: String

    enum CodingKeys: String, CodingKey { case unit, estateName, occupants, entries, mayRecord }
}
