import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/material-requests` and `PUT .../{id}` (a draft's edit): REQ-02's form.
public struct MaterialRequestInput: Codable, Sendable {
    /// The requesting site (default: the actor's own unit).
    public var orgUnitId: String?
    public var kind: String?
    public var urgency: String?
    public var reason: String?
    public var lines: [MaterialRequestLineInput]?
    /// REQ-09: the department's urgent release, started at `sent_to_production` with the form to back-fill.
    public var urgentRelease: Bool?

    public init(orgUnitId: String? = nil, kind: String? = nil, urgency: String? = nil, reason: String? = nil,
                lines: [MaterialRequestLineInput]? = nil, urgentRelease: Bool? = nil) {
        self.orgUnitId = orgUnitId; self.kind = kind; self.urgency = urgency; self.reason = reason; self.lines = lines; self.urgentRelease = urgentRelease
    }
}

public struct MaterialRequestLineInput: Codable, Sendable {
    public var itemId: String?
    /// The code typed into the page's line grid (resolved to the item).
    public var itemCode: String?
    public var quantity: Quantity?
    public var note: String?

    public init(itemId: String? = nil, itemCode: String? = nil, quantity: Quantity? = nil, note: String? = nil) {
        self.itemId = itemId; self.itemCode = itemCode; self.quantity = quantity; self.note = note
    }
}

/// The body of a step: `return`'s comment, `decide`'s source, `order`'s order reference and supplier, `ship`'s note.
public struct MaterialRequestStepInput: Codable, Sendable {
    public var comment: String?
    public var source: String?
    public var orderRef: String?
    public var supplierId: String?
    public var note: String?

    public init(comment: String? = nil, source: String? = nil, orderRef: String? = nil, supplierId: String? = nil, note: String? = nil) {
        self.comment = comment; self.source = source; self.orderRef = orderRef; self.supplierId = supplierId; self.note = note
    }
}

public struct MaterialRequestLineView: Encodable, Sendable {
    public let lineNo: Int
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let model: String
    public let unit: String
    public let quantity: Quantity
    public let note: String
}

/// One signature (REQ-05): who, when, the step, and the version of the form signed.
public struct MaterialRequestSignatureView: Encodable, Sendable {
    public let seq: Int
    public let action: String
    public let fromState: String
    public let toState: String
    public let version: Int
    public let userId: String
    public let userName: String
    public let comment: String
    public let at: String
    let atMillis: Int64

    enum CodingKeys: String, CodingKey { case seq, action, fromState, toState, version, userId, userName, comment, at }
}

/// A request as the API and the pages show it.
public struct MaterialRequestView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let kind: String
    public let urgency: String
    public let reason: String
    public let state: String
    public let version: Int
    public let source: String?
    public let urgentRelease: Bool
    public let backfillPending: Bool
    /// REQ-04: the planner's deadline (24 working hours from entry) and whether it has passed while the planner has it.
    public let plannerDueAt: String?
    public let plannerBreached: Bool
    /// REQ-06: when the copy was filed at 业务管理部 (the manager's approval or an urgent release).
    public let filedAtHQ: String?
    public let orderRef: String?
    public let supplierId: String?
    public let shippedAt: String?
    public let shippingNote: String?
    public let arrivedAt: String?
    public let closedAt: String?
    /// The role the request waits for (REQ-08).
    public let waitingFor: String?
    public let createdBy: String
    public let createdAt: String
    public var lines: [MaterialRequestLineView]
    public var signatures: [MaterialRequestSignatureView]
    /// The arrival checks recorded against the request (#13.1 item 1); completing one closes the request.
    public var arrivalChecks: [ArrivalLink]
    let orgPath: String
    let createdMillis: Int64
    let plannerDueMillis: Int64?

    static let columns = """
        r.id, r.number, r.org_unit_id, r.org_path, r.kind, r.urgency, r.reason, r.state, r.version, r.source, r.urgent_release, r.backfill_pending,
        r.planner_due_at, r.hq_filed_at, r.order_ref, r.supplier_id, r.shipped_at, r.shipping_note, r.arrived_at, r.closed_at, r.created_by, r.created_at,
        \(OrgQueries.unitNameSQL("r.org_unit_id")) AS unit_name
        """
    static let from = "material_requests r"

    init(row: any SQLRow, now: Int64) throws {
        func time(_ c: String) throws -> String? { try row.decode(column: c, as: Int64?.self).map(Times.rfc3339) }
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        kind = try row.decode(column: "kind", as: String.self)
        urgency = try row.decode(column: "urgency", as: String.self)
        reason = try row.decode(column: "reason", as: String.self)
        state = try row.decode(column: "state", as: String.self)
        version = try row.decode(column: "version", as: Int.self)
        source = try row.decode(column: "source", as: String?.self)
        urgentRelease = try row.decode(column: "urgent_release", as: Int.self) != 0
        backfillPending = try row.decode(column: "backfill_pending", as: Int.self) != 0
        plannerDueMillis = try row.decode(column: "planner_due_at", as: Int64?.self)
        plannerDueAt = plannerDueMillis.map(Times.rfc3339)
        let s = MaterialRequestState(rawValue: state) ?? .draft
        plannerBreached = MaterialRequestFlow.plannerBreached(state: s, dueAt: plannerDueMillis, now: now)
        filedAtHQ = try time("hq_filed_at")
        orderRef = try row.decode(column: "order_ref", as: String?.self)
        supplierId = try row.decode(column: "supplier_id", as: String?.self)
        let shipped = try row.decode(column: "shipped_at", as: Int64?.self)
        shippedAt = shipped.map(Times.rfc3339)
        shippingNote = try row.decode(column: "shipping_note", as: String?.self)
        arrivedAt = try time("arrived_at")
        closedAt = try time("closed_at")
        waitingFor = MaterialRequestFlow.waitingFor(s, shipped: shipped != nil)?.rawValue
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdMillis = try row.decode(column: "created_at", as: Int64.self)
        createdAt = Times.rfc3339(createdMillis)
        lines = []
        signatures = []
        arrivalChecks = []
    }

    var stateValue: MaterialRequestState { MaterialRequestState(rawValue: state) ?? .draft }
    var isShipped: Bool { shippedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, orgUnitName, kind, urgency, reason, state, version, source, urgentRelease, backfillPending, plannerDueAt, plannerBreached,
             filedAtHQ, orderRef, supplierId, shippedAt, shippingNote, arrivedAt, closedAt, waitingFor, createdBy, createdAt, lines, signatures, arrivalChecks
    }
}
