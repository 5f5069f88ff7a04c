import Foundation
import KefuDomain
import KefuPlatform

public struct ItemInput: Codable, Sendable {
    public var code: String?
    public var name: String?
    public var spec: String?
    public var model: String?
    public var unit: String?
    public var category: String?
    public var repairClass: String?
    public var abcClass: String?
    public var shelfLifeDays: Int?
    public var maintenanceCycleDays: Int?
    public var maker: String?
    public var origin: String?
    public var reserveQuota: Quantity?
    public var onSparePartsList: Bool?
    /// #12.4, STO-01: `StorageAttribute` raw values; STO-05: the item's near-expiry threshold (default 30 days).
    public var storageAttributes: [String]?
    public var nearExpiryDays: Int?
    public init(code: String? = nil, name: String? = nil, spec: String? = nil, model: String? = nil, unit: String? = nil, category: String? = nil,
                repairClass: String? = nil, abcClass: String? = nil, shelfLifeDays: Int? = nil, maintenanceCycleDays: Int? = nil,
                maker: String? = nil, origin: String? = nil, reserveQuota: Quantity? = nil, onSparePartsList: Bool? = nil,
                storageAttributes: [String]? = nil, nearExpiryDays: Int? = nil) {
        self.storageAttributes = storageAttributes; self.nearExpiryDays = nearExpiryDays
        self.code = code; self.name = name; self.spec = spec; self.model = model; self.unit = unit; self.category = category
        self.repairClass = repairClass; self.abcClass = abcClass; self.shelfLifeDays = shelfLifeDays
        self.maintenanceCycleDays = maintenanceCycleDays; self.maker = maker; self.origin = origin; self.reserveQuota = reserveQuota
        self.onSparePartsList = onSparePartsList
    }
}

/// PATCH of an item: absent fields keep their value; the code never changes. `active: false` deactivates.
public struct ItemPatch: Codable, Sendable {
    public var name, spec, model, unit, category, repairClass, abcClass, maker, origin: String?
    public var shelfLifeDays, maintenanceCycleDays: Int?
    public var reserveQuota: Quantity?
    public var onSparePartsList, active: Bool?
    /// #12.4: STO-01 attributes (the whole set), STO-05 near-expiry threshold.
    public var storageAttributes: [String]?
    public var nearExpiryDays: Int?
    /// Explicit nulls clear the optional numbers (`"shelfLifeDays": null`); absent keys keep them.
    public var cleared: Set<String> = []

    enum CodingKeys: String, CodingKey {
        case name, spec, model, unit, category, repairClass, abcClass, maker, origin, shelfLifeDays, maintenanceCycleDays, reserveQuota, onSparePartsList, active
        case storageAttributes, nearExpiryDays
    }

    public init(name: String? = nil, spec: String? = nil, model: String? = nil, unit: String? = nil, category: String? = nil, repairClass: String? = nil,
                abcClass: String? = nil, maker: String? = nil, origin: String? = nil, shelfLifeDays: Int? = nil, maintenanceCycleDays: Int? = nil,
                reserveQuota: Quantity? = nil, onSparePartsList: Bool? = nil, active: Bool? = nil, cleared: Set<String> = [],
                storageAttributes: [String]? = nil, nearExpiryDays: Int? = nil) {
        self.storageAttributes = storageAttributes; self.nearExpiryDays = nearExpiryDays
        self.name = name; self.spec = spec; self.model = model; self.unit = unit; self.category = category; self.repairClass = repairClass
        self.abcClass = abcClass; self.maker = maker; self.origin = origin; self.shelfLifeDays = shelfLifeDays
        self.maintenanceCycleDays = maintenanceCycleDays; self.reserveQuota = reserveQuota; self.onSparePartsList = onSparePartsList
        self.active = active; self.cleared = cleared
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name); spec = try c.decodeIfPresent(String.self, forKey: .spec)
        model = try c.decodeIfPresent(String.self, forKey: .model); unit = try c.decodeIfPresent(String.self, forKey: .unit)
        category = try c.decodeIfPresent(String.self, forKey: .category); repairClass = try c.decodeIfPresent(String.self, forKey: .repairClass)
        abcClass = try c.decodeIfPresent(String.self, forKey: .abcClass); maker = try c.decodeIfPresent(String.self, forKey: .maker)
        origin = try c.decodeIfPresent(String.self, forKey: .origin)
        shelfLifeDays = try c.decodeIfPresent(Int.self, forKey: .shelfLifeDays)
        maintenanceCycleDays = try c.decodeIfPresent(Int.self, forKey: .maintenanceCycleDays)
        reserveQuota = try c.decodeIfPresent(Quantity.self, forKey: .reserveQuota)
        onSparePartsList = try c.decodeIfPresent(Bool.self, forKey: .onSparePartsList); active = try c.decodeIfPresent(Bool.self, forKey: .active)
        storageAttributes = try c.decodeIfPresent([String].self, forKey: .storageAttributes)
        nearExpiryDays = try c.decodeIfPresent(Int.self, forKey: .nearExpiryDays)
        for key in [CodingKeys.shelfLifeDays, .maintenanceCycleDays, .reserveQuota, .nearExpiryDays] where c.contains(key) {
            if try c.decodeNil(forKey: key) { cleared.insert(key.rawValue) }
        }
    }
}

