import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the front desk registers (#14.4), each inside the caller's transaction. Every register is listed and
/// searched the same way: by number, name, phone or reference number (`q`), and by the day recorded (`from`/`to`).
public enum FrontDeskQueries {
    static func requireWorker(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: FrontDeskRules.workers) else {
            throw AppError.forbidden(Text("您不能使用服务台登记", "You cannot use the front desk registers"))
        }
    }

    /// One record; 404 when absent, 403 outside the viewer's unit and below.
    static func view(_ db: any SQLDatabase, id: String, viewer: Principal, now: FrontDeskNow) async throws -> FrontDeskRecordView {
        guard let row = try await db.raw("\(unsafeRaw: FrontDeskRecordView.select) WHERE r.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("服务台登记", "Front desk record"))
        }
        let r = try FrontDeskRecordView(row: row, viewer: viewer, now: now)
        guard FrontDeskRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: r.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的登记", "You see the records of your unit and below only"))
        }
        return r
    }

    /// The list's filters, the same for every register.
    public struct Filter: Sendable {
        public var register: FrontDeskRegister?
        public var status: FrontDeskStatus?
        public var open = false
        public var overdue = false
        public var q: String?
        public var from: CivilDay?
        public var to: CivilDay?

        static func parse(_ q: [String: String]) throws -> Filter {
            var f = Filter()
            if let r = TextRules.trimmed(q["register"]) {
                guard let v = FrontDeskRegister(rawValue: r) ?? FrontDeskRegister(slug: r) else {
                    let allowed = FrontDeskRegister.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AppError.validation("register", Text("登记簿的取值必须是：" + allowed, "Register must be one of: " + allowed))
                }
                f.register = v
            }
            if let s = TextRules.trimmed(q["status"]) {
                guard let v = FrontDeskStatus(rawValue: s) else {
                    let allowed = FrontDeskStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AppError.validation("status", Text("状态的取值必须是：" + allowed, "State must be one of: " + allowed))
                }
                f.status = v
            }
            f.open = q["open"] == "1" || q["open"] == "true"
            f.overdue = q["overdue"] == "1" || q["overdue"] == "true"
            f.q = TextRules.trimmed(q["q"])
            for key in ["from", "to"] {
                guard let t = TextRules.trimmed(q[key]) else { continue }
                guard let day = UsualInput.day(t) else { throw AppError.validation(key, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
                if key == "from" { f.from = day } else { f.to = day }
            }
            return f
        }
    }

    static func whereClause(_ f: Filter, viewer: Principal, now: FrontDeskNow) -> SQLQueryString {
        var c: [SQLQueryString] = ["r.org_path >= \(bind: viewer.orgPath) AND r.org_path < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))"]
        if let r = f.register { c.append("r.register = \(bind: r.rawValue)") }
        if let s = f.status { c.append("r.status = \(bind: s.rawValue)") }
        if f.open { c.append("r.status IN ('held', 'stored', 'applied')") }
        if f.overdue {
            // FRD-05: stored before today, or today and the desk has closed.
            let closed = now.minute >= BagStorageRules.closingMinute
            c.append("r.register = 'bag_storage' AND r.status = 'stored' AND r.recorded_on \(unsafeRaw: closed ? "<=" : "<") \(bind: now.day.iso)")
        }
        if let q = f.q {
            let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            let phone = TextRules.phoneKey(q) ?? q
            c.append("""
                (r.number = \(bind: q.uppercased()) OR r.ref_key = \(bind: FrontDeskRules.normalisedRef(q)) OR r.person_name LIKE \(bind: like) OR r.person_phone = \(bind: phone)
                 OR r.closer_name LIKE \(bind: like) OR r.closer_phone = \(bind: phone) OR r.summary LIKE \(bind: like))
                """)
        }
        if let from = f.from { c.append("r.recorded_on >= \(bind: from.iso)") }
        if let to = f.to { c.append("r.recorded_on <= \(bind: to.iso)") }
        return "WHERE \(SQLList(c, separator: SQLRaw(" AND ")))"
    }

    /// A page of the records in the viewer's scope, newest first.
    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal, now: FrontDeskNow) async throws -> ListPage<FrontDeskRecordView> {
        let w = whereClause(f, viewer: viewer, now: now)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM front_desk_records r \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: FrontDeskRecordView.select) \(w) ORDER BY r.recorded_at DESC, r.id DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try FrontDeskRecordView(row: $0, viewer: viewer, now: now) }
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// FRD-04: the gift balances of the desks in the viewer's scope.
    static func giftStock(_ db: any SQLDatabase, viewer: Principal) async throws -> [GiftStockView] {
        try await db.raw("""
            SELECT s.org_unit_id, s.gift, s.balance, \(unsafeRaw: OrgQueries.unitNameSQL("s.org_unit_id")) AS unit_name FROM front_desk_gift_stock s
            WHERE s.org_path >= \(bind: viewer.orgPath) AND s.org_path < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))
            ORDER BY s.org_path, s.gift
            """).all().map {
            GiftStockView(orgUnitId: try $0.decode(column: "org_unit_id", as: String.self), gift: try $0.decode(column: "gift", as: String.self),
                          balance: try $0.decode(column: "balance", as: Int.self), unitName: try $0.decode(column: "unit_name", as: String?.self) ?? "—")
        }
    }

    /// A record found by its whole number (quick search).
    static func byNumber(_ db: any SQLDatabase, number: String, viewer: Principal, now: FrontDeskNow) async throws -> FrontDeskRecordView? {
        guard let row = try await db.raw("\(unsafeRaw: FrontDeskRecordView.select) WHERE r.number = \(bind: number)").first() else { return nil }
        let r = try FrontDeskRecordView(row: row, viewer: viewer, now: now)
        return FrontDeskRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: r.orgPath) ? r : nil
    }
}
