import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/demand-plans`, `PUT /api/v1/demand-plans/{id}` (REQ-10): the year and department (fixed once written),
/// a note, and the lines — item (id or code) and the quantity for the year.
public struct DemandPlanInput: Codable, Sendable {
    public var year: Int?
    public var orgUnitId: String?
    public var note: String?
    public var lines: [MaterialRequestLineInput]?

    public init(year: Int? = nil, orgUnitId: String? = nil, note: String? = nil, lines: [MaterialRequestLineInput]? = nil) {
        self.year = year; self.orgUnitId = orgUnitId; self.note = note; self.lines = lines
    }
}

/// One line of the plan with the department's actual of the year (REQ-10 plan against actual, REQ-08).
public struct DemandPlanLineView: Encodable, Sendable {
    public let lineNo: Int
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let unit: String
    public let quantity: Quantity
    public let note: String
    public let requested: Quantity
    public let shipped: Quantity
    public let remaining: Quantity
    public let overPlan: Bool
}

public struct DemandPlanView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let year: Int
    public let orgUnitId: String
    public let orgUnitName: String
    public let state: String
    public let version: Int
    public let note: String
    public let publishedBy: String?
    public let publishedByName: String?
    public let publishedAt: String?
    public let createdBy: String
    public let createdAt: String
    public let updatedAt: String
    public var lines: [DemandPlanLineView]
    let orgPath: String
    let publishedMillis: Int64?

    var stateValue: DemandPlanState { DemandPlanState(rawValue: state) ?? .draft }

    static let select = """
        SELECT p.id, p.number, p.year, p.org_unit_id, p.org_path, p.state, p.version, p.note, p.published_by, p.published_at, p.created_by,
            p.created_at, p.updated_at, \(OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("p.published_by")) AS published_name
        FROM demand_plans p
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        year = try row.decode(column: "year", as: Int.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        orgPath = try row.decode(column: "org_path", as: String.self)
        state = try row.decode(column: "state", as: String.self)
        version = try row.decode(column: "version", as: Int.self)
        note = try row.decode(column: "note", as: String.self)
        publishedBy = try row.decode(column: "published_by", as: String?.self)
        publishedByName = try row.decode(column: "published_name", as: String?.self)
        publishedMillis = try row.decode(column: "published_at", as: Int64?.self)
        publishedAt = Times.rfc3339(publishedMillis)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        updatedAt = Times.rfc3339(try row.decode(column: "updated_at", as: Int64.self))
        lines = []
    }

    enum CodingKeys: String, CodingKey {
        case id, number, year, orgUnitId, orgUnitName, state, version, note, publishedBy, publishedByName, publishedAt, createdBy, createdAt, updatedAt, lines
    }
}