/// PATCH of a supplier or warehouse: name (and a supplier's contact); `active: false` deactivates. Code, org unit and
/// condition of a warehouse never change (its documents and balances depend on them).
public struct MasterPatch: Codable, Sendable {
    public var name: String?
    public var contact: String?
    public var active: Bool?
    public init(name: String? = nil, contact: String? = nil, active: Bool? = nil) { self.name = name; self.contact = contact; self.active = active }
}

public struct SupplierInput: Codable, Sendable {
    public var code: String?
    public var name: String?
    public var contact: String?
    public init(code: String? = nil, name: String? = nil, contact: String? = nil) { self.code = code; self.name = name; self.contact = contact }
}

public struct WarehouseInput: Codable, Sendable {
    public var code: String?
    public var name: String?
    public var orgUnitId: String?
    public var condition: String?
    public init(code: String? = nil, name: String? = nil, orgUnitId: String? = nil, condition: String? = nil) {
        self.code = code; self.name = name; self.orgUnitId = orgUnitId; self.condition = condition
    }
}

public struct LineInput: Codable, Sendable {
    public var itemId: String?
    /// #11.3: an item may be named by its code instead of its id (typed into the line grid); the code wins when it names an item.
    public var itemCode: String?
    public var quantity: Quantity?
    public var remark: String?
    /// #12.4 (STO-03, STO-05, ISS-06): the bin to put into or take from; an existing batch to take (issues) or fill;
    /// or a new batch's number and dates on a receipt; the maintenance cycle set at receipt (STO-06).
    public var binId: String?
    public var batchId: String?
    public var batchNo: String?
    public var productionDate: String?
    public var expiryDate: String?
    public var maintenanceCycleDays: Int?
    /// #12 STO-03: a transfer line's bin in the in warehouse (`binId` is then the bin in the out warehouse).
    public var toBinId: String?
    public init(itemId: String?, itemCode: String? = nil, quantity: Quantity?, remark: String? = nil, binId: String? = nil, batchId: String? = nil,
                batchNo: String? = nil, productionDate: String? = nil, expiryDate: String? = nil, maintenanceCycleDays: Int? = nil) {
        self.itemId = itemId; self.itemCode = itemCode; self.quantity = quantity; self.remark = remark
        self.binId = binId; self.batchId = batchId; self.batchNo = batchNo; self.productionDate = productionDate; self.expiryDate = expiryDate
        self.maintenanceCycleDays = maintenanceCycleDays
    }
}

public struct StockDocumentInput: Codable, Sendable {
    public var direction: String?
    public var reason: String?
    public var warehouseId: String?
    public var supplierId: String?
    public var date: String?
    public var remark: String?
    /// D8: the recorded business-department approval of a scrap issue (who approved, reference, date).
    public var approvalRef: String?
    public var lines: [LineInput]?
    public init(direction: String? = nil, reason: String? = nil, warehouseId: String? = nil, supplierId: String? = nil, date: String? = nil,
                remark: String? = nil, approvalRef: String? = nil, lines: [LineInput]? = nil) {
        self.direction = direction; self.reason = reason; self.warehouseId = warehouseId; self.supplierId = supplierId; self.date = date
        self.remark = remark; self.approvalRef = approvalRef; self.lines = lines
    }
}

