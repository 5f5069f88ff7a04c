import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The flat JSON body of the house (`FlatBody`).
public typealias PropertyBody = FlatBody

/// PRP-06 many units in one request: `{"units": [{"building": "1栋", "room": "101", "area": "89.50", …}, …]}`.
public struct PropertyUnitsBody: Decodable, Sendable {
    public var units: [PropertyBody]
    public init(units: [PropertyBody]) { self.units = units }
}

public struct PropertyEstateView: Encodable, Sendable {
    public let id: String
    public let name: String
    public let address: String?
    public let orgUnitId: String
    public let unitName: String
    public let units: Int
    public let feeRates: [PropertyFeeRateView]
    let orgPath: String
}

/// PRP-03 a fee's rate from a month on; `current` marks the one in effect this month.
public struct PropertyFeeRateView: Encodable, Sendable {
    public let id: String
    public let fee: String
    public let kind: PropertyFeeKind
    public let basis: PropertyFeeBasis
    /// per_area: yuan per m² per month ("1.85"); area_share: the month's total; fixed: per unit and month (yuan).
    public let rate: String
    public let appliesTo: [PropertyUnitUse]
    public let effectiveFrom: String
    public var current: Bool
    let rateE4: Int64
    let amountFen: Int64

    enum CodingKeys: String, CodingKey { case id, fee, kind, basis, rate, appliesTo, effectiveFrom, current }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        fee = try row.decode(column: "fee", as: String.self)
        kind = PropertyFeeKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .specialService
        basis = PropertyFeeBasis(rawValue: try row.decode(column: "basis", as: String.self)) ?? .fixed
        rateE4 = try row.decode(column: "rate_e4", as: Int64.self)
        amountFen = try row.decode(column: "amount_fen", as: Int64.self)
        rate = basis == .perArea ? PropertyRate.text(rateE4) : Yuan.text(amountFen)
        appliesTo = try row.decode(column: "applies_to", as: String.self).split(separator: ",").compactMap { PropertyUnitUse(rawValue: String($0)) }
        effectiveFrom = try row.decode(column: "effective_from", as: String.self)
        current = false
    }
}

public struct PropertyUnitView: Encodable, Sendable {
    public let id: String
    public let estateId: String
    public let building: String
    public let room: String
    public let area: String
    public let use: PropertyUnitUse
    public let occupantKind: PropertyOccupantKind?
    public let occupantName: String?
    public let occupantPhone: String?
    public let moveInOn: String?

