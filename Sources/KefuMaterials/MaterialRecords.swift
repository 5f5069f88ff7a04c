import KefuDomain
import KefuPlatform
import SQLKit

/// What the API answers for the material books (API.md "Materials").
public struct ItemView: Codable, Sendable {
    public let id: String
    public let code: String
    public let name: String
    public let spec: String
    public let model: String
    public let unit: String
    public let category: String
    public let repairClass: String
    public let abcClass: String
    public let shelfLifeDays: Int?
    /// MAT-04: maintenance cycle (保养周期) in days, maker (生产厂家), origin (产地), reserve quota (储备定额),
    /// and whether the item is on the SL1500/SL3000 spare-parts list (备件清单).
    public let maintenanceCycleDays: Int?
    public let maker: String
    public let origin: String
    public let reserveQuota: Quantity?
    public let onSparePartsList: Bool
    /// Deactivated items stay in the books but cannot be used on new documents.
    public let active: Bool
    /// #12.4, STO-01: how it must be stored (`StorageAttribute` raw values, in a fixed order).
    public let storageAttributes: [String]
    /// STO-05: batches expiring within this many days are near expiry (nil: the default, 30).
    public let nearExpiryDays: Int?

    static let columns = "id, code, name, spec, model, unit, category, repair_class, abc_class, shelf_life_days, maintenance_cycle_days, maker, origin, reserve_quota, on_spare_list, active, storage_attributes, near_expiry_days"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        spec = try row.decode(column: "spec", as: String.self)
        model = try row.decode(column: "model", as: String.self)
        unit = try row.decode(column: "unit", as: String.self)
        category = try row.decode(column: "category", as: String.self)
        repairClass = try row.decode(column: "repair_class", as: String.self)
        abcClass = try row.decode(column: "abc_class", as: String.self)
        shelfLifeDays = try row.decode(column: "shelf_life_days", as: Int?.self)
        maintenanceCycleDays = try row.decode(column: "maintenance_cycle_days", as: Int?.self)
        maker = try row.decode(column: "maker", as: String.self)
        origin = try row.decode(column: "origin", as: String.self)
        reserveQuota = try row.decode(column: "reserve_quota", as: Int64?.self).map(Quantity.init(milli:))
        onSparePartsList = try row.decode(column: "on_spare_list", as: Int.self) != 0
        active = try row.decode(column: "active", as: Int.self) != 0
        storageAttributes = StorageAttribute.allCases.filter(StorageAttribute.decode(try row.decode(column: "storage_attributes", as: String.self)).contains).map(\.rawValue)
        nearExpiryDays = try row.decode(column: "near_expiry_days", as: Int?.self)
    }
}

public struct SupplierView: Codable, Sendable {
    public let id: String
    public let code: String
    public let name: String
    public let contact: String
    public let active: Bool

    static let columns = "id, code, name, contact, active"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        contact = try row.decode(column: "contact", as: String.self)
        active = try row.decode(column: "active", as: Int.self) != 0
    }
}

public struct WarehouseView: Codable, Sendable {
    public let id: String
    public let code: String
    public let name: String
    public let orgUnitId: String
    public let condition: String
    /// The business department (业务部) the warehouse belongs to, if any.
    public let departmentId: String?
    public let active: Bool
    let orgPath: String

    static let columns = "id, code, name, org_unit_id, org_path, dept_id, condition, active"

    /// A posted document's warehouse as its document row carries it (whether it is still active does not matter there).
    init(id: String, code: String, name: String, orgUnitId: String, orgPath: String, departmentId: String?, condition: String, active: Bool = true) {
        self.id = id; self.code = code; self.name = name; self.orgUnitId = orgUnitId; self.orgPath = orgPath
        self.departmentId = departmentId; self.condition = condition; self.active = active
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        departmentId = try row.decode(column: "dept_id", as: String?.self)
        condition = try row.decode(column: "condition", as: String.self)
        active = try row.decode(column: "active", as: Int.self) != 0
    }

    enum CodingKeys: String, CodingKey { case id, code, name, orgUnitId, condition, departmentId, active, orgPath }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(code, forKey: .code); try c.encode(name, forKey: .name)
        try c.encode(orgUnitId, forKey: .orgUnitId); try c.encode(condition, forKey: .condition); try c.encode(departmentId, forKey: .departmentId)
        try c.encode(active, forKey: .active)
    }

    var conditionValue: WarehouseCondition { WarehouseCondition(rawValue: condition) ?? .good }

    /// The warehouse of a record's row joined as `w` (a site-ledger day, a tool loan): its columns under `w_` names.
    static let joinedColumns = """
        w.id AS w_id, w.code AS w_code, w.name AS w_name, w.org_unit_id AS w_unit, w.org_path AS w_path, w.dept_id AS w_dept, w.condition AS w_condition,
            w.active AS w_active
        """

    static func joined(_ row: any SQLRow) throws -> WarehouseView {
        WarehouseView(id: try row.decode(column: "w_id", as: String.self), code: try row.decode(column: "w_code", as: String.self),
                      name: try row.decode(column: "w_name", as: String.self), orgUnitId: try row.decode(column: "w_unit", as: String.self),
                      orgPath: try row.decode(column: "w_path", as: String.self), departmentId: try row.decode(column: "w_dept", as: String?.self),
                      condition: try row.decode(column: "w_condition", as: String.self), active: try row.decode(column: "w_active", as: Int.self) != 0)
    }
}