public struct TransferInput: Codable, Sendable {
    public var fromWarehouseId: String?
    public var toWarehouseId: String?
    public var date: String?
    public var remark: String?
    public var lines: [LineInput]?
    public init(fromWarehouseId: String? = nil, toWarehouseId: String? = nil, date: String? = nil, remark: String? = nil, lines: [LineInput]? = nil) {
        self.fromWarehouseId = fromWarehouseId; self.toWarehouseId = toWarehouseId; self.date = date; self.remark = remark; self.lines = lines
    }
}

/// Field checks with messages in both languages.
enum MaterialValidation {
    static let maxLines = 10_000

    static func text(_ raw: String?, field: String, max: Int, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, MaterialFieldNames.message(Text("请填写{0}", "{0} is required"), field)) }
        if let t, t.count > max { throw AppError.validation(field, MaterialFieldNames.message(Text("{0}最长 {1} 字", "{0} is at most {1} characters"), field, String(max))) }
        return t
    }

    static func code(_ raw: String?, field: String = "code") throws -> String {
        let c = try text(raw, field: field, max: 40, required: true)!
        guard c.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0)) }) else {
            throw AppError.validation(field, MaterialFieldNames.message(Text("{0}只能包含字母、数字和 - _ . /", "{0} may hold only letters, digits and - _ . /"), field))
        }
        return c
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, _ field: String, default value: E? = nil) throws -> E where E.RawValue == String {
        guard let raw = TextRules.trimmed(raw) else {
            if let value { return value }
            throw AppError.validation(field, MaterialFieldNames.message(Text("请填写{0}", "{0} is required"), field))
        }
        guard let v = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.validation(field, MaterialFieldNames.message(Text("{0}的取值必须是：{1}", "{0} must be one of: {1}"), field, allowed))
        }
        return v
    }

    /// `YYYY-MM-DD` (or a usual written form of a day); today in the organisation's time zone when absent.
    static func date(_ typed: String?, now: Date) throws -> String {
        guard let typed = TextRules.trimmed(typed) else { return today(now) }
        // #11.2: "2026/10/20", "2026年10月20日" … are the same day.
        let raw = UsualInput.day(typed)?.iso ?? typed
        let parts = raw.split(separator: "-")
        guard raw.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (2000...2100).contains(y), (1...12).contains(m), (1...31).contains(d),
              Times.calendar().date(from: DateComponents(year: y, month: m, day: d)).map({ Times.calendar().component(.day, from: $0) == d }) == true else {
            throw AppError.validation("date", Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
        }
        return raw
    }

    static func today(_ now: Date) -> String {
        let c = Times.calendar().dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year ?? 2000, c.month ?? 1, c.day ?? 1)
    }

    struct Line: Sendable {
        var itemId: String
        let quantity: Quantity
        let remark: String
        /// The code typed for the item, resolved to `itemId` in the transaction (`StockDocumentService.resolveItems`).
        var itemCode: String? = nil
        /// #12.4: the line's bin and batch (`StorageLines`), nil when it names none.
        var storage: StorageLines.Asked? = nil
        /// #12 STO-03: a transfer line's bin in the in warehouse (`TransferLineBins`).
        var toBinId: String? = nil
    }

    static func lines(_ raw: [LineInput]?) throws -> [Line] {
        guard let raw, !raw.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行存货", "Add at least one line")) }
        guard raw.count <= maxLines else {
            throw AppError.validation("lines", Text("一张单据最多 {0} 行", "A document has at most {0} lines").with(String(maxLines)))
        }
        return try raw.enumerated().map { i, l in
            let code = TextRules.trimmed(l.itemCode)
            guard let itemId = TextRules.trimmed(l.itemId) ?? code.map({ _ in "" }) else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行缺少存货", "Line {0} has no item").with(String(i + 1)))
            }
            guard let q = l.quantity else {
                throw AppError.validation("lines[\(i)].quantity", Text("第 {0} 行缺少数量", "Line {0} has no quantity").with(String(i + 1)))
            }
            let remark = try text(l.remark, field: "lines[\(i)].remark", max: 500, required: false) ?? ""
            return Line(itemId: itemId, quantity: q, remark: remark, itemCode: code, storage: try StorageLines.parse(l, index: i, now: Date()),
                        toBinId: TextRules.trimmed(l.toBinId))
        }
    }
}
