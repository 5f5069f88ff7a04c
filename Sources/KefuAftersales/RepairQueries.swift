import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.8: the reads of repair orders (one order, lists, the monthly report); the service keeps the steps.
extension RepairService {
    static func view(_ row: any SQLRow, units: [RepairOrderView.Unit], qc: [RepairOrderView.QC]) throws -> RepairOrderView {
        let damaged = try row.flag("main_component_damaged"), warranty = try row.flag("in_warranty")
        let fee = try row.millis("fee_fen")
        let decided = try row.flag("decision_approved")
        let dispatchNumber = try row.str("dispatch_number")
        return RepairOrderView(
            id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self), ticketId: try row.str("ticket_id"),
            customer: .init(id: try row.str("customer_id"), name: try row.decode(column: "customer_name", as: String.self), phone: try row.str("customer_phone")),
            model: try row.decode(column: "model", as: String.self), quantity: try row.decode(column: "quantity", as: Int.self), shippedAt: try row.str("shipped_at"),
            status: try row.decode(column: "status", as: String.self), units: units,
            diagnosis: damaged.flatMap { d in warranty.map { RepairOrderView.Diagnosis(mainComponentDamaged: d, inWarranty: $0, note: try? row.str("diagnosis_note")) } },
            fee: fee.map { .init(amount: Yuan.text($0), currency: "CNY") }, feedbackNumber: try row.str("feedback_number"),
            customerDecision: try decided.map { .init(approved: $0, signedBy: try row.str("decision_signed_by"), at: Instant(millis: try row.millis("decision_at") ?? 0)) },
            chargeSlipNumber: try row.str("charge_slip_number"), qc: qc,
            dispatch: try dispatchNumber.map { .init(number: $0, method: try row.str("ship_method") ?? "", trackingNumber: try row.str("tracking_number"),
                                                     at: Instant(millis: try row.millis("dispatched_at") ?? 0)) },
            receivedAt: Instant(millis: try row.decode(column: "received_at", as: Int64.self)), closedAt: Instant(millis: try row.millis("closed_at")), history: nil)
    }

    /// The answer for a repair order that is not (or no longer, #17.6: archived) in the database (`AftersalesRecords.missing`).
    static func missing(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AppError {
        try await AftersalesRecords.missing(db, .repairOrder, id: id, viewer: viewer, Text("返修单", "Repair order"))
    }

    public func get(id: String, viewer: Principal) async throws -> RepairOrderView {
        try AftersalesAccess.require(viewer, .view)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT * FROM repair_orders WHERE id = \(bind: id)").first() else {
                throw try await Self.missing(db, id: id, viewer: viewer)
            }
            try AftersalesRecords.requireInScope(viewer, recordPath: try row.decode(column: "org_path", as: String.self), Text("返修单", "Repair order"))
            let units = try await db.raw("SELECT * FROM repair_units WHERE repair_order_id = \(bind: id) ORDER BY line_no").all().map {
                RepairOrderView.Unit(line: try $0.decode(column: "line_no", as: Int.self), serialNumber: try $0.str("serial_number"), defect: try $0.decode(column: "defect", as: String.self))
            }
            let qc = try await db.raw("SELECT * FROM repair_qc WHERE repair_order_id = \(bind: id) ORDER BY at, id").all().map {
                RepairOrderView.QC(passed: try $0.decode(column: "passed", as: Int.self) != 0, note: try $0.str("note"),
                                   inspectorId: try $0.decode(column: "inspector_id", as: String.self), at: Instant(millis: try $0.decode(column: "at", as: Int64.self)))
            }
            var view = try Self.view(row, units: units, qc: qc)
            view.history = try await AuditTrail.entries(db, entity: "repair_order", entityId: id)
            view.surveyInvitations = try await db.raw("SELECT COUNT(*) AS n FROM survey_invitations WHERE repair_order_id = \(bind: id)").first()?
                .decode(column: "n", as: Int.self)
            return view
        }
    }

    public func list(status raw: String?, paging: Paging, viewer: Principal) async throws -> ListPage<RepairOrderView> {
        try AftersalesAccess.require(viewer, .view)
        return try await StatusLists.page(store, table: "repair_orders", newestFirst: "received_at", status: raw, RepairStatus.self, paging: paging,
                                           scope: AftersalesRecords.condition(viewer, path: "org_path")) {
            try Self.view($0, units: [], qc: [])
        }
    }

    public struct MonthlyReport: Codable, Sendable {
        public struct ModelCount: Codable, Sendable { let model: String; let received: Int; let shipped: Int }
        let month: String
        let received: Int
        let units: Int
        let repaired: Int
        let shipped: Int
        let returnedUnrepaired: Int
        let feesFen: Int64
        let fees: String
        let byModel: [ModelCount]
    }

    /// RPT-03 (篇8 §3.1.3): the month's repair count.
    public func monthlyReport(month raw: String?, viewer: Principal, now: Date = Date()) async throws -> MonthlyReport {
        try AftersalesAccess.require(viewer, .view)
        let first: LocalDate
        if let m = TextRules.trimmed(raw) {
            guard m.count == 7, let d = LocalDate(m + "-01") else { throw AppError.validation("month", Text("月份格式为 2026-10", "month must be YYYY-MM")) }
            first = d
        } else {
            let t = Today.date(now)
            first = LocalDate(year: t.year, month: t.month, day: 1)!
        }
        let from = Periods.millis(first), to = Periods.millis(first.adding(months: 1))
        let scope = AftersalesRecords.condition(viewer, path: "org_path")
        return try await store.read { db in
            let orders = try await db.raw("""
                SELECT model, quantity, received_at, dispatched_at, qc_passed_at, decision_approved, charge_slip_number, fee_fen, decision_at
                FROM repair_orders WHERE \(scope) AND ((received_at >= \(bind: from) AND received_at < \(bind: to)) OR (dispatched_at >= \(bind: from) AND dispatched_at < \(bind: to))
                   OR (qc_passed_at >= \(bind: from) AND qc_passed_at < \(bind: to)) OR (decision_at >= \(bind: from) AND decision_at < \(bind: to)))
                """).all()
            func inMonth(_ v: Int64?) -> Bool { v.map { $0 >= from && $0 < to } ?? false }
            var received = 0, units = 0, repaired = 0, shipped = 0, unrepaired = 0
            var fees: Int64 = 0
            var byModel: [String: (Int, Int)] = [:]
            for o in orders {
                let model = try o.decode(column: "model", as: String.self)
                let q = try o.decode(column: "quantity", as: Int.self)
                if inMonth(try o.millis("received_at")) { received += 1; units += q; byModel[model, default: (0, 0)].0 += q }
                if inMonth(try o.millis("qc_passed_at")) { repaired += q }
                if inMonth(try o.millis("dispatched_at")) {
                    shipped += q
                    byModel[model, default: (0, 0)].1 += q
                    if try o.flag("decision_approved") == false { unrepaired += q }
                }
                if try o.str("charge_slip_number") != nil, inMonth(try o.millis("decision_at")) { fees += try o.millis("fee_fen") ?? 0 }
            }
            return MonthlyReport(month: first.monthKey, received: received, units: units, repaired: repaired, shipped: shipped, returnedUnrepaired: unrepaired,
                                 feesFen: fees, fees: Yuan.text(fees),
                                 byModel: byModel.keys.sorted().map { MonthlyReport.ModelCount(model: $0, received: byModel[$0]!.0, shipped: byModel[$0]!.1) })
        }
    }
}
