import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// VIS-03: one free-entry check as recorded (the ID number masked).
public struct FreeEntryView: Encodable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let visitorName: String
    public let idKind: String
    public let idMasked: String
    public let birthDate: String
    public let age: Int
    public let gate: String
    public let visitDate: String
    public let checkedAt: String
    public let checkedByName: String
    let checkedMillis: Int64

    enum CodingKeys: String, CodingKey { case id, orgUnitId, visitorName, idKind, idMasked, birthDate, age, gate, visitDate, checkedAt, checkedByName }

    static let select = """
        SELECT e.id, e.org_unit_id, e.visitor_name, e.id_kind, e.id_masked, e.birth_date, e.age, e.gate, e.visit_date, e.checked_at,
            \(OrgQueries.userNameSQL("e.checked_by")) AS checker_name
        FROM scenic_free_entries e
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        visitorName = try row.decode(column: "visitor_name", as: String.self)
        idKind = try row.decode(column: "id_kind", as: String.self)
        idMasked = try row.decode(column: "id_masked", as: String.self)
        birthDate = try row.decode(column: "birth_date", as: String.self)
        age = try row.decode(column: "age", as: Int.self)
        gate = try row.decode(column: "gate", as: String.self)
        visitDate = try row.decode(column: "visit_date", as: String.self)
        checkedMillis = try row.decode(column: "checked_at", as: Int64.self)
        checkedAt = Times.rfc3339(checkedMillis)
        checkedByName = try row.decode(column: "checker_name", as: String?.self) ?? "—"
    }
}

/// VIS-04: one broadcast of a lost-person case.
public struct BroadcastView: Encodable, Sendable {
    public let seq: Int
    public let language: String
    public let text: String
    public let broadcastAt: String
    public let byName: String
    let atMillis: Int64

    enum CodingKeys: String, CodingKey { case seq, language, text, broadcastAt, byName }
}

/// VIS-04: a lost-person case with its broadcast log.
public struct LostCaseView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let status: LostPersonRules.Status
    public let lostName: String
    public let description: String
    public let lastSeen: String
    public let reporterName: String
    public let reporterPhone: String
    public let broadcastCount: Int
    public let outcome: LostPersonRules.Outcome?
    public let closeNote: String?
    public let reportedAt: String
    public let closedAt: String?
    public var broadcasts: [BroadcastView]
    /// What the viewer may do next: broadcast, close.
    public let actions: [String]
    let orgPath: String
    let unitName: String
    let reporterByName: String
    let closedByName: String?
    let reportedMillis: Int64
    let closedMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, status, lostName, description, lastSeen, reporterName, reporterPhone, broadcastCount, outcome, closeNote,
             reportedAt, closedAt, broadcasts, actions
    }

    static let select = """
        SELECT c.id, c.number, c.org_unit_id, c.org_path, c.status, c.lost_name, c.description, c.last_seen, c.reporter_name, c.reporter_phone,
            c.broadcasts, c.outcome, c.close_note, c.reported_at, c.closed_at,
            \(OrgQueries.unitNameSQL("c.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("c.reported_by")) AS reported_by_name,
            \(OrgQueries.userNameSQL("c.closed_by")) AS closed_by_name
        FROM scenic_lost_cases c
        """

    init(row: any SQLRow, viewer: Principal?) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = LostPersonRules.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        lostName = try row.decode(column: "lost_name", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        lastSeen = try row.decode(column: "last_seen", as: String.self)
        reporterName = try row.decode(column: "reporter_name", as: String.self)
        reporterPhone = try row.decode(column: "reporter_phone", as: String.self)
        broadcastCount = try row.decode(column: "broadcasts", as: Int.self)
        outcome = try row.decode(column: "outcome", as: String?.self).flatMap(LostPersonRules.Outcome.init(rawValue:))
        closeNote = try row.decode(column: "close_note", as: String?.self)
        reportedMillis = try row.decode(column: "reported_at", as: Int64.self)
        reportedAt = Times.rfc3339(reportedMillis)
        closedMillis = try row.decode(column: "closed_at", as: Int64?.self)
        closedAt = Times.rfc3339(closedMillis)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        reporterByName = try row.decode(column: "reported_by_name", as: String?.self) ?? "—"
        closedByName = try row.decode(column: "closed_by_name", as: String?.self)
        broadcasts = []
        if let v = viewer, ScenicRules.mayWork(roles: v.roles, userPath: v.orgPath, recordPath: orgPath), status != .closed {
            actions = broadcastCount >= LostPersonRules.minBroadcasts ? ["broadcast", "close"] : ["broadcast"]
        } else {
            actions = []
        }
    }
}

/// LND-03: a wheelchair or stroller, with its open loan or repair.
public struct ScenicItemView: Encodable, Sendable {
    public let id: String
    public let code: String
    public let kind: LendingRules.ItemKind
    public let orgUnitId: String
    public let status: LendingRules.ItemStatus
    /// The open loan while lent.
    public let loanId: String?
    public let loanNumber: String?
    /// What is damaged while in repair.
    public let damage: String?
    let orgPath: String
    let unitName: String
    let borrowerName: String?
    let dueMillis: Int64?

    enum CodingKeys: String, CodingKey { case id, code, kind, orgUnitId, status, loanId, loanNumber, damage }

    static let select = """
        SELECT i.id, i.code, i.kind, i.org_unit_id, i.org_path, i.status, \(OrgQueries.unitNameSQL("i.org_unit_id")) AS unit_name,
            (SELECT l.id FROM scenic_loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS loan_id,
            (SELECT l.number FROM scenic_loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS loan_number,
            (SELECT l.borrower_name FROM scenic_loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS borrower_name,
            (SELECT l.due_back FROM scenic_loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS due_back,
            (SELECT r.damage FROM scenic_repairs r WHERE r.item_id = i.id AND r.repaired_at IS NULL) AS damage
        FROM scenic_items i
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        kind = LendingRules.ItemKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .wheelchair
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = LendingRules.ItemStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .available
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        loanId = try row.decode(column: "loan_id", as: String?.self)
        loanNumber = try row.decode(column: "loan_number", as: String?.self)
        borrowerName = try row.decode(column: "borrower_name", as: String?.self)
        dueMillis = try row.decode(column: "due_back", as: Int64?.self)
        damage = try row.decode(column: "damage", as: String?.self)
    }
}

/// LND-03/04: a loan or rental, and its return with the check.
public struct ScenicLoanView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let itemId: String
    public let itemCode: String
    public let kind: LendingRules.LoanKind
    /// Yuan as exact text ("20.00").
    public let fee: String
    public let deposit: String
    public let borrowerName: String
    public let borrowerPhone: String
    public let idNote: String?
    public let dueBack: String
    public let lentAt: String
    public let returnedAt: String?
    public let returnCheck: LendingRules.Check?
    public let damage: String?
    let orgPath: String
    let lentByName: String
    let lentMillis: Int64
    let dueMillis: Int64

    enum CodingKeys: String, CodingKey { case id, number, itemId, itemCode, kind, fee, deposit, borrowerName, borrowerPhone, idNote, dueBack, lentAt, returnedAt, returnCheck, damage }

    static let select = """
        SELECT l.id, l.number, l.item_id, l.org_path, l.kind, l.fee_fen, l.deposit_fen, l.borrower_name, l.borrower_phone, l.id_note, l.due_back, l.lent_at,
            l.returned_at, l.return_check, l.damage, (SELECT i.code FROM scenic_items i WHERE i.id = l.item_id) AS item_code,
            \(OrgQueries.userNameSQL("l.lent_by")) AS lent_by_name
        FROM scenic_loans l
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        itemId = try row.decode(column: "item_id", as: String.self)
        itemCode = try row.decode(column: "item_code", as: String?.self) ?? "—"
        orgPath = try row.decode(column: "org_path", as: String.self)
        kind = LendingRules.LoanKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .lend
        fee = Yuan.text(try row.decode(column: "fee_fen", as: Int64.self))
        deposit = Yuan.text(try row.decode(column: "deposit_fen", as: Int64.self))
        borrowerName = try row.decode(column: "borrower_name", as: String.self)
        borrowerPhone = try row.decode(column: "borrower_phone", as: String.self)
        idNote = try row.decode(column: "id_note", as: String?.self)
        dueMillis = try row.decode(column: "due_back", as: Int64.self)
        dueBack = Times.rfc3339(dueMillis)
        lentMillis = try row.decode(column: "lent_at", as: Int64.self)
        lentAt = Times.rfc3339(lentMillis)
        returnedAt = Times.rfc3339(try row.decode(column: "returned_at", as: Int64?.self))
        returnCheck = try row.decode(column: "return_check", as: String?.self).flatMap(LendingRules.Check.init(rawValue:))
        damage = try row.decode(column: "damage", as: String?.self)
        lentByName = try row.decode(column: "lent_by_name", as: String?.self) ?? "—"
    }
}

/// VIS-05: a department a reception plan is sent to, and its confirmation.
public struct PlanDepartmentView: Encodable, Sendable {
    public let orgUnitId: String
    public let name: String
    public let confirmed: Bool
    public let confirmedAt: String?
    public let confirmedByName: String?
    public let note: String?
    let orgPath: String

    enum CodingKeys: String, CodingKey { case orgUnitId, name, confirmed, confirmedAt, confirmedByName, note }
}

/// VIS-05: a special group's reception plan.
public struct ReceptionPlanView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let groupName: String
    public let visitDate: String
    public let groupSize: Int
    public let contactName: String
    public let contactPhone: String
    public let facilities: String
    public let meals: String
    public let specialNeeds: String
    public let status: ReceptionPlanRules.Status
    public var departments: [PlanDepartmentView]
    /// The departments the viewer may confirm for.
    public var mayConfirm: [String]
    let orgPath: String
    let unitName: String
    let createdByName: String
    let createdMillis: Int64
    let departmentCount: Int
    let confirmedCount: Int

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, groupName, visitDate, groupSize, contactName, contactPhone, facilities, meals, specialNeeds, status, departments, mayConfirm
    }

    static let select = """
        SELECT p.id, p.number, p.org_unit_id, p.org_path, p.group_name, p.visit_date, p.group_size, p.contact_name, p.contact_phone, p.facilities, p.meals,
            p.special_needs, p.created_at, \(OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("p.created_by")) AS created_by_name,
            (SELECT COUNT(*) FROM scenic_plan_departments d WHERE d.plan_id = p.id) AS dept_count,
            (SELECT COUNT(*) FROM scenic_plan_departments d WHERE d.plan_id = p.id AND d.confirmed_at IS NOT NULL) AS confirmed_count
        FROM scenic_reception_plans p
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        groupName = try row.decode(column: "group_name", as: String.self)
        visitDate = try row.decode(column: "visit_date", as: String.self)
        groupSize = try row.decode(column: "group_size", as: Int.self)
        contactName = try row.decode(column: "contact_name", as: String.self)
        contactPhone = try row.decode(column: "contact_phone", as: String.self)
        facilities = try row.decode(column: "facilities", as: String.self)
        meals = try row.decode(column: "meals", as: String.self)
        specialNeeds = try row.decode(column: "special_needs", as: String.self)
        createdMillis = try row.decode(column: "created_at", as: Int64.self)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        createdByName = try row.decode(column: "created_by_name", as: String?.self) ?? "—"
        departmentCount = try row.decode(column: "dept_count", as: Int.self)
        confirmedCount = try row.decode(column: "confirmed_count", as: Int.self)
        status = ReceptionPlanRules.status(departments: departmentCount, confirmed: confirmedCount)
        departments = []
        mayConfirm = []
    }
}

/// The item page's model: the item and its latest loans.
public struct ScenicItemPageModel: Sendable {
    public let item: ScenicItemView
    public let loans: [ScenicLoanView]
}
