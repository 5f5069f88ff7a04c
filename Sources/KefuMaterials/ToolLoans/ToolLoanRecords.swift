import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A loan form as typed (API.md `POST /api/v1/tool-loans`, #13.5, LND-01): the site's tool (an item of the warehouse's
/// on-hand list, or its code), who borrows it, for what, from when until when.
public struct ToolLoanInput: Codable, Sendable {
    public var warehouseId: String?
    public var itemId: String?
    public var itemCode: String?
    public var quantity: Quantity?
    public var borrower: String?
    public var workGroup: String?
    public var purpose: String?
    public var lentOn: String?
    public var dueOn: String?

    public init(warehouseId: String? = nil, itemId: String? = nil, itemCode: String? = nil, quantity: Quantity? = nil, borrower: String? = nil,
                workGroup: String? = nil, purpose: String? = nil, lentOn: String? = nil, dueOn: String? = nil) {
        self.warehouseId = warehouseId; self.itemId = itemId; self.itemCode = itemCode; self.quantity = quantity; self.borrower = borrower
        self.workGroup = workGroup; self.purpose = purpose; self.lentOn = lentOn; self.dueOn = dueOn
    }
}

/// `POST /api/v1/tool-loans/{id}/return` (LND-01, LND-04): the whole loan comes back on `returnedOn` (default today),
/// `condition` good or damaged (a damaged one says what is wrong in `note` and goes to repair).
public struct ToolLoanReturnInput: Codable, Sendable {
    public var returnedOn: String?
    public var condition: String?
    public var note: String?

    public init(returnedOn: String? = nil, condition: String? = nil, note: String? = nil) {
        self.returnedOn = returnedOn; self.condition = condition; self.note = note
    }
}

public struct ToolLoanView: Encodable, Sendable {
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
    public let borrower: String
    public let workGroup: String
    public let purpose: String
    public let lentOn: String
    public let dueOn: String
    public let status: String
    /// LND-02: calendar days past the due date while open; nil when not overdue.
    public let daysOverdue: Int?
    public let createdBy: String
    public let createdByName: String?
    public let createdAt: String
    public let returnedOn: String?
    public let returnedQuantity: Quantity?
    public let condition: String?
    public let returnNote: String?
    /// LND-04: a damaged tool went to the repair shop.
    public let sentToRepair: Bool
    public let signedOffBy: String?
    public let signedOffByName: String?
    public let signedOffAt: String?
    /// The steps the viewer may take now (`return`).
    public let actions: [String]
    /// The same instants for the pages, which format them (#11.6).
    let createdMillis: Int64
    let signedOffMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, warehouseId, warehouseCode, warehouseName, orgUnitId, itemId, itemCode, itemName, spec, unit, quantity, borrower, workGroup,
             purpose, lentOn, dueOn, status, daysOverdue, createdBy, createdByName, createdAt, returnedOn, returnedQuantity, condition, returnNote,
             sentToRepair, signedOffBy, signedOffByName, signedOffAt, actions
    }
}

/// A loan as stored, with its warehouse and item.
struct ToolLoanRow: Sendable {
    let id: String
    let number: String
    let warehouse: WarehouseView
    let itemId: String, itemCode: String, itemName: String, spec: String, unit: String
    let quantity: Quantity
    let borrower: String, workGroup: String, purpose: String
    let lentOn: String, dueOn: String
    let status: ToolLoanStatus
    let createdBy: String, createdByName: String?, createdAt: Int64
    let returnedOn: String?
    let returnedQuantity: Quantity?
    let condition: String?
    let returnNote: String?
    let sentToRepair: Bool
    let signedOffBy: String?, signedOffByName: String?, signedOffAt: Int64?

