import KefuDomain
import KefuPlatform
import SQLKit

/// A new application as typed (#13.3, DMG-06/07): `{"orgUnitId","kind","partIds","note"}`. `orgUnitId`: the business
/// department applying (its sites' class II parts); `kind`: `commercial` (default) or `warranty`.
public struct CommercialRepairInput: Codable, Sendable {
    public var orgUnitId: String?
    public var kind: String?
    public var partIds: [String]?
    public var note: String?
    public init(orgUnitId: String? = nil, kind: String? = nil, partIds: [String]? = nil, note: String? = nil) {
        self.orgUnitId = orgUnitId; self.kind = kind; self.partIds = partIds; self.note = note
    }
}

/// `{"comment"}` of an approval or a refusal (required when HQ sends it back).
public struct CommercialRepairCommentInput: Codable, Sendable {
    public var comment: String?
    public init(comment: String? = nil) { self.comment = comment }
}

/// Sending the parts to the repairer (or the maker, DMG-07): `{"repairer","sentOn","expectedOn","warrantyUntil","cost"}`;
/// `cost` in yuan, exact to the fen ("1,250.00"); a warranty repair is free.
public struct CommercialRepairSendInput: Codable, Sendable {
    public var repairer: String?
    public var sentOn: String?
    public var expectedOn: String?
    public var warrantyUntil: String?
    public var cost: TypedAmount?
    public init(repairer: String? = nil, sentOn: String? = nil, expectedOn: String? = nil, warrantyUntil: String? = nil, cost: TypedAmount? = nil) {
        self.repairer = repairer; self.sentOn = sentOn; self.expectedOn = expectedOn; self.warrantyUntil = warrantyUntil; self.cost = cost
    }
}

/// What came back: `{"returnedOn","cost","results":[{"partId","result","note"}]}`, a result for every part.
public struct CommercialRepairResultsInput: Codable, Sendable {
    public struct PartResult: Codable, Sendable {
        public var partId: String?
        public var result: String?
        public var note: String?
        public init(partId: String? = nil, result: String? = nil, note: String? = nil) { self.partId = partId; self.result = result; self.note = note }
    }
    public var returnedOn: String?
    public var cost: TypedAmount?
    public var results: [PartResult]?
    public init(returnedOn: String? = nil, cost: TypedAmount? = nil, results: [PartResult]? = nil) {
        self.returnedOn = returnedOn; self.cost = cost; self.results = results
    }
}

/// One damaged part of an application, with its result.
public struct CommercialRepairPartView: Codable, Sendable {
    public let partId: String
    public let number: String
    public let warehouseName: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let unit: String
    public let quantity: Quantity
    public let turbineNumber: String
    public let oldSerial: String
    public let cause: String
    public let result: String?
    public let resultNote: String?

    static let select = """
        SELECT cp.part_id, p.number, w.name AS w_name, i.code AS i_code, i.name AS i_name, i.spec, i.unit, p.quantity, p.turbine_number, p.old_serial,
            p.cause, cp.result, cp.result_note
        FROM commercial_repair_parts cp JOIN damaged_parts p ON p.id = cp.part_id JOIN warehouses w ON w.id = p.warehouse_id JOIN items i ON i.id = p.item_id
        """

