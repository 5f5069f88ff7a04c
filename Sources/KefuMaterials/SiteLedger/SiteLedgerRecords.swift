import KefuDomain
import KefuPlatform
import SQLKit

/// A site's day as typed (API.md "site-ledgers"): `{"warehouseId","date","lines":[...],"lateReason"}`.
public struct SiteLedgerInput: Codable, Sendable {
    public var warehouseId: String?
    public var date: String?
    public var lines: [SiteLedgerLineInput]?
    public var lateReason: String?
    public init(warehouseId: String? = nil, date: String? = nil, lines: [SiteLedgerLineInput]? = nil, lateReason: String? = nil) {
        self.warehouseId = warehouseId; self.date = date; self.lines = lines; self.lateReason = lateReason
    }
}

public struct SiteLedgerLineInput: Codable, Sendable {
    /// `LedgerLineKind`; when absent, `self_use` for an out line and `transfer_in` for an in line.
    public var kind: String?
    public var itemId: String?
    public var itemCode: String?
    public var quantityIn: Quantity?
    public var quantityOut: Quantity?
    public var remark: String?
    /// LED-04: the transfer order number (transfer_in) or the packing list (shipment).
    public var reference: String?
    public var supplierId: String?
    public init(kind: String? = nil, itemId: String? = nil, itemCode: String? = nil, quantityIn: Quantity? = nil, quantityOut: Quantity? = nil,
                remark: String? = nil, reference: String? = nil, supplierId: String? = nil) {
        self.kind = kind; self.itemId = itemId; self.itemCode = itemCode; self.quantityIn = quantityIn; self.quantityOut = quantityOut
        self.remark = remark; self.reference = reference; self.supplierId = supplierId
    }
}

/// `{"lateReason"}` of a submit, `{"comment"}` of a return, `{"audit"}` of a post (true: the drafted documents are
/// audited in the same transaction).
public struct SiteLedgerStepInput: Codable, Sendable {
    public var lateReason: String?
    public var comment: String?
    public var audit: Bool?
    public init(lateReason: String? = nil, comment: String? = nil, audit: Bool? = nil) {
        self.lateReason = lateReason; self.comment = comment; self.audit = audit
    }
}

public struct SiteLedgerLineView: Codable, Sendable {
    public let lineNo: Int
    public let kind: String
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let unit: String
    public let quantityIn: Quantity
    public let quantityOut: Quantity
    public let remark: String
    public let reference: String
    public let supplierId: String?
}

public struct SiteLedgerDocumentLink: Codable, Sendable {
    public let id: String
    public let number: String
    public let direction: String
    public let reason: String
    public let status: String
}

public struct SiteLedgerView: Codable, Sendable {
    public let id: String
    public let warehouseId: String
    public let warehouseCode: String
    public let warehouseName: String
    public let orgUnitId: String
    public let date: String
    public let status: String
    public let late: Bool
    public let lateReason: String?
    public let returnComment: String?
    public let createdBy: String
    public let createdAt: String
    public let submittedBy: String?
    public let submittedAt: String?
    public let postedBy: String?
    public let postedAt: String?
    public let filedBy: String?
    public let filedAt: String?
    public let lines: [SiteLedgerLineView]
    /// LED-05: the receipts and issues the posting drafted.
    public let documents: [SiteLedgerDocumentLink]
    public let actions: [String]
}

/// A day row as stored, with its warehouse.
struct SiteLedgerRow: Sendable {
    let id: String
    let warehouse: WarehouseView
    let date: String
    var status: LedgerDayStatus
    let late: Bool
    let lateReason: String?
    let returnComment: String?
    let createdBy: String
    let createdAt: Int64
    let submittedBy: String?
    let submittedAt: Int64?
    let postedBy: String?
    let postedAt: Int64?
    let filedBy: String?
    let filedAt: Int64?

    static let select = """
        SELECT d.id, d.ledger_date, d.status, d.late, d.late_reason, d.return_comment, d.created_by, d.created_at, d.submitted_by, d.submitted_at,
            d.posted_by, d.posted_at, d.filed_by, d.filed_at,
            \(WarehouseView.joinedColumns)
        FROM site_ledger_days d JOIN warehouses w ON w.id = d.warehouse_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        warehouse = try WarehouseView.joined(row)
        date = try row.decode(column: "ledger_date", as: String.self)
        status = LedgerDayStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        late = try row.decode(column: "late", as: Int.self) != 0
        lateReason = try row.decode(column: "late_reason", as: String?.self)
        returnComment = try row.decode(column: "return_comment", as: String?.self)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        submittedBy = try row.decode(column: "submitted_by", as: String?.self)
        submittedAt = try row.decode(column: "submitted_at", as: Int64?.self)
        postedBy = try row.decode(column: "posted_by", as: String?.self)
        postedAt = try row.decode(column: "posted_at", as: Int64?.self)
        filedBy = try row.decode(column: "filed_by", as: String?.self)
        filedAt = try row.decode(column: "filed_at", as: Int64?.self)
    }

    func view(lines: [SiteLedgerLineView], documents: [SiteLedgerDocumentLink], actions: [String]) -> SiteLedgerView {
        SiteLedgerView(id: id, warehouseId: warehouse.id, warehouseCode: warehouse.code, warehouseName: warehouse.name, orgUnitId: warehouse.orgUnitId,
                       date: date, status: status.rawValue, late: late, lateReason: lateReason, returnComment: returnComment, createdBy: createdBy,
                       createdAt: Times.rfc3339(createdAt), submittedBy: submittedBy, submittedAt: Times.rfc3339(submittedAt), postedBy: postedBy,
                       postedAt: Times.rfc3339(postedAt), filedBy: filedBy, filedAt: Times.rfc3339(filedAt), lines: lines, documents: documents, actions: actions)
    }
}

/// LED-07: one site warehouse's standing for a day.
public struct SiteLedgerStandingRow: Codable, Sendable {
    public let warehouseId: String
    public let warehouseCode: String
    public let warehouseName: String
    public let orgUnitId: String
    public let date: String
    public let standing: String
    public let ledgerId: String?
    public let status: String?
    public let lateReason: String?
}
