/// Names of the materials books (SPEC glossary, API.md "Materials").

/// 完好品库 / 损坏品库 (MAT-02).
public enum WarehouseCondition: String, CaseIterable, Codable, Sendable {
    case good, damaged
}

/// MAT-03.
public enum ItemCategory: String, CaseIterable, Codable, Sendable {
    case tool
    case sparePart = "spare_part"
    case consumable
    case storageEquipment = "storage_equipment"
}

/// ⅰ类 / ⅱ类 物资 (MAT-04).
public enum RepairClass: String, CaseIterable, Codable, Sendable {
    case I, II
}

public enum ABCClass: String, CaseIterable, Codable, Sendable {
    case A, B, C
}

/// 其他入库单 (in) / 其他出库单 (out).
public enum StockDirection: String, CaseIterable, Codable, Sendable {
    case `in`, out

    /// How a line's quantity changes the warehouse's on-hand: a receipt adds it, an issue takes it away.
    public var sign: Int64 { self == .in ? 1 : -1 }
}

/// The category (入库类别 / 出库类别) of a stock document (RCV-01, ISS-01). `transfer` only on generated documents.
public enum StockReason: String, CaseIterable, Codable, Sendable {
    case purchase
    case spotPurchase = "spot_purchase"
    case damaged
    case repaired
    case materialReturn = "material_return"
    case selfUse = "self_use"
    case repairReturn = "repair_return"
    case scrap
    case transfer
    /// 盘盈 / 盘亏 (4.3, D5): generated when an approved stocktake is posted; never chosen by a user.
    case stocktakeGain = "stocktake_gain"
    case stocktakeLoss = "stocktake_loss"

    public var direction: StockDirection? {
        switch self {
        case .purchase, .spotPurchase, .damaged, .repaired, .materialReturn: return .in
        case .selfUse, .repairReturn, .scrap: return .out
        case .transfer: return nil
        case .stocktakeGain: return .in
        case .stocktakeLoss: return .out
        }
    }

    /// Categories only Kefu writes (a transfer's documents, a stocktake's adjustments).
    public var isGenerated: Bool { self == .transfer || self == .stocktakeGain || self == .stocktakeLoss }

    /// Reasons a user may choose for a direction (`transfer` is generated only).
    public static func userChoices(_ direction: StockDirection) -> [StockReason] {
        allCases.filter { $0.direction == direction && !$0.isGenerated }
    }

    /// RCV-06, ISS-02..04, D4: the warehouse condition a category books into. Nil: either (transfer follows its warehouses).
    /// `material_return` is not named by the seed; goods sent back are the goods a purchase booked into a good warehouse,
    /// so it binds to good (decision, see the issue note).
    public var requiredCondition: WarehouseCondition? {
        switch self {
        case .purchase, .spotPurchase, .repaired, .materialReturn, .selfUse: return .good
        case .damaged, .repairReturn, .scrap: return .damaged
        case .transfer, .stocktakeGain, .stocktakeLoss: return nil
        }
    }
}

/// 4.1: `saved` → `audited`; deleted documents vanish.
public enum DocumentStatus: String, CaseIterable, Codable, Sendable {
    case saved, audited
}

/// 蓝字 / 红字.
public enum Polarity: String, CaseIterable, Codable, Sendable {
    case blue, red
}

/// Derived state of a transfer (4.2).
public enum TransferProgress: String, CaseIterable, Codable, Sendable {
    case saved
    case awaitingDispatch = "awaiting_dispatch"
    case inTransit = "in_transit"
    case received
}
