import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15.5 KPI-06: a material-loss responsibility record as typed (API.md "loss-responsibilities"):
/// `{"orgUnitId","cause","description","responsibleId","linkNumber","lines":[{"itemId","quantity","value"}]}`.
/// `orgUnitId` is the site (现场); `responsibleId` defaults to the site's chief; `linkNumber` a stocktake (PD…) or a
/// damaged part (SH-…); a line's `itemId` is the item's id or code, `quantity` and `value` (yuan) exact text or numbers.
public struct LossResponsibilityInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var itemId: String?
        public var quantity: TypedAmount?
        public var value: TypedAmount?
        public init(itemId: String? = nil, quantity: TypedAmount? = nil, value: TypedAmount? = nil) { self.itemId = itemId; self.quantity = quantity; self.value = value }
    }
    public var orgUnitId: String?
    public var cause: String?
    public var description: String?
    public var responsibleId: String?
    public var linkNumber: String?
    public var lines: [Line]?

    public init(orgUnitId: String? = nil, cause: String? = nil, description: String? = nil, responsibleId: String? = nil, linkNumber: String? = nil, lines: [Line]? = nil) {
        self.orgUnitId = orgUnitId; self.cause = cause; self.description = description; self.responsibleId = responsibleId
        self.linkNumber = linkNumber; self.lines = lines
    }
}

/// KPI-06: the business department's penalty proposal (`{"amount","text"}`: an amount in yuan, a text, or both).
public struct LossPenaltyInput: Codable, Sendable {
    public var amount: TypedAmount?
    public var text: String?
    public init(amount: TypedAmount? = nil, text: String? = nil) { self.amount = amount; self.text = text }
}

/// 业务管理部's decision on a proposal: `{"reason"}` (required to reject, optional to approve).
public struct LossDecisionInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

public struct LossResponsibilityLineView: Codable, Sendable {
    public let lineNo: Int
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let unit: String
    public let quantity: String
    public let value: String
}

public struct LossResponsibilityStepView: Codable, Sendable {
    public let action: String
    public let actorId: String
    public let actorName: String
    public let note: String
    public let amount: String?
    public let at: Int64
}

/// A record as read (API.md "LossResponsibility"); money as exact yuan text ("350.00").
public struct LossResponsibilityView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let orgPath: String
    public let cause: String
    public let description: String
    public let responsibleId: String
    public let responsibleName: String
    public let linkKind: String?
    public let linkId: String?
    public let linkNumber: String?
    public let total: String
    public let status: String
    public let penaltyAmount: String?
    public let penaltyText: String?
    public let decisionNote: String?
    public let createdBy: String
    public let createdAt: Int64
    public var lines: [LossResponsibilityLineView]
    public var steps: [LossResponsibilityStepView]
    /// The steps the viewer may take now (`propose`, `approve`, `reject`).
    public var actions: [String]

    static func select(unitName: String, userName: (String) -> String) -> String {
        """
        SELECT r.id, r.number, r.org_unit_id, r.org_path, r.cause, r.description, r.responsible_id, r.link_kind, r.link_id, r.link_number,
            r.total_fen, r.status, r.penalty_fen, r.penalty_text, r.decision_note, r.created_by, r.created_at,
            \(unitName) AS unit_name, \(userName("r.responsible_id")) AS responsible_name
        FROM loss_responsibilities r
        """
    }

    init(row: any SQLRow) throws {
        func s(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        func o(_ c: String) throws -> String? { try row.decode(column: c, as: String?.self) }
        id = try s("id"); number = try s("number"); orgUnitId = try s("org_unit_id"); orgPath = try s("org_path")
        orgUnitName = try o("unit_name") ?? ""; cause = try s("cause"); description = try s("description")
        responsibleId = try s("responsible_id"); responsibleName = try o("responsible_name") ?? ""
        linkKind = try o("link_kind"); linkId = try o("link_id"); linkNumber = try o("link_number")
        total = Yuan.text(try row.decode(column: "total_fen", as: Int64.self)); status = try s("status")
        penaltyAmount = try row.decode(column: "penalty_fen", as: Int64?.self).map(Yuan.text)
        penaltyText = try o("penalty_text"); decisionNote = try o("decision_note")
        createdBy = try s("created_by"); createdAt = try row.decode(column: "created_at", as: Int64.self)
        lines = []; steps = []; actions = []
    }

    /// The linked stocktake's or damaged part's page.
    public var linkHref: String? {
        guard let linkKind, let linkId else { return nil }
        return linkKind == "stocktake" ? "/materials/stocktakes/\(linkId)" : "/materials/damaged-parts/\(linkId)"
    }
}

/// The list's filters (`orgUnitId`, `status`, `cause`, `q` a number or a word of the description).
public struct LossResponsibilityFilter: Sendable {
    public var orgUnitId: String?
    public var status: LossResponsibilityStatus?
    public var cause: LossCause?
    public var q: String?
}
