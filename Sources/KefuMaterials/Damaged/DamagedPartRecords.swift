import KefuDomain
import KefuPlatform
import SQLKit

/// A damaged part as typed (API.md "damaged-parts", DMG-02): `{"warehouseId","itemId","quantity","turbineNumber","replacedBy",
/// "replacedOn","newSerial","oldSerial","cause","repairClass","ticketId","packedVolume"}`. `repairClass` (DMG-01) defaults to
/// the item's class; `packedVolume` is the part's packed volume in m³ (exact, up to three decimals), when packed.
public struct DamagedPartInput: Codable, Sendable {
    public var warehouseId: String?
    public var itemId: String?
    public var quantity: Quantity?
    public var turbineNumber: String?
    public var replacedBy: String?
    public var replacedOn: String?
    public var newSerial: String?
    public var oldSerial: String?
    public var cause: String?
    public var repairClass: String?
    public var ticketId: String?
    public var packedVolume: Quantity?
    public init() {}
}

/// A return batch as typed: the registered parts of one site it carries, and a note.
public struct DamagedReturnInput: Codable, Sendable {
    public var partIds: [String]?
    public var note: String?
    public init(partIds: [String]? = nil, note: String? = nil) { self.partIds = partIds; self.note = note }
}

/// DMG-04: the checklist as ticked (absent: unchanged).
public struct DamagedChecklistInput: Codable, Sendable {
    public var woodenCrate: Bool?
    public var plasticLining: Bool?
    public var separators: Bool?
    public init(woodenCrate: Bool? = nil, plasticLining: Bool? = nil, separators: Bool? = nil) {
        self.woodenCrate = woodenCrate; self.plasticLining = plasticLining; self.separators = separators
    }
}

/// `{"shippedOn"}` of a shipment (default: today).
public struct DamagedShipInput: Codable, Sendable {
    public var shippedOn: String?
    public init(shippedOn: String? = nil) { self.shippedOn = shippedOn }
}

public struct DamagedPartView: Codable, Sendable {
    public let id: String
    public let number: String
    public let warehouseId: String
    public let warehouseCode: String
    public let warehouseName: String
    public let orgUnitId: String
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let unit: String
    public let quantity: Quantity
    public let turbineNumber: String
    public let replacedBy: String
    public let replacedOn: String
    public let newSerial: String
    public let oldSerial: String
    public let cause: String
    public let repairClass: String
    public let ticketId: String?
    public let packedVolume: Quantity?
    public let status: String
    public let returnId: String?
    public let returnNumber: String?
    public let registeredOn: String
    public let createdBy: String
    public let createdAt: String
    let orgPath: String

    static let select = """
        SELECT p.id, p.number, p.warehouse_id, w.code AS w_code, w.name AS w_name, p.org_unit_id, p.org_path, p.item_id, i.code AS i_code,
            i.name AS i_name, i.spec, i.unit, p.quantity, p.turbine_number, p.replaced_by, p.replaced_on, p.new_serial, p.old_serial, p.cause,
            p.repair_class, p.ticket_id, p.packed_volume, p.status, p.return_id, r.number AS r_number, p.registered_on, p.created_by, p.created_at
        FROM damaged_parts p JOIN warehouses w ON w.id = p.warehouse_id JOIN items i ON i.id = p.item_id
        LEFT JOIN damaged_returns r ON r.id = p.return_id
        """

    init(row: any SQLRow) throws {
        func s(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        id = try s("id"); number = try s("number"); warehouseId = try s("warehouse_id"); warehouseCode = try s("w_code"); warehouseName = try s("w_name")
        orgUnitId = try s("org_unit_id"); orgPath = try s("org_path"); itemId = try s("item_id"); itemCode = try s("i_code"); itemName = try s("i_name")
        spec = try s("spec"); unit = try s("unit"); quantity = Quantity(milli: try row.decode(column: "quantity", as: Int64.self))
        turbineNumber = try s("turbine_number"); replacedBy = try s("replaced_by"); replacedOn = try s("replaced_on"); newSerial = try s("new_serial")
        oldSerial = try s("old_serial"); cause = try s("cause"); repairClass = try s("repair_class")
        ticketId = try row.decode(column: "ticket_id", as: String?.self)
        packedVolume = try row.decode(column: "packed_volume", as: Int64?.self).map(Quantity.init(milli:))
        status = try s("status"); returnId = try row.decode(column: "return_id", as: String?.self)
        returnNumber = try row.decode(column: "r_number", as: String?.self); registeredOn = try s("registered_on"); createdBy = try s("created_by")
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
    }
}

/// DMG-04 as stored on a batch.
public struct DamagedChecklistView: Codable, Sendable {
    public let woodenCrate: Bool
    public let plasticLining: Bool
    public let separators: Bool

