import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Money or any short value sent as a JSON string or number ("350.00", 350, 350.5): kept as the text typed, so that
/// `Yuan.fen` reads it exactly (a number goes through `Decimal`, never `Double`).
public struct TypedAmount: Codable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s } else { text = (try c.decode(Decimal.self)).description }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// FRT-01: one entry of HQ's reference price list (API.md `{"route","vehicleType","price","effectiveFrom"}`).
public struct FreightPriceInput: Codable, Sendable {
    public var route: String?
    public var vehicleType: String?
    public var price: TypedAmount?
    public var effectiveFrom: String?
}

/// #13.4: one shipment's freight (API.md `POST /api/v1/freight`). `routeId`: an entry of the price list naming the
/// route and vehicle type (required for a rented vehicle; the entry in force on `shippedOn` gives the reference).
public struct FreightInput: Codable, Sendable {
    public var shipmentRef: String?
    public var mode: String?
    public var routeId: String?
    public var cost: TypedAmount?
    public var orgUnitId: String?
    public var shippedOn: String?
    public var note: String?
}

public struct FreightDecisionInput: Codable, Sendable {
    public var comment: String?
}

/// An entry of the reference price list as the API gives it.
public struct FreightPriceView: Encodable, Sendable {
    public let id: String
    public let route: String
    public let vehicleType: String
    public let price: String
    public let currency: String
    public let effectiveFrom: String
    /// The last day it is in force (the day before the next entry of the same route and vehicle type), nil while current.
    public let effectiveTo: String?
    /// In force today.
    public let current: Bool
    public let createdBy: String
    public let createdAt: String
    let priceFen: Int64
    let createdByName: String

    enum CodingKeys: String, CodingKey { case id, route, vehicleType, price, currency, effectiveFrom, effectiveTo, current, createdBy, createdAt }

    static let select = """
        SELECT p.id, p.route, p.vehicle_type, p.price_fen, p.effective_from, p.created_by, p.created_at,
            (SELECT MIN(n.effective_from) FROM freight_prices n WHERE n.route = p.route AND n.vehicle_type = p.vehicle_type AND n.effective_from > p.effective_from) AS next_from,
            \(OrgQueries.userNameSQL("p.created_by")) AS created_by_name
        FROM freight_prices p
        """

    init(row: any SQLRow, today: String) throws {
        id = try row.decode(column: "id", as: String.self)
        route = try row.decode(column: "route", as: String.self)
        vehicleType = try row.decode(column: "vehicle_type", as: String.self)
        priceFen = try row.decode(column: "price_fen", as: Int64.self)
        price = Yuan.text(priceFen)
        currency = "CNY"
        effectiveFrom = try row.decode(column: "effective_from", as: String.self)
        let next = try row.decode(column: "next_from", as: String?.self)
        effectiveTo = next.flatMap { CivilDay(iso: $0) }.map { CivilDay(number: $0.number - 1).iso }
        current = effectiveFrom <= today && (next.map { today < $0 } ?? true)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        createdByName = try row.decode(column: "created_by_name", as: String?.self) ?? "—"
    }
}

