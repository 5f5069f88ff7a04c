import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Freight (FRT-01..06, #13.4): HQ's reference price list and one record per shipment whose approval the rule in
/// `KefuDomain` (`FreightApprovalRule`) decides; the business department approves or rejects. Each step: permission,
/// validation, one transaction, an audit-trail entry, the next actor told.
public struct FreightService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.notifier = notifier
    }

    static let entity = "freight"
    static let priceEntity = "freight_price"

    /// "YF-2026-000001" (运费), per year of registration, gapless: the counter moves in the record's own transaction.
    static func nextNumber(_ db: any SQLDatabase, now: Date) async throws -> String {
        let year = String(MaterialValidation.today(now).prefix(4))
        let digits = String(try await Counters.next("freight:\(year)", in: db))
        return "YF-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: validation

    static func day(_ typed: String?, field: String, now: Date) throws -> String {
        do { return try MaterialValidation.date(typed, now: now) } catch {
            throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
        }
    }

    static func money(_ typed: TypedAmount?, field: String, label: Text) throws -> Int64 {
        guard let text = TextRules.trimmed(typed?.text) else {
            throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required"))
        }
        guard let fen = Yuan.fen(text), fen > 0 else {
            throw AppError.validation(field, Text(label.zh + "应为大于 0 的金额（元，最多两位小数），例如 350.00",
                                                  label.en + " must be an amount above 0 in yuan with at most two decimals, e.g. 350.00"))
        }
        return fen
    }

    static func text(_ raw: String?, field: String, label: Text, max: Int, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        if let t, t.count > max {
            throw AppError.validation(field, Text(label.zh + "最长 \(max) 字", label.en + " is at most \(max) characters"))
        }
        return t
    }

    // MARK: reference prices (FRT-01)

    static func requireKeeper(_ actor: Principal) throws {
        guard FreightRules.mayKeepPrices(actor.roles, userPath: actor.orgPath) else {
            throw AppError.forbidden(Text("只有业务管理部（物资管理室、计划室）可以维护运费参考价格（FRT-01）",
                                          "Only HQ (materials or planning office) keeps the reference freight prices (FRT-01)"))
        }
    }

    /// A new entry; a later `effectiveFrom` for the same route and vehicle type supersedes the earlier one from that
    /// day (the earlier stays as history). The same route, vehicle type and day twice is refused: prices are never edited.
    public func addPrice(_ input: FreightPriceInput, by actor: Principal, now: Date = Date()) async throws -> FreightPriceView {
        try Self.requireKeeper(actor)
        let route = try Self.text(input.route, field: "route", label: Text("线路", "Route"), max: 200, required: true)!
        let vehicle = try Self.text(input.vehicleType, field: "vehicleType", label: Text("车型", "Vehicle type"), max: 100, required: true)!
        let fen = try Self.money(input.price, field: "price", label: Text("参考价格", "Price"))
        guard TextRules.trimmed(input.effectiveFrom) != nil else {
            throw AppError.validation("effectiveFrom", Text("请填写生效日期", "Effective from is required"))
        }
        let from = try Self.day(input.effectiveFrom, field: "effectiveFrom", now: now)
        let today = MaterialValidation.today(now)
        return try await store.write { db in
            let taken = try await db.raw("""
                SELECT id FROM freight_prices WHERE route = \(bind: route) AND vehicle_type = \(bind: vehicle) AND effective_from = \(bind: from)
                """).first()
            if taken != nil {
                throw AppError(.conflict, "price_exists", Text("该线路和车型在 {0} 已有参考价格；价格不修改，请从另一日期起新增", "A price for this route and vehicle type already takes effect on {0}; prices are not edited, add one from another day").with(from),
                               details: ["field": "effectiveFrom"])
            }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO freight_prices (id, route, vehicle_type, price_fen, effective_from, created_by, created_at)
                VALUES (\(bind: id), \(bind: route), \(bind: vehicle), \(bind: fen), \(bind: from), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.priceEntity, entityId: id,
                                        detail: ["route": route, "vehicleType": vehicle, "price": Yuan.text(fen), "effectiveFrom": from], at: at)
            return try await FreightQueries.price(db, id: id, today: today)!
        }
    }

    // MARK: records

    /// The nearest business department on the site's path (the site's own unit when it is one, or when none is above it).
    static func department(_ db: any SQLDatabase, path: String, unitId: String) async throws -> (id: String, path: String) {
        let ids = OrgPath.ids(path)
        guard let dept = try await OrgQueries.firstUnit(db, ofKind: OrgUnitKind.business.rawValue, among: ids) else { return (unitId, path) }
        let index = ids.firstIndex(of: dept) ?? (ids.count - 1)
        return (dept, "/" + ids.prefix(index + 1).map { $0 + "/" }.joined())
    }

    /// FRT-03..06: one shipment's freight, with the approval the rule gives and the state it starts in.
    public func record(_ input: FreightInput, by actor: Principal, now: Date = Date()) async throws -> FreightView {
        try MaterialAccess.requireViewer(actor)
        let mode: FreightMode = try MaterialValidation.choice(input.mode, "mode")
        let shipment = try Self.text(input.shipmentRef, field: "shipmentRef", label: Text("发货单号", "Shipment reference"), max: 100, required: true)!
        let fen = try Self.money(input.cost, field: "cost", label: Text("运费", "Cost"))
        let shippedOn = try Self.day(input.shippedOn, field: "shippedOn", now: now)
        let note = try Self.text(input.note, field: "note", label: Text("说明", "Note"), max: 500, required: false) ?? ""
        let routeId = TextRules.trimmed(input.routeId)
        if mode == .rentedVehicle, routeId == nil {
            throw AppError.validation("routeId", Text("租车运输请选择线路和车型（参考价格表）", "A rented vehicle needs its route and vehicle type (reference price list)"))
        }
        let unitId = TextRules.trimmed(input.orgUnitId) ?? actor.orgUnitId
        let notifier = self.notifier
        return try await store.write { db in
            guard let sitePath = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            guard FreightRules.mayRecord(roles: actor.roles, userPath: actor.orgPath, sitePath: sitePath) else {
                throw AppError.forbidden(Text("只有本现场（或其业务部账务员）可以登记本现场的运费", "Only the site itself (or its department's accountant) records the site's freight"))
            }
            var price: FreightPriceView?
            if let routeId {
                guard let named = try await FreightQueries.price(db, id: routeId, today: shippedOn) else {
                    throw AppError.validation("routeId", Text("参考价格表中没有这条线路", "No such route in the reference price list"))
                }
                price = try await FreightQueries.priceInForce(db, route: named.route, vehicleType: named.vehicleType, on: shippedOn) ?? (mode == .rentedVehicle ? nil : named)
                if mode == .rentedVehicle, price == nil {
                    throw AppError(.unprocessableContent, FreightRuleRefusal.noReferencePrice.rawValue,
                                   Text("{0} 当日“{1} · {2}”没有生效的参考价格，无法判断是否需要申请（FRT-03）；请业务管理部先维护价格",
                                        "No reference price for {1} · {2} is in force on {0}, so the rule cannot decide (FRT-03); HQ must price it first")
                                    .with(shippedOn, named.route, named.vehicleType),
                                   details: ["field": "routeId"])
                }
            }
            let reference = mode == .rentedVehicle ? price?.priceFen : nil
            let approval: FreightApproval
            switch FreightApprovalRule.approval(mode: mode, costFen: fen, referenceFen: reference) {
            case .success(let a): approval = a
            case .failure(let refusal):
                throw AppError(.unprocessableContent, refusal.rawValue, Text("没有生效的参考价格（FRT-03）", "No reference price in force (FRT-03)"), details: ["field": "routeId"])
            }
            let dept = try await Self.department(db, path: sitePath, unitId: unitId)
            let id = Clock.newID(), at = Clock.millis(now)
            let number = try await Self.nextNumber(db, now: now)
            let status = FreightApprovalRule.initialStatus(approval)
            try await db.raw("""
                INSERT INTO freight_records (id, number, shipment_ref, mode, price_id, route, vehicle_type, reference_fen, cost_fen, org_unit_id, org_path,
                    dept_id, dept_path, shipped_on, note, approval_needed, status, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: shipment), \(bind: mode.rawValue), \(bind: price?.id), \(bind: price?.route), \(bind: price?.vehicleType),
                    \(bind: reference), \(bind: fen), \(bind: unitId), \(bind: sitePath), \(bind: dept.id), \(bind: dept.path), \(bind: shippedOn), \(bind: note),
                    \(bind: approval.rawValue), \(bind: status.rawValue), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id,
                                        detail: ["number": number, "mode": mode.rawValue, "cost": Yuan.text(fen), "approvalNeeded": approval.rawValue], at: at)
            let view = try await FreightQueries.view(db, id: id, viewer: actor)
            if status == .awaitingApproval { try await Self.tell(db, notifier, view, actor: actor, at: at) }
            return view
        }
    }

    /// FRT-04..06: the business department's decision, with a comment (required for a rejection), recorded who and when.
    public func decide(_ decision: FreightDecision, id: String, _ input: FreightDecisionInput, by actor: Principal, now: Date = Date()) async throws -> FreightView {
        let comment = try Self.text(input.comment, field: "comment", label: Text("意见", "Comment"), max: 500, required: decision == .reject)
        let notifier = self.notifier
        return try await store.write { db in
            let r = try await FreightQueries.view(db, id: id, viewer: actor)
            guard FreightApprovalRule.mayDecide(r.approvalNeeded, roles: actor.roles, userPath: actor.orgPath, departmentPath: r.deptPath) else {
                let who = FreightLabels.approverText(r.approvalNeeded)
                throw AppError.forbidden(Text("您不能审批这笔运费：" + who.zh, "You cannot decide on this freight: " + who.en))
            }
            guard let next = FreightApprovalRule.next(r.status, decision) else {
                throw AppError.conflict("invalid_state", Text("这笔运费不在待审批状态", "This freight is not awaiting approval"))
            }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE freight_records SET status = \(bind: next.rawValue), decided_by = \(bind: actor.userId), decided_at = \(bind: at),
                    decision_comment = \(bind: comment), updated_at = \(bind: at) WHERE id = \(bind: id) AND status = \(bind: r.status.rawValue)
                """).run()
            var detail = ["status": next.rawValue]
            if let comment { detail["comment"] = comment }
            try await AuditTrail.record(db, actorId: actor.userId, action: decision.rawValue, entity: Self.entity, entityId: id, detail: detail, at: at)
            _ = try await notifier.handOff(db, HandOff(
                kind: "freight_\(next.rawValue)", recipients: .init(userIds: [r.createdBy]),
                title: Text("运费 \(r.number)：" + FreightLabels.status(next).zh, "Freight \(r.number): " + FreightLabels.status(next).en),
                body: Text("发货单号 " + r.shipmentRef, "Shipment " + r.shipmentRef),
                link: "/materials/freight/\(id)", actorId: actor.userId), at: at)
            return try await FreightQueries.view(db, id: id, viewer: actor)
        }
    }

    /// The approvers of the record's department are told that it awaits them.
    static func tell(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, _ r: FreightView, actor: Principal, at: Int64) async throws {
        let approval = r.approvalNeeded, deptPath = r.deptPath
        _ = try await notifier.handOff(db, HandOff(
            kind: "freight_awaiting_approval",
            recipients: .init(eligible: { roles, userPath in FreightApprovalRule.mayDecide(approval, roles: roles, userPath: userPath, departmentPath: deptPath) }),
            title: Text("运费待审批：{0}", "Freight awaiting approval: {0}").with(r.number),
            body: Text(r.unitName + " · " + r.cost + " 元", r.unitName + " · CNY " + r.cost),
            link: "/materials/freight/\(r.id)", actorId: actor.userId), at: at)
    }

    // MARK: reads

    public func get(id: String, viewer: Principal) async throws -> FreightView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await FreightQueries.view(db, id: id, viewer: viewer) }
    }

    public func list(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<FreightView> {
        try MaterialAccess.requireViewer(viewer)
        let filter = try FreightQueries.Filter.parse(query)
        return try await store.read { db in try await FreightQueries.list(db, filter, paging: paging, viewer: viewer) }
    }

    public func prices(route: String?, viewer: Principal, now: Date = Date()) async throws -> [FreightPriceView] {
        try MaterialAccess.requireViewer(viewer)
        let today = MaterialValidation.today(now)
        return try await store.read { db in try await FreightQueries.prices(db, route: route, today: today) }
    }
}