    var ticked: Set<DamagedPackingCheck> {
        Set([woodenCrate ? DamagedPackingCheck.woodenCrate : nil, plasticLining ? .plasticLining : nil, separators ? .separators : nil].compactMap { $0 })
    }
}

public struct DamagedReturnView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let status: String
    public let checklist: DamagedChecklistView
    /// DMG-04: the checks still to tick before the batch may ship.
    public let missingChecks: [String]
    public let checkedBy: String?
    public let note: String
    public let createdBy: String
    public let createdAt: String
    public let shippedOn: String?
    public let shippedBy: String?
    public let receivedBy: String?
    public let receivedAt: String?
    public let partCount: Int
    /// The parts' packed volume, m³.
    public let packedVolume: Quantity
    public let parts: [DamagedPartView]
    public let actions: [String]
}

/// A return batch row as stored.
struct DamagedReturnRow: Sendable {
    let id: String
    let number: String
    let orgUnitId: String
    let orgUnitName: String
    let orgPath: String
    let status: DamagedReturnStatus
    let checklist: DamagedChecklistView
    let checkedBy: String?
    let note: String
    let createdBy: String
    let createdAt: Int64
    let shippedOn: String?
    let shippedBy: String?
    let receivedBy: String?
    let receivedAt: Int64?
    let partCount: Int
    let volumeMilli: Int64

    static func select(unitName: String) -> String {
        """
        SELECT r.id, r.number, r.org_unit_id, \(unitName) AS unit_name, r.org_path, r.status, r.wooden_crate, r.plastic_lining, r.separators, r.checked_by,
            r.note, r.created_by, r.created_at, r.shipped_on, r.shipped_by, r.received_by, r.received_at,
            (SELECT COUNT(*) FROM damaged_parts pc WHERE pc.return_id = r.id) AS part_count,
            (SELECT CAST(COALESCE(SUM(pv.packed_volume), 0) AS BIGINT) FROM damaged_parts pv WHERE pv.return_id = r.id) AS volume
        FROM damaged_returns r
        """
    }

    init(row: any SQLRow) throws {
        func s(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        func b(_ c: String) throws -> Bool { try row.decode(column: c, as: Int.self) != 0 }
        id = try s("id"); number = try s("number"); orgUnitId = try s("org_unit_id")
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? orgUnitId
        orgPath = try s("org_path")
        status = DamagedReturnStatus(rawValue: try s("status")) ?? .packing
        checklist = DamagedChecklistView(woodenCrate: try b("wooden_crate"), plasticLining: try b("plastic_lining"), separators: try b("separators"))
        checkedBy = try row.decode(column: "checked_by", as: String?.self)
        note = try s("note"); createdBy = try s("created_by"); createdAt = try row.decode(column: "created_at", as: Int64.self)
        shippedOn = try row.decode(column: "shipped_on", as: String?.self); shippedBy = try row.decode(column: "shipped_by", as: String?.self)
        receivedBy = try row.decode(column: "received_by", as: String?.self); receivedAt = try row.decode(column: "received_at", as: Int64?.self)
        partCount = try row.decode(column: "part_count", as: Int.self)
        volumeMilli = try row.decode(column: "volume", as: Int64?.self) ?? 0
    }

    func view(parts: [DamagedPartView], actions: [String]) -> DamagedReturnView {
        DamagedReturnView(id: id, number: number, orgUnitId: orgUnitId, orgUnitName: orgUnitName, status: status.rawValue, checklist: checklist,
                          missingChecks: DamagedReturnRule.missingChecks(checklist.ticked).map(\.rawValue), checkedBy: checkedBy, note: note,
                          createdBy: createdBy, createdAt: Times.rfc3339(createdAt), shippedOn: shippedOn, shippedBy: shippedBy, receivedBy: receivedBy,
                          receivedAt: Times.rfc3339(receivedAt), partCount: partCount, packedVolume: Quantity(milli: volumeMilli), parts: parts, actions: actions)
    }
}

/// RPT-08: one site's damaged parts awaiting return.
public struct DamagedReturnStatusRow: Codable, Sendable {
    public let orgUnitId: String
    public let orgUnitName: String
    /// The day the site's last return shipped (nil: never).
    public let lastReturnOn: String?
    /// The day its first part still waiting was registered (for a site that never returned: its first part).
    public let firstAwaitingOn: String?
    public let daysSinceReturn: Int?
    public let awaitingParts: Int
    /// Packed volume awaiting return, m³.
    public let packedVolume: Quantity
    public let warning: Bool
    /// `days` (≥ 15 calendar days) and/or `volume` (≥ 3 m³), DMG-03.
    public let warnings: [String]
}
