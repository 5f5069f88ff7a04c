import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/arrivals` (API.md): the goods' source — a material request, a transfer or a supplier — the time they
/// arrived, the papers that came with them (ARR-02), and each line as the papers say it and as counted.
public struct ArrivalInput: Codable, Sendable {
    public var warehouseId: String?
    public var materialRequestId: String?
    public var transferId: String?
    public var supplierId: String?
    /// `YYYY-MM-DD` (the day, taken at 09:00 local time) or an RFC 3339 instant; now when absent.
    public var arrivedAt: String?
    public var deliveryNoteRef: String?
    public var packingListRef: String?
    public var lines: [ArrivalLineInput]?
    public init(warehouseId: String? = nil, materialRequestId: String? = nil, transferId: String? = nil, supplierId: String? = nil, arrivedAt: String? = nil,
                deliveryNoteRef: String? = nil, packingListRef: String? = nil, lines: [ArrivalLineInput]? = nil) {
        self.warehouseId = warehouseId; self.materialRequestId = materialRequestId; self.transferId = transferId; self.supplierId = supplierId
        self.arrivedAt = arrivedAt; self.deliveryNoteRef = deliveryNoteRef; self.packingListRef = packingListRef; self.lines = lines
    }
}

public struct ArrivalLineInput: Codable, Sendable {
    public var itemId: String?
    /// The item's code instead of its id (the page's line grid).
    public var itemCode: String?
    /// As the delivery note / packing list says; for a transfer, the transfer's quantity of the item when absent.
    public var expectedQuantity: Quantity?
    public var countedQuantity: Quantity?
    public var note: String?
    /// ARR-04: damaged packaging or a quality problem seen at the check.
    public var damaged: Bool?
    public init(itemId: String? = nil, itemCode: String? = nil, expectedQuantity: Quantity? = nil, countedQuantity: Quantity? = nil, note: String? = nil, damaged: Bool? = nil) {
        self.itemId = itemId; self.itemCode = itemCode; self.expectedQuantity = expectedQuantity; self.countedQuantity = countedQuantity
        self.note = note; self.damaged = damaged
    }
}

/// ARR-05: the production warehouse's shipper confirms goods that came without papers.
public struct ArrivalConfirmation: Codable, Sendable {
    public var note: String?
}

public struct ArrivalLineView: Codable, Sendable {
    public let lineNo: Int
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let spec: String
    public let unit: String
    public let expectedQuantity: Quantity
    public let countedQuantity: Quantity
    /// counted − expected: below zero short, above zero over (ARR-04).
    public let difference: Quantity
    public let damaged: Bool
    public let note: String

    static let select = """
        SELECT l.line_no, l.item_id, l.expected_quantity, l.counted_quantity, l.damaged, l.note, i.code, i.name, i.spec, i.unit
        FROM arrival_lines l JOIN items i ON i.id = l.item_id
        """

    init(row: any SQLRow) throws {
        lineNo = try row.decode(column: "line_no", as: Int.self)
        itemId = try row.decode(column: "item_id", as: String.self)
        itemCode = try row.decode(column: "code", as: String.self)
        itemName = try row.decode(column: "name", as: String.self)
        spec = try row.decode(column: "spec", as: String?.self) ?? ""
        unit = try row.decode(column: "unit", as: String.self)
        expectedQuantity = Quantity(milli: try row.decode(column: "expected_quantity", as: Int64.self))
        countedQuantity = Quantity(milli: try row.decode(column: "counted_quantity", as: Int64.self))
        difference = ArrivalRules.difference(expected: expectedQuantity, counted: countedQuantity)
        damaged = try row.decode(column: "damaged", as: Int.self) != 0
        note = try row.decode(column: "note", as: String.self)
    }
}

/// An arrival as the API gives it (and the pages show it, with names).
public struct ArrivalView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let warehouseId: String
    public let warehouseName: String
    public let source: String
    public let materialRequestId: String?
    public let transferId: String?
    public let transferNumber: String?
    public let supplierId: String?
    public let supplierName: String?
    public let arrivedAt: String
    /// ARR-06: the end of the 5th working day after the day of arrival.
    public let checkDueAt: String
    public let checkDueOn: String
    public let clock: String
    public let deliveryNoteRef: String
    public let packingListRef: String
    public let provisional: Bool
    public let confirmedBy: String?
    public let confirmedByName: String?
    public let confirmedAt: String?
    public let confirmationNote: String?
    public let hasDiscrepancy: Bool
    public let status: String
    public let receiptDocumentId: String?
    public let receiptNumber: String?
    public let completedBy: String?
    public let completedAt: String?
    public let createdBy: String
    public let createdByName: String
    public let createdAt: String
    public var lines: [ArrivalLineView]

    let orgPath: String
    let arrivedMillis: Int64
    let dueMillis: Int64
    let completedMillis: Int64?
    let statusValue: ArrivalStatus
    let clockValue: ArrivalClock

    static let select = """
        SELECT a.id, a.number, a.warehouse_id, a.org_path, a.source_kind, a.material_request_id, a.transfer_id, a.supplier_id, a.arrived_at, a.check_due_at,
            a.delivery_note_ref, a.packing_list_ref, a.provisional, a.confirmed_by, a.confirmed_at, a.confirmation_note, a.has_discrepancy, a.status,
            a.receipt_document_id, a.completed_by, a.completed_at, a.created_by, a.created_at,
            w.name AS warehouse_name, t.number AS transfer_number, s.name AS supplier_name, d.number AS receipt_number,
            \(OrgQueries.userNameSQL("a.confirmed_by")) AS confirmed_name, \(OrgQueries.userNameSQL("a.created_by")) AS created_name
        FROM arrivals a JOIN warehouses w ON w.id = a.warehouse_id LEFT JOIN transfers t ON t.id = a.transfer_id
            LEFT JOIN suppliers s ON s.id = a.supplier_id LEFT JOIN stock_documents d ON d.id = a.receipt_document_id
        """

    init(row: any SQLRow, now: Int64) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        warehouseId = try row.decode(column: "warehouse_id", as: String.self)
        warehouseName = try row.decode(column: "warehouse_name", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        source = try row.decode(column: "source_kind", as: String.self)
        materialRequestId = try row.decode(column: "material_request_id", as: String?.self)
        transferId = try row.decode(column: "transfer_id", as: String?.self)
        transferNumber = try row.decode(column: "transfer_number", as: String?.self)
        supplierId = try row.decode(column: "supplier_id", as: String?.self)
        supplierName = try row.decode(column: "supplier_name", as: String?.self)
        arrivedMillis = try row.decode(column: "arrived_at", as: Int64.self)
        arrivedAt = Times.rfc3339(arrivedMillis)
        dueMillis = try row.decode(column: "check_due_at", as: Int64.self)
        checkDueAt = Times.rfc3339(dueMillis)
        checkDueOn = Times.day(Date(timeIntervalSince1970: Double(dueMillis - 1) / 1000)).iso
        deliveryNoteRef = try row.decode(column: "delivery_note_ref", as: String.self)
        packingListRef = try row.decode(column: "packing_list_ref", as: String.self)
        provisional = try row.decode(column: "provisional", as: Int.self) != 0
        confirmedBy = try row.decode(column: "confirmed_by", as: String?.self)
        confirmedByName = try row.decode(column: "confirmed_name", as: String?.self)
        confirmedAt = Times.rfc3339(try row.decode(column: "confirmed_at", as: Int64?.self))
        confirmationNote = try row.decode(column: "confirmation_note", as: String?.self)
        hasDiscrepancy = try row.decode(column: "has_discrepancy", as: Int.self) != 0
        statusValue = ArrivalStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .checking
        status = statusValue.rawValue
        receiptDocumentId = try row.decode(column: "receipt_document_id", as: String?.self)
        receiptNumber = try row.decode(column: "receipt_number", as: String?.self)
        completedBy = try row.decode(column: "completed_by", as: String?.self)
        completedMillis = try row.decode(column: "completed_at", as: Int64?.self)
        completedAt = Times.rfc3339(completedMillis)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdByName = try row.decode(column: "created_name", as: String?.self) ?? "—"
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        clockValue = ArrivalRules.clock(status: statusValue, dueAt: dueMillis, completedAt: completedMillis, now: now)
        clock = clockValue.rawValue
        lines = []
    }

    enum CodingKeys: String, CodingKey {
        case id, number, warehouseId, warehouseName, source, materialRequestId, transferId, transferNumber, supplierId, supplierName, arrivedAt, checkDueAt,
             checkDueOn, clock, deliveryNoteRef, packingListRef, provisional, confirmedBy, confirmedByName, confirmedAt, confirmationNote, hasDiscrepancy,
             status, receiptDocumentId, receiptNumber, completedBy, completedAt, createdBy, createdByName, createdAt, lines
    }
}

/// TRF-10: the papers a transfer's goods travel with — the shipping site's shipping list, and between departments the
/// delivery note and packing list.
public struct ShippingPapersInput: Codable, Sendable {
    public var shippingListRef: String?
    public var deliveryNoteRef: String?
    public var packingListRef: String?
}

public struct ShippingPapersView: Codable, Sendable {
    public let transferId: String
    public let shippingListRef: String
    public let deliveryNoteRef: String
    public let packingListRef: String
    public let updatedBy: String?
    public let updatedAt: String?
}