public struct DocumentLineView: Codable, Sendable {
    public let lineNo: Int
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let unit: String
    public let quantity: Quantity
    public let remark: String
}

/// A receipt or issue (其他入库单 / 其他出库单).
public struct StockDocumentView: Codable, Sendable {
    public let id: String
    public let number: String
    public let direction: String
    public let reason: String
    public let polarity: String
    public let status: String
    public let warehouseId: String
    public let warehouseName: String
    public let supplierId: String?
    public let date: String
    public let remark: String
    public let approvalRef: String?
    public let transferId: String?
    public let createdBy: String
    public let createdAt: String
    public let updatedAt: String
    public let auditedBy: String?
    public let auditedAt: String?
    public var lines: [DocumentLineView]
    /// What the viewer may do now (drives the page buttons): edit, delete, audit, unaudit.
    public var actions: [String]
    /// #13.6: the service ticket an issue served (its id and number), when it came from a ticket's page.
    public var ticketId: String? = nil
    public var ticketNumber: String? = nil
}

public struct TransferView: Codable, Sendable {
    public let id: String
    public let number: String
    public let fromWarehouseId: String
    public let toWarehouseId: String
    public let condition: String
    public let crossDepartment: Bool
    public let date: String
    public let remark: String
    public let status: String
    public let progress: String
    public let outDocumentId: String?
    public let inDocumentId: String?
    public let createdBy: String
    public let createdAt: String
    /// #11.3: 审核人 (nil while saved).
    public let auditedBy: String?
    public let auditedAt: String?
    public var lines: [DocumentLineView]
    /// 下查: the generated out and in documents.
    public var documents: [StockDocumentView]
    public var actions: [String]
}

/// ISS-07: one item of a document before its audit: on-hand in the document's warehouse, the audit's change and what
/// it leaves; below zero the audit would be refused (DOC-07).
public struct StockCheckLine: Sendable {
    public let itemCode: String
    public let itemName: String
    public let unit: String
    public let onHand: Quantity
    public let change: Quantity
    public var after: Quantity { Quantity(milli: onHand.milli + change.milli) }
    public var isShort: Bool { after.milli < 0 }
}

public struct OnHandRow: Codable, Sendable {
    public let warehouseId: String
    public let warehouseCode: String
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let unit: String
    public let quantity: Quantity
}

/// One line of the 出入库流水账.
public struct LedgerRow: Codable, Sendable {
    public let seq: Int64
    public let date: String
    public let documentId: String
    public let documentNumber: String
    public let reason: String
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let quantityIn: Quantity?
    public let quantityOut: Quantity?
    public let balance: Quantity
    public let remark: String
    /// #13.6: the service ticket the row's document was issued for.
    public var ticketId: String? = nil
    public var ticketNumber: String? = nil
}

struct Items<T: Encodable & Sendable>: Encodable, Sendable { let items: [T] }

/// The ledger and on-hand are the large answers (a warehouse's month is thousands of rows): written by hand.
extension LedgerRow: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.key("seq"); out.int(Int(seq))
        out.key("date"); out.string(date)
        out.key("documentId"); out.string(documentId)
        out.key("documentNumber"); out.string(documentNumber)
        out.key("reason"); out.string(reason)
        out.key("itemId"); out.string(itemId)
        out.key("itemCode"); out.string(itemCode)
        out.key("itemName"); out.string(itemName)
        out.key("quantityIn"); if let q = quantityIn { out.number(q.text) } else { out.null() }
        out.key("quantityOut"); if let q = quantityOut { out.number(q.text) } else { out.null() }
        out.key("balance"); out.number(balance.text)
        out.key("remark"); out.string(remark)
        out.key("ticketId"); if let t = ticketId { out.string(t) } else { out.null() }
        out.key("ticketNumber"); if let t = ticketNumber { out.string(t) } else { out.null() }
        out.endObject()
    }
}

extension OnHandRow: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.key("warehouseId"); out.string(warehouseId)
        out.key("warehouseCode"); out.string(warehouseCode)
        out.key("itemId"); out.string(itemId)
        out.key("itemCode"); out.string(itemCode)
        out.key("itemName"); out.string(itemName)
        out.key("unit"); out.string(unit)
        out.key("quantity"); out.number(quantity.text)
        out.endObject()
    }
}

/// A bare JSON array of hand-written rows.
struct RowArray<Row: JSONWritable & Sendable>: JSONWritable, Sendable {
    let rows: [Row]
    func encode(to encoder: any Encoder) throws { try rows.encode(to: encoder) }
    func writeJSON(to out: inout JSONWriter) {
        out.beginArray()
        for r in rows { r.writeJSON(to: &out) }
        out.endArray()
    }
}
