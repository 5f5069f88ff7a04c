import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The flat JSON body of the house (`FlatBody`).
public typealias FrontDeskBody = FlatBody

/// One register entry as the API and the pages give it.
public struct FrontDeskRecordView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let register: FrontDeskRegister
    public let orgUnitId: String
    public let status: FrontDeskStatus
    public let personName: String
    public let personPhone: String
    public let summary: String
    public let ref: String?
    /// The register's own fields (FrontDeskRegister.fields), as recorded.
    public let fields: [String: String]
    public let recordedOn: String
    public let recordedAt: String
    /// Who claimed, retrieved or received it, and the step's own facts (ID type and number, card number, …).
    public let closerName: String?
    public let closerPhone: String?
    public let closeFields: [String: String]
    public let closedAt: String?
    /// FRD-05: a bag still stored after closing on its day.
    public let overdue: Bool
    /// FRD-03: the first day an unclaimed item may be handed over.
    public let handOverFrom: String?
    public let actions: [String]
    let orgPath: String
    let unitName: String
    let recorderName: String
    let closedByName: String?
    let recordedMillis: Int64
    let closedMillis: Int64?

    enum CodingKeys: String, CodingKey {
        case id, number, register, orgUnitId, status, personName, personPhone, summary, ref, fields, recordedOn, recordedAt, closerName, closerPhone,
             closeFields, closedAt, overdue, handOverFrom, actions
    }

    static let select = """
        SELECT r.id, r.number, r.register, r.org_unit_id, r.org_path, r.status, r.person_name, r.person_phone, r.summary, r.ref, r.fields, r.recorded_on,
            r.recorded_at, r.closer_name, r.closer_phone, r.close_fields, r.closed_at,
            \(OrgQueries.unitNameSQL("r.org_unit_id")) AS unit_name, \(OrgQueries.userNameSQL("r.recorded_by")) AS recorder_name,
            \(OrgQueries.userNameSQL("r.closed_by")) AS closed_by_name
        FROM front_desk_records r
        """

    init(row: any SQLRow, viewer: Principal?, now: FrontDeskNow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        register = FrontDeskRegister(rawValue: try row.decode(column: "register", as: String.self)) ?? .broadcast
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        status = FrontDeskStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .recorded
        personName = try row.decode(column: "person_name", as: String.self)
        personPhone = try row.decode(column: "person_phone", as: String.self)
        summary = try row.decode(column: "summary", as: String.self)
        ref = try row.decode(column: "ref", as: String?.self)
        fields = Self.dictionary(try row.decode(column: "fields", as: String.self))
        recordedOn = try row.decode(column: "recorded_on", as: String.self)
        recordedMillis = try row.decode(column: "recorded_at", as: Int64.self)
        recordedAt = Times.rfc3339(recordedMillis)
        closerName = try row.decode(column: "closer_name", as: String?.self)
        closerPhone = try row.decode(column: "closer_phone", as: String?.self)
        closeFields = Self.dictionary(try row.decode(column: "close_fields", as: String?.self) ?? "{}")
        closedMillis = try row.decode(column: "closed_at", as: Int64?.self)
        closedAt = Times.rfc3339(closedMillis)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        recorderName = try row.decode(column: "recorder_name", as: String?.self) ?? "—"
        closedByName = try row.decode(column: "closed_by_name", as: String?.self)
        let storedOn = CivilDay(iso: recordedOn)
        overdue = register == .bagStorage && status == .stored && storedOn.map { BagStorageRules.isOverdue(storedOn: $0, today: now.day, minuteOfDay: now.minute) } == true
        handOverFrom = register == .lostProperty ? fields["foundOn"].flatMap(CivilDay.init(iso:)).map { LostPropertyRules.handOverFrom(foundOn: $0).iso } : nil
        if let v = viewer, FrontDeskRules.mayWork(roles: v.roles, userPath: v.orgPath, recordPath: orgPath) {
            let (register, status) = (register, status)
            actions = register.steps.filter { FrontDeskRules.next(register, status, $0) != nil }.map(\.rawValue)
        } else {
            actions = []
        }
    }

    static func dictionary(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    static func json(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(values)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

/// The organisation's local day and minute of "now" (bag overdue, hand-over period), injected so tests move the clock.
public struct FrontDeskNow: Sendable {
    public let millis: Int64
    public let day: CivilDay
    public let minute: Int

    public init(_ date: Date) {
        millis = Clock.millis(date)
        let c = Times.calendar().dateComponents([.year, .month, .day, .hour, .minute], from: date)
        day = CivilDay(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
        minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }
}

/// A gift's balance at a desk (FRD-04).
public struct GiftStockView: Encodable, Sendable {
    public let orgUnitId: String
    public let gift: String
    public let balance: Int
    let unitName: String

    enum CodingKeys: String, CodingKey { case orgUnitId, gift, balance }
}