/// A freight record as the API and the pages give it.
public struct FreightView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let shipmentRef: String
    public let mode: FreightMode
    /// The price-list entry in force on the shipping day (rented vehicles), else the entry named, if any.
    public let routeId: String?
    public let route: String?
    public let vehicleType: String?
    public let referencePrice: String?
    /// FRT-03: reference × 1.10, the most a rented vehicle costs without an application.
    public let referenceLimit: String?
    public let cost: String
    public let currency: String
    public let orgUnitId: String
    public let departmentId: String
    public let shippedOn: String
    public let note: String
    public let approvalNeeded: FreightApproval
    public let status: FreightStatus
    public let decidedBy: String?
    public let decidedAt: String?
    public let decisionComment: String?
    public let createdBy: String
    public let createdAt: String
    /// The steps the caller may take now (`approve`, `reject`).
    public let actions: [String]
    let orgPath: String
    let deptPath: String
    let costFen: Int64
    let referenceFen: Int64?
    let unitName: String
    let departmentName: String
    let creatorName: String
    let deciderName: String?
    let createdMillis: Int64
    let decidedMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, shipmentRef, mode, routeId, route, vehicleType, referencePrice, referenceLimit, cost, currency, orgUnitId, departmentId, shippedOn, note,
             approvalNeeded, status, decidedBy, decidedAt, decisionComment, createdBy, createdAt, actions
    }

    static let select = """
        SELECT f.id, f.number, f.shipment_ref, f.mode, f.price_id, f.route, f.vehicle_type, f.reference_fen, f.cost_fen, f.org_unit_id, f.org_path,
            f.dept_id, f.dept_path, f.shipped_on, f.note, f.approval_needed, f.status, f.decided_by, f.decided_at, f.decision_comment, f.created_by, f.created_at,
            \(OrgQueries.unitNameSQL("f.org_unit_id")) AS unit_name, \(OrgQueries.unitNameSQL("f.dept_id")) AS dept_name,
            \(OrgQueries.userNameSQL("f.created_by")) AS creator_name, \(OrgQueries.userNameSQL("f.decided_by")) AS decider_name
        FROM freight_records f
        """

    init(row: any SQLRow, viewer: Principal?) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        shipmentRef = try row.decode(column: "shipment_ref", as: String.self)
        mode = FreightMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .express
        routeId = try row.decode(column: "price_id", as: String?.self)
        route = try row.decode(column: "route", as: String?.self)
        vehicleType = try row.decode(column: "vehicle_type", as: String?.self)
        referenceFen = try row.decode(column: "reference_fen", as: Int64?.self)
        referencePrice = referenceFen.map(Yuan.text)
        referenceLimit = mode == .rentedVehicle ? referenceFen.map { Yuan.text(FreightApprovalRule.rentedLimitFen(referenceFen: $0)) } : nil
        costFen = try row.decode(column: "cost_fen", as: Int64.self)
        cost = Yuan.text(costFen)
        currency = "CNY"
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        departmentId = try row.decode(column: "dept_id", as: String.self)
        deptPath = try row.decode(column: "dept_path", as: String.self)
        shippedOn = try row.decode(column: "shipped_on", as: String.self)
        note = try row.decode(column: "note", as: String.self)
        approvalNeeded = FreightApproval(rawValue: try row.decode(column: "approval_needed", as: String.self)) ?? .none
        status = FreightStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notNeeded
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedMillis = try row.decode(column: "decided_at", as: Int64?.self)
        decidedAt = Times.rfc3339(decidedMillis)
        decisionComment = try row.decode(column: "decision_comment", as: String?.self)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdMillis = try row.decode(column: "created_at", as: Int64.self)
        createdAt = Times.rfc3339(createdMillis)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        departmentName = try row.decode(column: "dept_name", as: String?.self) ?? "—"
        creatorName = try row.decode(column: "creator_name", as: String?.self) ?? "—"
        deciderName = try row.decode(column: "decider_name", as: String?.self)
        actions = Self.actions(status: status, approval: approvalNeeded, departmentPath: deptPath, viewer: viewer)
    }

    /// The decisions `viewer` may take on a record in `status` (FRT-04..06).
    static func actions(status: FreightStatus, approval: FreightApproval, departmentPath: String, viewer: Principal?) -> [String] {
        guard let v = viewer else { return [] }
        return FreightDecision.allCases.filter {
            FreightApprovalRule.next(status, $0) != nil
                && FreightApprovalRule.mayDecide(approval, roles: v.roles, userPath: v.orgPath, departmentPath: departmentPath)
        }.map(\.rawValue)
    }

    /// RPT-12: above the reference or needing an approval.
    var isException: Bool { FreightApprovalRule.isException(approval: approvalNeeded, costFen: costFen, referenceFen: referenceFen) }
}
