import KefuDomain
import KefuPlatform
import SQLKit

/// STO-03: a bin (库位) of a warehouse: 仓库号-货架(区)号-层(排)号-位号.
public struct BinView: Codable, Sendable {
    public let id: String
    public let warehouseId: String
    public let warehouseCode: String
    /// rack-tier-position within the warehouse.
    public let code: String
    /// The four-part location: warehouse code, rack, tier, position.
    public let location: String
    public let rack: String
    public let tier: String
    public let position: String
    public let name: String
    /// STO-01: designated for hazardous goods.
    public let hazardous: Bool
    public let active: Bool

    static let columns = "b.id, b.warehouse_id, w.code AS warehouse_code, b.code, b.rack, b.tier, b.position, b.name, b.hazardous, b.active"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        warehouseId = try row.decode(column: "warehouse_id", as: String.self)
        warehouseCode = try row.decode(column: "warehouse_code", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        location = warehouseCode + "-" + code
        rack = try row.decode(column: "rack", as: String.self)
        tier = try row.decode(column: "tier", as: String.self)
        position = try row.decode(column: "position", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        hazardous = try row.decode(column: "hazardous", as: Int.self) != 0
        active = try row.decode(column: "active", as: Int.self) != 0
    }
}

public struct BinInput: Codable, Sendable {
    public var warehouseId: String?
    public var rack: String?
    public var tier: String?
    public var position: String?
    public var name: String?
    public var hazardous: Bool?
    public init(warehouseId: String? = nil, rack: String? = nil, tier: String? = nil, position: String? = nil, name: String? = nil, hazardous: Bool? = nil) {
        self.warehouseId = warehouseId; self.rack = rack; self.tier = tier; self.position = position; self.name = name; self.hazardous = hazardous
    }
}

/// Moving stock between bins of one warehouse (STO-03). `fromBinId` "" or absent: stock not yet put away.
public struct BinMoveInput: Codable, Sendable {
    public var warehouseId: String?
    public var itemId: String?
    public var fromBinId: String?
    public var toBinId: String?
    /// Absent: FEFO within the source bin.
    public var batchId: String?
    public var quantity: Quantity?
    public var remark: String?
    public init(warehouseId: String? = nil, itemId: String? = nil, fromBinId: String? = nil, toBinId: String? = nil, batchId: String? = nil,
                quantity: Quantity? = nil, remark: String? = nil) {
        self.warehouseId = warehouseId; self.itemId = itemId; self.fromBinId = fromBinId; self.toBinId = toBinId; self.batchId = batchId
        self.quantity = quantity; self.remark = remark
    }
}

/// Stock of an item at one place (bin × batch), in FEFO order per warehouse and item (`GET /api/v1/stock/batches`).
public struct BatchStockRow: Codable, Sendable {
    public let warehouseId: String
    public let warehouseCode: String
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let unit: String
    /// nil: stock without a batch.
    public let batchId: String?
    public let batchNo: String?
    public let productionDate: String?
    public let receivedOn: String?
    public let expiryDate: String?
    /// STO-06: the next maintenance due, set at receipt.
    public let maintenanceDue: String?
    /// nil: not put away in a bin.
    public let binId: String?
    public let binCode: String?
    public let quantity: Quantity
    /// STO-05: expires within the item's threshold (or 30 days), or already expired.
    public let nearExpiry: Bool
    /// 1 = what an issue takes first (FEFO; FIFO without expiry).
    public let issueOrder: Int
}

/// What a document line put or takes at one place: proposed (saved issue, FEFO) or done (audited).
public struct StoragePlacementLine: Codable, Sendable {
    public let lineNo: Int
    public let itemCode: String
    public let binCode: String?
    public let batchNo: String?
    public let expiryDate: String?
    public let quantity: Quantity
    /// false: a proposal (the issue screen's FEFO suggestion), true: what the audit did.
    public let done: Bool
    /// STO-02: the item's ABC class and where such an item belongs (`floor_stack` for A, else `shelf`).
    public let abcClass: String
    public let suggestedPlace: String
}