    init(row: any SQLRow) throws {
        func s(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        partId = try s("part_id"); number = try s("number"); warehouseName = try s("w_name"); itemCode = try s("i_code"); itemName = try s("i_name")
        spec = try s("spec"); unit = try s("unit"); quantity = Quantity(milli: try row.decode(column: "quantity", as: Int64.self))
        turbineNumber = try s("turbine_number"); oldSerial = try s("old_serial"); cause = try s("cause")
        result = try row.decode(column: "result", as: String?.self); resultNote = try row.decode(column: "result_note", as: String?.self)
    }
}

public struct CommercialRepairView: Codable, Sendable {
    public let id: String
    public let number: String
    public let kind: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let status: String
    public let note: String
    public let repairer: String?
    public let warrantyUntil: String?
    public let sentOn: String?
    public let expectedOn: String?
    /// The typed expected date, or 20 working days after sending (decision #13.3).
    public let dueOn: String?
    /// Yuan, exact ("1250.00").
    public let cost: String?
    public let returnedOn: String?
    public let reviewComment: String?
    public let submittedBy: String?
    public let approvedBy: String?
    public let closedBy: String?
    /// Calendar days past the due date while the parts are out; nil when not late.
    public let daysLate: Int?
    public let late: Bool
    /// ESC-05: escalated to 业务管理部 (once).
    public let escalatedToHQ: Bool
    public let escalatedAt: String?
    public let createdBy: String
    public let createdAt: String
    public let partCount: Int
    public let parts: [CommercialRepairPartView]
    public let actions: [String]
}

/// An application as stored.
struct CommercialRepairRow: Sendable {
    let id: String, number: String
    let kind: CommercialRepairKind
    let orgUnitId: String, orgUnitName: String, orgPath: String
    let status: CommercialRepairStatus
    let note: String
    let repairer: String?, warrantyUntil: String?, sentOn: String?, expectedOn: String?, dueOn: String?
    let costFen: Int64?
    let returnedOn: String?, reviewComment: String?
    let submittedBy: String?, approvedBy: String?, closedBy: String?
    let escalatedAt: Int64?
    let createdBy: String, createdAt: Int64
    let partCount: Int

    static func select(unitName: String) -> String {
        """
        SELECT c.id, c.number, c.kind, c.org_unit_id, \(unitName) AS unit_name, c.org_path, c.status, c.note, c.repairer, c.warranty_until, c.sent_on,
            c.expected_on, c.due_on, c.cost_fen, c.returned_on, c.review_comment, c.submitted_by, c.approved_by, c.closed_by, c.escalated_to_hq_at,
            c.created_by, c.created_at, (SELECT COUNT(*) FROM commercial_repair_parts pc WHERE pc.repair_id = c.id) AS part_count
        FROM commercial_repairs c
        """
    }

    init(row: any SQLRow) throws {
        func s(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        func o(_ c: String) throws -> String? { try row.decode(column: c, as: String?.self) }
        id = try s("id"); number = try s("number")
        kind = CommercialRepairKind(rawValue: try s("kind")) ?? .commercial
        orgUnitId = try s("org_unit_id"); orgUnitName = try o("unit_name") ?? orgUnitId; orgPath = try s("org_path")
        status = CommercialRepairStatus(rawValue: try s("status")) ?? .draft
        note = try s("note"); repairer = try o("repairer"); warrantyUntil = try o("warranty_until"); sentOn = try o("sent_on")
        expectedOn = try o("expected_on"); dueOn = try o("due_on"); costFen = try row.decode(column: "cost_fen", as: Int64?.self)
        returnedOn = try o("returned_on"); reviewComment = try o("review_comment")
        submittedBy = try o("submitted_by"); approvedBy = try o("approved_by"); closedBy = try o("closed_by")
        escalatedAt = try row.decode(column: "escalated_to_hq_at", as: Int64?.self)
        createdBy = try s("created_by"); createdAt = try row.decode(column: "created_at", as: Int64.self)
        partCount = try row.decode(column: "part_count", as: Int.self)
    }

    func daysLate(today: CivilDay) -> Int? {
        CommercialRepairRules.daysLate(status: status, dueOn: dueOn.flatMap(CivilDay.init(iso:)), today: today)
    }

    func view(today: CivilDay, parts: [CommercialRepairPartView], actions: [String]) -> CommercialRepairView {
        let late = daysLate(today: today)
        return CommercialRepairView(
            id: id, number: number, kind: kind.rawValue, orgUnitId: orgUnitId, orgUnitName: orgUnitName, status: status.rawValue, note: note,
            repairer: repairer, warrantyUntil: warrantyUntil, sentOn: sentOn, expectedOn: expectedOn, dueOn: dueOn, cost: costFen.map(Yuan.text),
            returnedOn: returnedOn, reviewComment: reviewComment, submittedBy: submittedBy, approvedBy: approvedBy, closedBy: closedBy,
            daysLate: late, late: late != nil, escalatedToHQ: escalatedAt != nil, escalatedAt: escalatedAt.map { Times.rfc3339($0) },
            createdBy: createdBy, createdAt: Times.rfc3339(createdAt), partCount: partCount, parts: parts, actions: actions)
    }
}
