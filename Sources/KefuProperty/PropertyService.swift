import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The estate register and fees (#14 item 2: PRP-01..03, PRP-06). Each change: permission and scope, validation, one
/// transaction, an audit-trail entry. The amounts follow `PropertyFeeRules`; notices are generated set-based (one
/// INSERT … SELECT for the notices, one per fee for the lines) so an estate of 20,000 units is one short transaction.
public struct PropertyService: Sendable {
    let store: any Store
    /// #14 item 6: whether the property feature is on at the estate's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    public static let maxUnitsPerRequest = 5_000

    // MARK: estates and units (PRP-06)

    public func createEstate(_ body: PropertyBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyEstateView {
        try PropertyQueries.requireWorker(actor)
        let name = try PropertyInput.text(body["name"], field: "name", label: Text("小区名称", "Estate name"), max: 60, required: true)!
        let address = try PropertyInput.text(body["address"], field: "address", label: Text("地址", "Address"), max: 200, required: false)
        let at = Clock.millis(date)
        return try await store.write { db in
            let unitId = TextRules.trimmed(body["orgUnitId"]) ?? actor.orgUnitId
            guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: path) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位建立小区", "You set up estates for your unit and below only"))
            }
            try await features.requireOn(.property, unitId: unitId, in: db) // #14 item 6
            if try await db.raw("SELECT id FROM property_estates WHERE org_unit_id = \(bind: unitId) AND name = \(bind: name)").first() != nil {
                throw AppError(.conflict, "estate_exists", Text("本单位已有小区“\(name)”", "The unit already has an estate named \(name)"), details: ["field": "name"])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_estates (id, name, address, org_unit_id, org_path, created_at, created_by)
                VALUES (\(bind: id), \(bind: name), \(bind: address), \(bind: unitId), \(bind: path), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_estate", entityId: id, detail: ["name": name], at: at)
            return try await PropertyQueries.estateView(db, id: id, viewer: actor, now: PropertyNow.month(date))
        }
    }

    /// PRP-06 many units in one request (a whole building, or an imported sheet); all or none.
    public func addUnits(estateId: String, _ body: PropertyUnitsBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyUnitsMade {
        try PropertyQueries.requireWorker(actor)
        guard !body.units.isEmpty else { throw AppError.validation("units", Text("请至少填写一个房屋", "Give at least one unit")) }
        guard body.units.count <= Self.maxUnitsPerRequest else {
            throw AppError.validation("units", Text("一次最多 \(Self.maxUnitsPerRequest) 个房屋", "At most \(Self.maxUnitsPerRequest) units per request"))
        }
        let units = try body.units.enumerated().map { try PropertyInput.unit($0.element, row: $0.offset) }
        var seen = Set<String>()
        for u in units where !seen.insert(u.building + "\u{1}" + u.room).inserted {
            throw AppError(.conflict, "unit_exists", Text("房屋 \(u.building) \(u.room) 重复", "The unit \(u.building) \(u.room) is given twice"), details: ["field": "units"])
        }
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estate(db, id: estateId, viewer: actor, write: true)
            var ids: [String] = []
            for chunk in stride(from: 0, to: units.count, by: 200).map({ Array(units[$0..<min($0 + 200, units.count)]) }) {
                let existing = try await db.raw("""
                    SELECT building, room FROM property_units WHERE estate_id = \(bind: estateId)
                    AND room IN (\(SQLList(chunk.map { SQLBind($0.room) })))
                    """).all().map { (try $0.decode(column: "building", as: String.self), try $0.decode(column: "room", as: String.self)) }
                if let dup = existing.first(where: { e in chunk.contains { $0.building == e.0 && $0.room == e.1 } }) {
                    throw AppError(.conflict, "unit_exists", Text("房屋 \(dup.0) \(dup.1) 已登记", "The unit \(dup.0) \(dup.1) is already registered"), details: ["field": "units"])
                }
                var rows: [SQLQueryString] = []
                for u in chunk {
                    let id = Clock.newID()
                    ids.append(id)
                    rows.append("""
                        (\(bind: id), \(bind: estateId), \(bind: path), \(bind: u.building), \(bind: u.room), \(bind: u.areaCenti), \(bind: u.use.rawValue),
                         \(bind: u.occupantKind?.rawValue), \(bind: u.occupantName), \(bind: u.occupantPhone), \(bind: u.moveInOn), \(bind: at), \(bind: at))
                        """)
                }
                try await db.raw("""
                    INSERT INTO property_units (id, estate_id, org_path, building, room, area_centi, use_kind, occupant_kind, occupant_name, occupant_phone,
                        move_in_on, created_at, updated_at) VALUES \(SQLList(rows))
                    """).run()
            }
            try await OwnerFileQueries.openHistory(db, unitIds: ids, by: actor.userId, at: at) // #14 PRP-06 occupant history
            try await AuditTrail.record(db, actorId: actor.userId, action: "add_units", entity: "property_estate", entityId: estateId,
                                        detail: ["units": String(units.count)], at: at)
            var made: [PropertyUnitView] = []
            if ids.count <= 500 {
                made = try await db.raw("\(unsafeRaw: PropertyUnitView.select) WHERE u.id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY u.building, u.room")
                    .all().map(PropertyUnitView.init(row:))
            }
            return PropertyUnitsMade(made: ids.count, units: made)
        }
    }

    // MARK: fee tables (PRP-03)

    /// A fee's rate from a month on: a new row every time (the history is kept; notices already made keep their amounts).
    public func addFeeRate(estateId: String, _ body: PropertyBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyEstateView {
        try PropertyQueries.requireWorker(actor)
        let fee = try PropertyInput.text(body["fee"], field: "fee", label: Text("收费项目", "Fee"), max: 40, required: true)!
        let kind = try PropertyInput.choice(body["kind"], field: "kind", label: Text("收费类别", "Fee kind"), aliases: PropertyInput.kindAliases) as PropertyFeeKind
        let defaultBasis: PropertyFeeBasis = kind == .propertyFee ? .perArea : kind == .publicCost ? .areaShare : .fixed
        let basis = try PropertyInput.choice(body["basis"], field: "basis", label: Text("计费方式", "Basis"), default: defaultBasis)
        guard PropertyFeeRules.allows(kind, basis) else {
            throw AppError.validation("basis", Text("该收费类别不能按此方式计费", "This fee kind cannot be billed on that basis"))
        }
        var rateE4: Int64 = 0, amountFen: Int64 = 0
        if basis == .perArea {
            guard let raw = TextRules.trimmed(body["rate"]), let v = PropertyRate.e4(raw), v > 0 else {
                throw AppError.validation("rate", Text("单价应为每平方米每月元数，最多四位小数，如 1.85", "The rate must be yuan per m² per month with at most four decimals, e.g. 1.85"))
            }
            rateE4 = v
        } else {
            amountFen = try PropertyInput.money(body["rate"], field: "rate", label: Text("金额", "Amount"))
            // 1,000万元 a month: the area-share product (amount × area × 2) stays inside 64 bits.
            guard amountFen <= 1_000_000_000 else { throw AppError.validation("rate", Text("金额过大", "The amount is too large")) }
        }
        var uses: [PropertyUnitUse] = []
        for t in (TextRules.trimmed(body["appliesTo"]) ?? "").split(separator: ",") {
            uses.append(try PropertyInput.choice(String(t), field: "appliesTo", label: Text("适用房屋", "Applies to"), aliases: PropertyInput.useAliases) as PropertyUnitUse)
        }
        if uses.isEmpty { uses = PropertyUnitUse.allCases }
        let month = try PropertyInput.month(body["effectiveFrom"], field: "effectiveFrom")
        let at = Clock.millis(date)
        return try await store.write { [rateE4, amountFen, uses] db in
            _ = try await PropertyQueries.estate(db, id: estateId, viewer: actor, write: true)
            if let other = try await db.raw("SELECT kind FROM property_fee_rates WHERE estate_id = \(bind: estateId) AND fee = \(bind: fee)").first()?
                .decode(column: "kind", as: String.self), other != kind.rawValue {
                throw AppError(.conflict, "fee_kind_mismatch", Text("收费项目“\(fee)”已按另一类别登记", "The fee \(fee) is already kept under another kind"), details: ["field": "kind"])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_fee_rates (id, estate_id, fee, kind, basis, rate_e4, amount_fen, applies_to, effective_from, created_at, created_by)
                VALUES (\(bind: id), \(bind: estateId), \(bind: fee), \(bind: kind.rawValue), \(bind: basis.rawValue), \(bind: rateE4), \(bind: amountFen),
                    \(bind: uses.map(\.rawValue).joined(separator: ",")), \(bind: month.iso), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "fee_rate", entity: "property_estate", entityId: estateId,
                                        detail: ["fee": fee, "basis": basis.rawValue, "rate": basis == .perArea ? PropertyRate.text(rateE4) : Yuan.text(amountFen), "from": month.iso], at: at)
            return try await PropertyQueries.estateView(db, id: estateId, viewer: actor, now: PropertyNow.month(date))
        }
    }

    // MARK: notices (PRP-01)

    /// The month's 交费通知单 of an estate: one per unit some fee in effect applies to, numbered JF-YYYYMM-000001 (per
    /// month, in building and room order). A second run of the same month adds only the missing units.
    public func generate(estateId: String, _ body: PropertyBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyNoticeRun {
        try PropertyQueries.requireWorker(actor)
        let month = try PropertyInput.month(body["month"])
        let at = Clock.millis(date)
        let dialect = store.dialect
        return try await store.write { db in
            _ = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, features: features) // #14 item 6
            let rates = PropertyQueries.inEffect(try await PropertyQueries.feeRates(db, estateId: estateId, now: month), month: month)
            guard !rates.isEmpty else {
                throw AppError(.unprocessableContent, "no_fee_rates", Text("\(month.iso) 没有生效的收费标准，请先设置收费标准（PRP-03）",
                                                                         "No fee rates in effect in \(month.iso): set the fee table first (PRP-03)"), details: ["field": "month"])
            }
            let uses = Set(rates.flatMap(\.appliesTo)).map(\.rawValue).sorted()
            // One counter row per month: concurrent runs of the same month take their numbers one after the other.
            _ = try await Counters.next("property_notice:\(month.compact)", in: db)
            let prefix = "JF-\(month.compact)-"
            // #17.6 RET-04: once a notice of the month is archived the month's run is closed: it would bill the archived
            // units again, under numbers counted from the notices left (`NoticeArchiver`).
            if try await RetentionTombstones.anyArchived(kind: .propertyNotice, numberPrefix: prefix, dialect: dialect, in: db) {
                throw AppError(.conflict, "notice_month_archived",
                               Text("\(month.iso) 的交费通知单已有归档，该月不能再生成通知单", "Fee notices of \(month.iso) have been archived: that month can no longer be billed"),
                               details: ["field": "month"])
            }
            // The month's notices of every estate (all numbered JF-YYYYMM-…), counted by their month: a range of numbers
            // would miss them all in a PostgreSQL database of a language collation, which ignores the dashes at first.
            let base = try await db.raw("SELECT COUNT(*) AS n FROM property_notices WHERE month = \(bind: month.iso)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            let already = try await db.raw("""
                SELECT COUNT(*) AS n FROM property_notices WHERE estate_id = \(bind: estateId) AND month = \(bind: month.iso)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            // #14 item 8: ids and batch start with the month, so the month's notices and lines fill one region at the
            // end of their indexes (the month's own) instead of touching a page per unit across the earlier months.
            let batch = "\(month.compact)-\(Clock.newID())"
            try await db.raw("""
                INSERT INTO property_notices (id, number, estate_id, unit_id, org_path, month, batch_id, billed_fen, paid_fen, settled, created_at, created_by)
                SELECT 'pn-' || \(bind: month.compact) || '-' || s.unit_id, \(bind: prefix) || substr('000000' || CAST(s.seq AS TEXT), length(CAST(s.seq AS TEXT)) + 1),
                    \(bind: estateId), s.unit_id, s.org_path, \(bind: month.iso), \(bind: batch), 0, 0, 0, \(bind: at), \(bind: actor.userId)
                FROM (SELECT u.id AS unit_id, u.org_path, \(bind: Int64(base)) + ROW_NUMBER() OVER (ORDER BY u.building, u.room) AS seq
                      FROM property_units u
                      WHERE u.estate_id = \(bind: estateId) AND u.use_kind IN (\(SQLList(uses.map { SQLBind($0) })))
                        AND NOT EXISTS (SELECT 1 FROM property_notices x WHERE x.unit_id = u.id AND x.month = \(bind: month.iso))) s
                """).run()
            let made = try await db.raw("SELECT COUNT(*) AS n FROM property_notices WHERE batch_id = \(bind: batch)").first()?.decode(column: "n", as: Int.self) ?? 0
            if made > 0 {
                try await Self.addLines(db, estateId: estateId, batch: batch, rates: rates)
                try await Self.countBilled(db, estateId: estateId, month: month, batch: batch)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "notices", entity: "property_estate", entityId: estateId,
                                        detail: ["month": month.iso, "made": String(made)], at: at)
            return PropertyNoticeRun(estateId: estateId, month: month.iso, made: made, already: already, total: already + made)
        }
    }

    /// The lines of the batch's notices, one INSERT … SELECT per fee, with `PropertyFeeRules`' amounts (half-up to the fen).
    static func addLines(_ db: any SQLDatabase, estateId: String, batch: String, rates: [PropertyFeeRateView]) async throws {
        for (sort, r) in rates.enumerated() {
            let uses = SQLList(r.appliesTo.map { SQLBind($0.rawValue) })
            let amount: SQLQueryString
            switch r.basis {
            case .perArea:
                amount = "(u.area_centi * \(bind: r.rateE4) * 2 + 10000) / 20000"
            case .areaShare:
                let total = try await db.raw("""
                    SELECT CAST(COALESCE(SUM(area_centi), 0) AS BIGINT) AS a FROM property_units WHERE estate_id = \(bind: estateId) AND use_kind IN (\(uses))
                    """).first()?.decode(column: "a", as: Int64.self) ?? 0
                amount = total > 0 ? "(\(bind: r.amountFen) * u.area_centi * 2 + \(bind: total)) / \(bind: total * 2)" : "0"
            case .fixed:
                amount = "\(bind: r.amountFen)"
            }
            try await db.raw("""
                INSERT INTO property_notice_lines (notice_id, fee, kind, basis, rate_e4, base_fen, area_centi, amount_fen, paid_fen, sort)
                SELECT n.id, \(bind: r.fee), \(bind: r.kind.rawValue), \(bind: r.basis.rawValue), \(bind: r.rateE4), \(bind: r.amountFen), u.area_centi, \(amount), 0, \(bind: sort)
                FROM property_notices n JOIN property_units u ON u.id = n.unit_id
                WHERE n.batch_id = \(bind: batch) AND u.use_kind IN (\(uses))
                """).run()
        }
    }

    /// The batch's totals on its notices, and PRP-02's monthly figures per fee and for whole notices ("").
    static func countBilled(_ db: any SQLDatabase, estateId: String, month: BillingMonth, batch: String) async throws {
        try await db.raw("""
            UPDATE property_notices SET billed_fen = (SELECT COALESCE(SUM(l.amount_fen), 0) FROM property_notice_lines l WHERE l.notice_id = property_notices.id)
            WHERE batch_id = \(bind: batch)
            """).run()
        // #14 RET-03: a notice with nothing to pay is settled when it is made.
        try await db.raw("UPDATE property_notices SET settled = 1, settled_at = created_at WHERE batch_id = \(bind: batch) AND billed_fen <= 0").run()
        try await db.raw("""
            INSERT INTO property_collection (estate_id, fee, month, billed_fen, paid_fen, items, paid_items)
            SELECT \(bind: estateId), l.fee, \(bind: month.iso), SUM(l.amount_fen), 0, COUNT(*), SUM(CASE WHEN l.amount_fen = 0 THEN 1 ELSE 0 END)
            FROM property_notice_lines l JOIN property_notices n ON n.id = l.notice_id WHERE n.batch_id = \(bind: batch) GROUP BY l.fee
            ON CONFLICT (estate_id, fee, month) DO UPDATE SET billed_fen = property_collection.billed_fen + excluded.billed_fen,
                items = property_collection.items + excluded.items, paid_items = property_collection.paid_items + excluded.paid_items
            """).run()
        try await db.raw("""
            INSERT INTO property_collection (estate_id, fee, month, billed_fen, paid_fen, items, paid_items)
            SELECT \(bind: estateId), '', \(bind: month.iso), SUM(n.billed_fen), 0, COUNT(*), SUM(n.settled) FROM property_notices n
            WHERE n.batch_id = \(bind: batch) GROUP BY n.estate_id
            ON CONFLICT (estate_id, fee, month) DO UPDATE SET billed_fen = property_collection.billed_fen + excluded.billed_fen,
                items = property_collection.items + excluded.items, paid_items = property_collection.paid_items + excluded.paid_items
            """).run()
    }

    // MARK: payments and chasing (PRP-01)

    /// A payment against a notice (partial allowed; more than owed refused), put on its lines in order, in one transaction.
    public func pay(noticeId: String, _ body: PropertyBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyNoticeView {
        try PropertyQueries.requireWorker(actor)
        let amount = try PropertyInput.money(body["amount"], field: "amount", label: Text("金额", "Amount"))
        let method = try PropertyInput.choice(body["method"], field: "method", label: Text("交费方式", "Method"), aliases: PropertyInput.methodAliases) as PropertyPaymentMethod
        let receipt = try PropertyInput.text(body["receiptNo"], field: "receiptNo", label: Text("收据号", "Receipt no."), max: 40, required: false)
        let paidOn = try PropertyInput.day(body["paidOn"], field: "paidOn", label: Text("交费日期", "Paid on"), default: Times.day(date))!
        let note = try PropertyInput.text(body["note"], field: "note", label: Text("备注", "Note"), max: 200, required: false)
        let at = Clock.millis(date)
        let now = PropertyNow.month(date)
        return try await store.write { db in
            let n = try await Self.workable(db, noticeId: noticeId, actor: actor, now: now)
            let lines = try await db.raw("SELECT fee, amount_fen, paid_fen FROM property_notice_lines WHERE notice_id = \(bind: noticeId) ORDER BY sort, fee").all()
                .map { (fee: try $0.decode(column: "fee", as: String.self), amount: try $0.decode(column: "amount_fen", as: Int64.self), paid: try $0.decode(column: "paid_fen", as: Int64.self)) }
            guard let put = PropertyPaymentRules.allocate(amount, outstanding: lines.map { $0.amount - $0.paid }) else {
                let owing = Yuan.text(n.billedFen - n.paidFen)
                throw AppError(.unprocessableContent, "overpayment", Text("该通知单尚欠 \(owing) 元，交费金额不能超过欠费", "The notice owes \(owing) yuan: a payment cannot exceed it"),
                               details: ["field": "amount"])
            }
            let settles = n.paidFen + amount >= n.billedFen
            let settledAt: SQLQueryString = settles ? "\(bind: at)" : "NULL" // #14 RET-03: the retention clock starts at the settling payment
            guard try await db.raw("""
                UPDATE property_notices SET paid_fen = paid_fen + \(bind: amount), settled = \(bind: settles ? 1 : 0), settled_at = \(settledAt)
                WHERE id = \(bind: noticeId) AND paid_fen = \(bind: n.paidFen) AND settled = 0 RETURNING id
                """).first() != nil else {
                throw AppError.conflict("notice_changed", Text("该通知单刚刚已有交费，请刷新后再试", "A payment was recorded on this notice a moment ago: reload and retry"))
            }
            for (line, v) in zip(lines, put) where v > 0 {
                try await db.raw("UPDATE property_notice_lines SET paid_fen = paid_fen + \(bind: v) WHERE notice_id = \(bind: noticeId) AND fee = \(bind: line.fee)").run()
                let full: Int64 = line.paid + v >= line.amount ? 1 : 0
                try await Self.countPaid(db, estateId: n.estateId, fee: line.fee, month: n.month, amount: v, items: full)
            }
            try await Self.countPaid(db, estateId: n.estateId, fee: "", month: n.month, amount: amount, items: settles ? 1 : 0)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_payments (id, notice_id, amount_fen, method, receipt_no, paid_on, note, recorded_at, recorded_by)
                VALUES (\(bind: id), \(bind: noticeId), \(bind: amount), \(bind: method.rawValue), \(bind: receipt), \(bind: paidOn.iso), \(bind: note), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "payment", entity: "property_notice", entityId: noticeId,
                                        detail: ["number": n.number, "amount": Yuan.text(amount), "method": method.rawValue], at: at)
            return try await PropertyQueries.notice(db, id: noticeId, viewer: actor, now: now)
        }
    }

    static func countPaid(_ db: any SQLDatabase, estateId: String, fee: String, month: String, amount: Int64, items: Int64) async throws {
        try await db.raw("""
            UPDATE property_collection SET paid_fen = paid_fen + \(bind: amount), paid_items = paid_items + \(bind: items)
            WHERE estate_id = \(bind: estateId) AND fee = \(bind: fee) AND month = \(bind: month)
            """).run()
    }

    /// An unsettled notice the actor may work (404, 403, or 409 when already paid in full).
    static func workable(_ db: any SQLDatabase, noticeId: String, actor: Principal, now: BillingMonth) async throws -> PropertyNoticeView {
        let n = try await PropertyQueries.notice(db, id: noticeId, viewer: actor, now: now)
        guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: n.orgPath) else {
            throw AppError.forbidden(Text("您只能办理本单位及下级单位的交费通知单", "You work the fee notices of your unit and below only"))
        }
        guard !n.settled else { throw AppError.conflict("notice_settled", Text("该通知单已交清", "This notice is paid in full")) }
        return n
    }

    /// PRP-01 催缴: when, how, the result, by whom (the actor).
    public func chase(noticeId: String, _ body: PropertyBody, by actor: Principal, now date: Date = Date()) async throws -> PropertyNoticeView {
        try PropertyQueries.requireWorker(actor)
        let method = try PropertyInput.choice(body["method"], field: "method", label: Text("催缴方式", "How"), aliases: PropertyInput.chaseAliases) as PropertyChaseMethod
        let result = try PropertyInput.text(body["result"], field: "result", label: Text("催缴结果", "Result"), max: 500, required: true)!
        let on = try PropertyInput.day(body["chasedOn"], field: "chasedOn", label: Text("催缴日期", "Chased on"), default: Times.day(date))!
        let at = Clock.millis(date)
        let now = PropertyNow.month(date)
        return try await store.write { db in
            let n = try await Self.workable(db, noticeId: noticeId, actor: actor, now: now)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_chases (id, notice_id, chased_on, method, result, chased_at, chased_by)
                VALUES (\(bind: id), \(bind: noticeId), \(bind: on.iso), \(bind: method.rawValue), \(bind: result), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "chase", entity: "property_notice", entityId: noticeId,
                                        detail: ["number": n.number, "method": method.rawValue], at: at)
            return try await PropertyQueries.notice(db, id: noticeId, viewer: actor, now: now)
        }
    }

    // MARK: reads

    public func estates(viewer: Principal) async throws -> [PropertyEstateView] {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await PropertyQueries.estates(db, viewer: viewer) }
    }

    public func estate(id: String, viewer: Principal, now: Date = Date()) async throws -> PropertyEstateView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await PropertyQueries.estateView(db, id: id, viewer: viewer, now: PropertyNow.month(now)) }
    }

    public func units(estateId: String, _ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<PropertyUnitView> {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await PropertyQueries.units(db, estateId: estateId, q: TextRules.trimmed(query["q"]), paging: paging, viewer: viewer) }
    }

    public func notices(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<PropertyNoticeView> {
        try PropertyQueries.requireReader(viewer)
        let f = try PropertyQueries.NoticeFilter.parse(query)
        return try await store.read { db in try await PropertyQueries.notices(db, f, paging: paging, viewer: viewer, now: PropertyNow.month(now)) }
    }

    public func notice(id: String, viewer: Principal, now: Date = Date()) async throws -> PropertyNoticeView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await PropertyQueries.notice(db, id: id, viewer: viewer, now: PropertyNow.month(now)) }
    }

    /// PRP-02 the collection rate of an estate per fee and period (`period` month/quarter/year; `from`/`to` months,
    /// default the last 12 months).
    public func collection(estateId: String, _ query: [String: String], viewer: Principal, now: Date = Date()) async throws -> PropertyCollectionReport {
        try PropertyQueries.requireReader(viewer)
        let period = try PropertyInput.choice(query["period"], field: "period", label: Text("统计周期", "Period"), default: CollectionPeriod.month)
        let to = try TextRules.trimmed(query["to"]).map { try PropertyInput.month($0, field: "to") } ?? PropertyNow.month(now)
        let from = try TextRules.trimmed(query["from"]).map { try PropertyInput.month($0, field: "from") } ?? to.adding(months: -11)
        guard from <= to else { throw AppError.validation("from", Text("起始月份不能晚于结束月份", "The first month cannot be after the last")) }
        return try await store.read { db in try await PropertyQueries.collection(db, estateId: estateId, period: period, from: from, to: to, viewer: viewer) }
    }
}

/// The estate page's model: the estate with its fee table and a page of its units, in one read.
public struct PropertyEstatePageModel: Sendable {
    public let estate: PropertyEstateView
    public let units: ListPage<PropertyUnitView>
    public let mayWork: Bool
}

extension PropertyService {
    public func estatePage(id: String, q: String?, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> PropertyEstatePageModel {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in
            let estate = try await PropertyQueries.estateView(db, id: id, viewer: viewer, now: PropertyNow.month(now))
            let units = try await PropertyQueries.units(db, estateId: id, q: q, paging: paging, viewer: viewer)
            return PropertyEstatePageModel(estate: estate, units: units,
                                           mayWork: PropertyRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, estatePath: estate.orgPath))
        }
    }
}
