import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the estate register and fees (#14 item 2), each inside the caller's transaction, scoped to the estates
/// of the viewer's unit and below.
public enum PropertyQueries {
    static func requireReader(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: PropertyRules.readers) else {
            throw AppError.forbidden(Text("您不能查看物业收费", "You cannot see the property fees"))
        }
    }

    static func requireWorker(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: PropertyRules.workers) else {
            throw AppError.forbidden(Text("只有物业客服管理员可以办理物业收费", "Only the property CS admin handles property fees"))
        }
    }

    static func scope(_ alias: String, _ viewer: Principal) -> SQLQueryString {
        "\(unsafeRaw: alias).org_path >= \(bind: viewer.orgPath) AND \(unsafeRaw: alias).org_path < \(bind: FindQuery.upperBound(ofPrefix: viewer.orgPath))"
    }

    /// A unit by 房号 alone, or building-房号 split at any of its dashes (a building may have a dash in its name): each
    /// alternative a look-up of `property_units_room_key` (the quick search, the renovation list).
    static func roomCondition(_ text: String) -> SQLQueryString {
        var condition: SQLQueryString = "(u.room = \(bind: text)"
        for dash in text.indices where text[dash] == "-" {
            let building = String(text[..<dash]), room = String(text[text.index(after: dash)...])
            guard !building.isEmpty, !room.isEmpty else { continue }
            condition = condition + " OR (u.room = \(bind: room) AND u.building = \(bind: building))"
        }
        return condition + ")"
    }

    /// An occupant by the start of the name: a range on `property_units_occupant_name`.
    static func occupantNamePrefix(_ text: String) -> SQLQueryString {
        "u.occupant_name >= \(bind: text) AND u.occupant_name < \(bind: FindQuery.upperBound(ofPrefix: text))"
    }

    /// The estate's name and path; 404 when absent, 403 outside the viewer's scope (or for a write, without the admin role).
    static func estate(_ db: any SQLDatabase, id: String, viewer: Principal, write: Bool = false) async throws -> (name: String, path: String) {
        guard let row = try await db.raw("SELECT name, org_path FROM property_estates WHERE id = \(bind: id)").first() else {
            throw AppError.notFound(Text("小区", "Estate"))
        }
        let path = try row.decode(column: "org_path", as: String.self)
        let ok = write ? PropertyRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, estatePath: path)
                       : PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: path)
        guard ok else { throw AppError.forbidden(Text("您只能办理本单位及下级单位的小区", "You work the estates of your unit and below only")) }
        return (try row.decode(column: "name", as: String.self), path)
    }

    static func feeRates(_ db: any SQLDatabase, estateId: String, now: BillingMonth) async throws -> [PropertyFeeRateView] {
        var rates = try await db.raw("""
            SELECT id, fee, kind, basis, rate_e4, amount_fen, applies_to, effective_from FROM property_fee_rates WHERE estate_id = \(bind: estateId)
            ORDER BY fee, effective_from, created_at
            """).all().map(PropertyFeeRateView.init(row:))
        let effective = Set(inEffect(rates, month: now).map(\.id))
        for i in rates.indices where effective.contains(rates[i].id) { rates[i].current = true }
        return rates
    }

    /// PRP-03 the rate of each fee in effect in `month`: its latest row from that month or before (rows in history order).
    static func inEffect(_ rates: [PropertyFeeRateView], month: BillingMonth) -> [PropertyFeeRateView] {
        var latest: [String: PropertyFeeRateView] = [:]
        for r in rates where r.effectiveFrom <= month.iso { latest[r.fee] = r }
        return latest.values.sorted { (sortKey($0.kind), $0.fee) < (sortKey($1.kind), $1.fee) }
    }

    static func sortKey(_ k: PropertyFeeKind) -> Int { PropertyFeeKind.allCases.firstIndex(of: k) ?? 9 }

    static func estateView(_ db: any SQLDatabase, id: String, viewer: Principal, now: BillingMonth) async throws -> PropertyEstateView {
        _ = try await estate(db, id: id, viewer: viewer)
        let row = try await db.raw("""
            SELECT e.id, e.name, e.address, e.org_unit_id, e.org_path, \(unsafeRaw: OrgQueries.unitNameSQL("e.org_unit_id")) AS unit_name,
                (SELECT COUNT(*) FROM property_units u WHERE u.estate_id = e.id) AS units
            FROM property_estates e WHERE e.id = \(bind: id)
            """).first()!
        return try estateView(row, rates: try await feeRates(db, estateId: id, now: now))
    }

    static func estateView(_ row: any SQLRow, rates: [PropertyFeeRateView]) throws -> PropertyEstateView {
        PropertyEstateView(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                           address: try row.decode(column: "address", as: String?.self), orgUnitId: try row.decode(column: "org_unit_id", as: String.self),
                           unitName: try row.decode(column: "unit_name", as: String?.self) ?? "—", units: try row.decode(column: "units", as: Int.self),
                           feeRates: rates, orgPath: try row.decode(column: "org_path", as: String.self))
    }

    /// The estates in the viewer's scope, by name (a centre has a handful).
    static func estates(_ db: any SQLDatabase, viewer: Principal) async throws -> [PropertyEstateView] {
        try await db.raw("""
            SELECT e.id, e.name, e.address, e.org_unit_id, e.org_path, \(unsafeRaw: OrgQueries.unitNameSQL("e.org_unit_id")) AS unit_name,
                (SELECT COUNT(*) FROM property_units u WHERE u.estate_id = e.id) AS units
            FROM property_estates e WHERE \(scope("e", viewer)) ORDER BY e.name LIMIT 500
            """).all().map { try estateView($0, rates: []) }
    }

    /// PRP-06 the units of an estate, by building and room; `q` matches 房号, the occupant's name or phone.
    static func units(_ db: any SQLDatabase, estateId: String, q: String?, paging: Paging, viewer: Principal) async throws -> ListPage<PropertyUnitView> {
        _ = try await estate(db, id: estateId, viewer: viewer)
        var w: SQLQueryString = "WHERE u.estate_id = \(bind: estateId)"
        if let q {
            let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            w = "\(w) AND (u.room = \(bind: q) OR u.building || '-' || u.room = \(bind: q) OR u.occupant_name LIKE \(bind: like) OR u.occupant_phone = \(bind: TextRules.phoneKey(q) ?? q))"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM property_units u \(w)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: PropertyUnitView.select) \(w) ORDER BY u.building, u.room LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(PropertyUnitView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    /// The notices list's filters.
    public struct NoticeFilter: Sendable {
        public var estateId: String?
        public var month: BillingMonth?
        public var arrears = false
        public var q: String?

        static func parse(_ q: [String: String]) throws -> NoticeFilter {
            var f = NoticeFilter()
            f.estateId = TextRules.trimmed(q["estateId"])
            if let m = TextRules.trimmed(q["month"]) {
                guard let v = BillingMonth(m) else { throw AppError.validation("month", Text("月份格式应为 YYYY-MM", "The month must be YYYY-MM")) }
                f.month = v
            }
            f.arrears = q["arrears"] == "1" || q["arrears"] == "true"
            f.q = TextRules.trimmed(q["q"])
            return f
        }
    }

    /// PRP-01 notices in the viewer's scope; the arrears list is the unsettled ones, oldest first.
    static func notices(_ db: any SQLDatabase, _ f: NoticeFilter, paging: Paging, viewer: Principal, now: BillingMonth) async throws -> ListPage<PropertyNoticeView> {
        var c: [SQLQueryString] = [scope("n", viewer)]
        if let e = f.estateId { c.append("n.estate_id = \(bind: e)") }
        if let m = f.month { c.append("n.month = \(bind: m.iso)") }
        if f.arrears { c.append("n.settled = 0") }
        if let q = f.q {
            let like = "%" + q.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            c.append("(n.number = \(bind: q.uppercased()) OR u.room = \(bind: q) OR u.occupant_name LIKE \(bind: like) OR u.occupant_phone = \(bind: TextRules.phoneKey(q) ?? q))")
        }
        let order = f.arrears ? "n.month, u.building, u.room" : "n.month DESC, u.building, u.room"
        let (found, total) = try await RegisterQuery.page(db, from: "property_notices n JOIN property_units u ON u.id = n.unit_id", select: PropertyNoticeView.select, where: c, order: order, paging: paging)
        let rows = try found.map { try PropertyNoticeView(row: $0, viewer: viewer, now: now) }
        return ListPage(items: try await withLines(db, rows), page: paging.page, per: paging.per, total: total)
    }

    /// The lines of the listed notices in one read (the printed notices show them).
    static func withLines(_ db: any SQLDatabase, _ notices: [PropertyNoticeView]) async throws -> [PropertyNoticeView] {
        guard !notices.isEmpty else { return notices }
        let ids = SQLList(notices.map { SQLBind($0.id) })
        var byNotice: [String: [PropertyNoticeLineView]] = [:]
        for row in try await db.raw("""
            SELECT notice_id, fee, kind, basis, rate_e4, base_fen, area_centi, amount_fen, paid_fen FROM property_notice_lines
            WHERE notice_id IN (\(ids)) ORDER BY notice_id, sort, fee
            """).all() {
            let basis = PropertyFeeBasis(rawValue: try row.decode(column: "basis", as: String.self)) ?? .fixed
            let rateE4 = try row.decode(column: "rate_e4", as: Int64.self), baseFen = try row.decode(column: "base_fen", as: Int64.self)
            let line = PropertyNoticeLineView(fee: try row.decode(column: "fee", as: String.self),
                                              kind: PropertyFeeKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .specialService, basis: basis,
                                              rate: basis == .perArea ? PropertyRate.text(rateE4) : Yuan.text(baseFen),
                                              area: PropertyArea.text(try row.decode(column: "area_centi", as: Int64.self)),
                                              amount: Yuan.text(try row.decode(column: "amount_fen", as: Int64.self)), paid: Yuan.text(try row.decode(column: "paid_fen", as: Int64.self)))
            byNotice[try row.decode(column: "notice_id", as: String.self), default: []].append(line)
        }
        return notices.map { var n = $0; n.lines = byNotice[n.id] ?? []; return n }
    }

    /// One notice with its lines, payments and chase notes; 404 when absent (410 when archived), 403 outside the viewer's scope.
    static func notice(_ db: any SQLDatabase, id: String, viewer: Principal, now: BillingMonth) async throws -> PropertyNoticeView {
        guard let row = try await db.raw("\(unsafeRaw: PropertyNoticeView.select) WHERE n.id = \(bind: id)").first() else {
            // #17.6 RET-04: an archived notice (a bookmark, the owner's file of old) says when and where it went — to its readers only.
            throw try await RetentionTombstones.gone(db, kind: .propertyNotice, id: id, what: Text("交费通知单", "Fee notice")) { t in
                PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: t.orgPath ?? "")
            }
        }
        var n = try PropertyNoticeView(row: row, viewer: viewer, now: now)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: n.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的交费通知单", "You see the fee notices of your unit and below only"))
        }
        n = try await withLines(db, [n])[0]
        n.payments = try await db.raw("""
            SELECT p.id, p.amount_fen, p.method, p.receipt_no, p.paid_on, \(unsafeRaw: OrgQueries.userNameSQL("p.recorded_by")) AS by_name
            FROM property_payments p WHERE p.notice_id = \(bind: id) ORDER BY p.recorded_at
            """).all().map {
            PropertyPaymentView(id: try $0.decode(column: "id", as: String.self), amount: Yuan.text(try $0.decode(column: "amount_fen", as: Int64.self)),
                                method: PropertyPaymentMethod(rawValue: try $0.decode(column: "method", as: String.self)) ?? .cash,
                                receiptNo: try $0.decode(column: "receipt_no", as: String?.self), paidOn: try $0.decode(column: "paid_on", as: String.self),
                                recordedBy: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
        n.chases = try await db.raw("""
            SELECT c.id, c.chased_on, c.method, c.result, \(unsafeRaw: OrgQueries.userNameSQL("c.chased_by")) AS by_name
            FROM property_chases c WHERE c.notice_id = \(bind: id) ORDER BY c.chased_at
            """).all().map {
            PropertyChaseView(id: try $0.decode(column: "id", as: String.self), chasedOn: try $0.decode(column: "chased_on", as: String.self),
                              method: PropertyChaseMethod(rawValue: try $0.decode(column: "method", as: String.self)) ?? .phone,
                              result: try $0.decode(column: "result", as: String.self), chasedBy: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
        return n
    }

    /// PRP-02, RPT-10 billed, paid and the rates per fee and period from the kept monthly figures (a few rows per month,
    /// whatever the number of units).
    static func collection(_ db: any SQLDatabase, estateId: String, period: CollectionPeriod, from: BillingMonth, to: BillingMonth,
                           viewer: Principal) async throws -> PropertyCollectionReport {
        let (name, _) = try await estate(db, id: estateId, viewer: viewer)
        var sums: [String: (billed: Int64, paid: Int64, items: Int64, paidItems: Int64)] = [:]
        for row in try await db.raw("""
            SELECT fee, month, billed_fen, paid_fen, items, paid_items FROM property_collection
            WHERE estate_id = \(bind: estateId) AND month >= \(bind: from.iso) AND month <= \(bind: to.iso)
            """).all() {
            guard let m = BillingMonth(try row.decode(column: "month", as: String.self)) else { continue }
            let key = period.key(m) + "\u{1}" + (try row.decode(column: "fee", as: String.self))
            var s = sums[key] ?? (0, 0, 0, 0)
            s.billed += try row.decode(column: "billed_fen", as: Int64.self)
            s.paid += try row.decode(column: "paid_fen", as: Int64.self)
            s.items += try row.decode(column: "items", as: Int64.self)
            s.paidItems += try row.decode(column: "paid_items", as: Int64.self)
            sums[key] = s
        }
        let rows = sums.map { key, s -> PropertyCollectionRow in
            let parts = key.split(separator: "\u{1}", maxSplits: 1, omittingEmptySubsequences: false)
            return PropertyCollectionRow(period: String(parts[0]), fee: parts.count > 1 ? String(parts[1]) : "", billed: Yuan.text(s.billed), paid: Yuan.text(s.paid),
                                         rate: CollectionRate.text(s.paid, of: s.billed), items: s.items, paidItems: s.paidItems,
                                         countRate: CollectionRate.text(s.paidItems, of: s.items), billedFen: s.billed, paidFen: s.paid)
        }.sorted { ($0.period, $0.fee.isEmpty ? 1 : 0, $0.fee) < ($1.period, $1.fee.isEmpty ? 1 : 0, $1.fee) }
        return PropertyCollectionReport(estateId: estateId, estateName: name, period: period, from: from.iso, to: to.iso, rows: rows)
    }
}