    static let select = """
        SELECT u.id, u.estate_id, u.building, u.room, u.area_centi, u.use_kind, u.occupant_kind, u.occupant_name, u.occupant_phone, u.move_in_on
        FROM property_units u
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        estateId = try row.decode(column: "estate_id", as: String.self)
        building = try row.decode(column: "building", as: String.self)
        room = try row.decode(column: "room", as: String.self)
        area = PropertyArea.text(try row.decode(column: "area_centi", as: Int64.self))
        use = PropertyUnitUse(rawValue: try row.decode(column: "use_kind", as: String.self)) ?? .residential
        occupantKind = try row.decode(column: "occupant_kind", as: String?.self).flatMap(PropertyOccupantKind.init(rawValue:))
        occupantName = try row.decode(column: "occupant_name", as: String?.self)
        occupantPhone = try row.decode(column: "occupant_phone", as: String?.self)
        moveInOn = try row.decode(column: "move_in_on", as: String?.self)
    }
}

public struct PropertyUnitsMade: Encodable, Sendable {
    public let made: Int
    public let units: [PropertyUnitView]
}

/// PRP-01 a notice run: how many notices this run made, how many the month already had.
public struct PropertyNoticeRun: Encodable, Sendable {
    public let estateId: String
    public let month: String
    public let made: Int
    public let already: Int
    public let total: Int
}

public struct PropertyNoticeLineView: Encodable, Sendable {
    public let fee: String
    public let kind: PropertyFeeKind
    public let basis: PropertyFeeBasis
    /// per_area: the rate per m² (yuan); otherwise the month's base amount (yuan).
    public let rate: String
    public let area: String
    public let amount: String
    public let paid: String
}

public struct PropertyPaymentView: Encodable, Sendable {
    public let id: String
    public let amount: String
    public let method: PropertyPaymentMethod
    public let receiptNo: String?
    public let paidOn: String
    public let recordedBy: String
}

public struct PropertyChaseView: Encodable, Sendable {
    public let id: String
    public let chasedOn: String
    public let method: PropertyChaseMethod
    public let result: String
    public let chasedBy: String
}

/// PRP-01 a 交费通知单: the unit, its lines, what is paid and owed, the arrears' age in months.
public struct PropertyNoticeView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let unitId: String
    public let building: String
    public let room: String
    public let area: String
    public let occupantName: String?
    public let occupantPhone: String?
    public let month: String
    public let billed: String
    public let paid: String
    public let owing: String
    public let settled: Bool
    public let ageMonths: Int
    public var lines: [PropertyNoticeLineView]
    public var payments: [PropertyPaymentView]
    public var chases: [PropertyChaseView]
    public var actions: [String]
    let orgPath: String
    let billedFen: Int64
    let paidFen: Int64

    enum CodingKeys: String, CodingKey {
        case id, number, estateId, estateName, unitId, building, room, area, occupantName, occupantPhone, month, billed, paid, owing, settled, ageMonths,
             lines, payments, chases, actions
    }

    static let select = """
        SELECT n.id, n.number, n.estate_id, n.unit_id, n.org_path, n.month, n.billed_fen, n.paid_fen, n.settled, e.name AS estate_name,
            u.building, u.room, u.area_centi, u.occupant_name, u.occupant_phone
        FROM property_notices n JOIN property_estates e ON e.id = n.estate_id JOIN property_units u ON u.id = n.unit_id
        """

    init(row: any SQLRow, viewer: Principal, now: BillingMonth) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        estateId = try row.decode(column: "estate_id", as: String.self)
        estateName = try row.decode(column: "estate_name", as: String.self)
        unitId = try row.decode(column: "unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        month = try row.decode(column: "month", as: String.self)
        billedFen = try row.decode(column: "billed_fen", as: Int64.self)
        paidFen = try row.decode(column: "paid_fen", as: Int64.self)
        billed = Yuan.text(billedFen)
        paid = Yuan.text(paidFen)
        owing = Yuan.text(max(0, billedFen - paidFen))
        settled = try row.decode(column: "settled", as: Int.self) != 0
        building = try row.decode(column: "building", as: String.self)
        room = try row.decode(column: "room", as: String.self)
        area = PropertyArea.text(try row.decode(column: "area_centi", as: Int64.self))
        occupantName = try row.decode(column: "occupant_name", as: String?.self)
        occupantPhone = try row.decode(column: "occupant_phone", as: String?.self)
        ageMonths = settled ? 0 : BillingMonth(month).map { BillingMonth.age(of: $0, at: now) } ?? 0
        lines = []
        payments = []
        chases = []
        actions = !settled && PropertyRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, estatePath: orgPath) ? ["payments", "chases"] : []
    }
}

/// PRP-02 one row of the collection-rate report: a fee (or "" for whole notices) in a period.
public struct PropertyCollectionRow: Encodable, Sendable {
    public let period: String
    /// The fee's name; empty for all fees together (whole notices).
    public let fee: String
    public let billed: String
    public let paid: String
    /// Paid / billed, one decimal ("93.4%"); "—" when nothing was billed.
    public let rate: String
    public let items: Int64
    public let paidItems: Int64
    /// Fully paid notices (or lines) / all.
    public let countRate: String
    let billedFen: Int64
    let paidFen: Int64
}

public struct PropertyCollectionReport: Encodable, Sendable {
    public let estateId: String
    public let estateName: String
    public let period: CollectionPeriod
    public let from: String
    public let to: String
    public let rows: [PropertyCollectionRow]
}

/// "Now" as the organisation's billing month.
public enum PropertyNow {
    public static func month(_ date: Date = Date()) -> BillingMonth {
        let c = Times.calendar().dateComponents([.year, .month], from: date)
        return BillingMonth(year: c.year ?? 2026, month: c.month ?? 1)
    }
}