    static let select = """
        SELECT t.id, t.number, t.item_id, t.quantity, t.borrower, t.work_group, t.purpose, t.lent_on, t.due_on, t.status, t.created_by, t.created_at,
            t.returned_on, t.returned_quantity, t.return_condition, t.return_note, t.sent_to_repair, t.signed_off_by, t.signed_off_at,
            \(OrgQueries.userNameSQL("t.created_by")) AS created_by_name, \(OrgQueries.userNameSQL("t.signed_off_by")) AS signed_off_by_name,
            i.code AS i_code, i.name AS i_name, i.spec AS i_spec, i.unit AS i_unit,
            w.id AS w_id, w.code AS w_code, w.name AS w_name, w.org_unit_id AS w_unit, w.org_path AS w_path, w.dept_id AS w_dept, w.condition AS w_condition,
            w.active AS w_active
        FROM tool_loans t JOIN warehouses w ON w.id = t.warehouse_id JOIN items i ON i.id = t.item_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        warehouse = WarehouseView(id: try row.decode(column: "w_id", as: String.self), code: try row.decode(column: "w_code", as: String.self),
                                  name: try row.decode(column: "w_name", as: String.self), orgUnitId: try row.decode(column: "w_unit", as: String.self),
                                  orgPath: try row.decode(column: "w_path", as: String.self), departmentId: try row.decode(column: "w_dept", as: String?.self),
                                  condition: try row.decode(column: "w_condition", as: String.self), active: try row.decode(column: "w_active", as: Int.self) != 0)
        itemId = try row.decode(column: "item_id", as: String.self)
        itemCode = try row.decode(column: "i_code", as: String.self)
        itemName = try row.decode(column: "i_name", as: String.self)
        spec = try row.decode(column: "i_spec", as: String.self)
        unit = try row.decode(column: "i_unit", as: String.self)
        quantity = Quantity(milli: try row.decode(column: "quantity", as: Int64.self))
        borrower = try row.decode(column: "borrower", as: String.self)
        workGroup = try row.decode(column: "work_group", as: String.self)
        purpose = try row.decode(column: "purpose", as: String.self)
        lentOn = try row.decode(column: "lent_on", as: String.self)
        dueOn = try row.decode(column: "due_on", as: String.self)
        status = ToolLoanStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdByName = try row.decode(column: "created_by_name", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        returnedOn = try row.decode(column: "returned_on", as: String?.self)
        returnedQuantity = try row.decode(column: "returned_quantity", as: Int64?.self).map(Quantity.init(milli:))
        condition = try row.decode(column: "return_condition", as: String?.self)
        returnNote = try row.decode(column: "return_note", as: String?.self)
        sentToRepair = try row.decode(column: "sent_to_repair", as: Int.self) != 0
        signedOffBy = try row.decode(column: "signed_off_by", as: String?.self)
        signedOffByName = try row.decode(column: "signed_off_by_name", as: String?.self)
        signedOffAt = try row.decode(column: "signed_off_at", as: Int64?.self)
    }

    func view(today: CivilDay, actions: [String]) -> ToolLoanView {
        let due = CivilDay(iso: dueOn) ?? today
        return ToolLoanView(
            id: id, number: number, warehouseId: warehouse.id, warehouseCode: warehouse.code, warehouseName: warehouse.name, orgUnitId: warehouse.orgUnitId,
            itemId: itemId, itemCode: itemCode, itemName: itemName, spec: spec, unit: unit, quantity: quantity, borrower: borrower, workGroup: workGroup,
            purpose: purpose, lentOn: lentOn, dueOn: dueOn, status: status.rawValue, daysOverdue: ToolLoanRules.daysOverdue(status: status, dueOn: due, today: today),
            createdBy: createdBy, createdByName: createdByName, createdAt: Times.rfc3339(createdAt), returnedOn: returnedOn, returnedQuantity: returnedQuantity,
            condition: condition, returnNote: returnNote, sentToRepair: sentToRepair, signedOffBy: signedOffBy, signedOffByName: signedOffByName,
            signedOffAt: Times.rfc3339(signedOffAt), actions: actions, createdMillis: createdAt, signedOffMillis: signedOffAt)
    }
}
