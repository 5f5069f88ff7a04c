import KefuDomain
import KefuPlatform

/// What the API answers for a stocktake (API.md "Stocktakes and storage").
public struct StocktakeView: Codable, Sendable {
    public struct WarehouseRef: Codable, Sendable {
        public let id: String
        public let code: String
        public let name: String
    }

    public struct DocumentRef: Codable, Sendable {
        public let id: String
        public let number: String
        public let direction: String
        public let warehouseId: String
    }

    public struct Line: Codable, Sendable {
        public let lineNo: Int
        public let warehouseId: String
        public let warehouseCode: String
        public let itemId: String
        public let itemCode: String
        public let itemName: String
        public let spec: String
        public let unit: String
        /// On-hand frozen at distribution.
        public let snapshotQuantity: Quantity
        /// Stock moved in this warehouse since the snapshot (audited receipts and issues, net), frozen at posting.
        public let movementsSince: Quantity
        public let countedQuantity: Quantity?
        /// counted − (snapshot + movementsSince); nil while not counted.
        public let difference: Quantity?
        public let reasonCode: String?
        public let reason: String
    }

    /// D5: who decides the stocktake — the department's configured approver (a role or one person) or, with none
    /// configured, the default rule (the department manager).
    public struct Approver: Codable, Sendable {
        /// `department_manager` (the default rule), `role` or `user`.
        public let rule: String
        /// The approving role (`dept_manager` under the default rule), nil for a named person.
        public let role: String?
        public let userId: String?
        public let userName: String?
    }

    public struct Summary: Codable, Sendable {
        public let lines: Int
        public let counted: Int
        public let withDifference: Int
        public let gain: Quantity
        public let loss: Quantity
    }

    public let id: String
    public let number: String
    public let kind: String
    public let scope: String
    public let status: String
    public let warehouses: [WarehouseRef]
    public let itemIds: [String]
    public let deadline: String?
    public let counter: String
    public let supervisor: String
    public let supervisedBy: String?
    public let remark: String
    public let returnComment: String
    public let assessment: String
    public let createdBy: String
    public let createdAt: String
    public let distributedAt: String?
    public let submittedAt: String?
    public let approvedBy: String?
    /// The approver's display name once approved.
    public let approvedByName: String?
    public let approvedAt: String?
    /// Who approves (D5): shown while the stocktake waits for the decision.
    public let approver: Approver
    public let postedAt: String?
    public let closedAt: String?
    public let documents: [DocumentRef]
    public let summary: Summary
    public let lines: [Line]
    /// The steps the caller may take now (4.3 and role).
    public let actions: [String]
}

public struct StocktakeInput: Codable, Sendable {
    public var warehouseIds: [String]?
    public var kind: String?
    public var scope: String?
    public var itemIds: [String]?
    /// The chosen items by code (the page's spot-check field), added to `itemIds`.
    public var itemCodes: [String]?
    public var deadline: String?
    public var counter: String?
    public var supervisor: String?
    /// STK-04: the org unit (another site) whose staff supervise the count.
    public var supervisedBy: String?
    public var remark: String?
}

public struct StocktakeCountsInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var itemId: String?
        public var itemCode: String?
        public var warehouseId: String?
        public var countedQuantity: Quantity?
        public var reasonCode: String?
        public var reason: String?
    }

    public var lines: [Line]?
}

public struct StocktakeNoteInput: Codable, Sendable {
    public var note: String?
    public var comment: String?
}

/// One page of the stocktake list.
public struct StocktakeListItem: Codable, Sendable {
    public let id: String
    public let number: String
    public let kind: String
    public let scope: String
    public let status: String
    public let deadline: String?
    public let counter: String
    public let createdAt: String
    public let overdue: Bool
}
