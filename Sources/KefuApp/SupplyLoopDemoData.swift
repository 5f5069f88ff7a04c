import Foundation
import KefuDomain
import KefuMaterials
import KefuPlatform
import SQLKit

/// The supply loops in `kefu demo` (#13 loose ends): so that a new user finds every supply-loop page with content —
/// 张北风电场 checks a supplier's delivery of torque wrenches in and books it (ARR, the drafted receipt audited by the
/// department's accountant), a second delivery waits in its check with a short line; the site lends the wrenches
/// (one loan out, one overdue, one returned and signed off by the site lead, LND-01/02); two broken parts removed from
/// turbines are registered (DMG-02) and one goes into a return batch (DMG-03). Everything through the services, dated
/// relative to today; once: when any tool loan exists, nothing is added.
enum SupplyLoopDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM tool_loans LIMIT 1").first() != nil }
        if any { return [] }
        let materials = MaterialsAPI(store: store)
        let keeper = try await MaterialsDemoData.principal(store, "zhaoliu")
        let lead = try await MaterialsDemoData.principal(store, "liuzd")
        let accountant = try await MaterialsDemoData.principal(store, "hekj")
        func id(_ table: String, _ code: String) async throws -> String {
            guard let v = try await MaterialsDemoData.id(store, table, code) else { throw AppError.internalError("demo \(table) \(code)") }
            return v
        }
        func day(_ offset: Int) -> String { Times.day(now).adding(days: offset).iso }
        func qty(_ n: Int64) -> Quantity { Quantity(milli: n * Quantity.scale) }
        var created: [String] = []
        let site = try await id("warehouses", "WH-ZB-G"), damagedStore = try await id("warehouses", "WH-ZB-D")
        let wrench = try await id("items", "TOOL-TQ-01"), bearing = try await id("items", "GBX-BRG-01"), motor = try await id("items", "PITCH-MOT")
        let filter = try await id("items", "FLT-OIL-01"), supplier = try await id("suppliers", "SUP-HR")

        // ARR-01..03: three wrenches from the supplier, checked and booked; the receipt the check drafted is audited.
        let booked = try await materials.arrivals.create(.init(warehouseId: site, supplierId: supplier, arrivedAt: day(-6), deliveryNoteRef: "SH-HR-2026-118",
                                                               packingListRef: "ZX-118", lines: [.init(itemId: wrench, expectedQuantity: qty(3), countedQuantity: qty(3))]),
                                                         by: keeper, now: now)
        let completed = try await materials.arrivals.complete(id: booked.id, by: keeper, now: now)
        if let receipt = completed.receiptDocumentId { _ = try await StockDocumentService(store: store).audit(id: receipt, by: accountant) }
        created.append("arrival \(booked.number)")
        // ARR-04: a second delivery in its check, one filter short.
        let checking = try await materials.arrivals.create(.init(warehouseId: site, supplierId: supplier, arrivedAt: day(-1), deliveryNoteRef: "SH-HR-2026-131",
                                                                 packingListRef: "ZX-131", lines: [.init(itemId: filter, expectedQuantity: qty(12), countedQuantity: qty(11),
                                                                                                         note: "演示：少一个滤芯")]),
                                                           by: keeper, now: now)
        created.append("arrival \(checking.number)")

        // LND-01/02: one wrench out, one overdue, one back and signed off by the site lead.
        let loans = materials.toolLoans
        let out = try await loans.create(.init(warehouseId: site, itemId: wrench, quantity: qty(1), borrower: "王师傅", workGroup: "检修一组",
                                               purpose: "演示：5号风机叶根螺栓力矩检查", lentOn: day(-2), dueOn: day(5)), by: keeper, now: now)
        let overdue = try await loans.create(.init(warehouseId: site, itemId: wrench, quantity: qty(1), borrower: "李工", workGroup: "检修二组",
                                                   purpose: "演示：8号风机塔筒法兰螺栓紧固", lentOn: day(-12), dueOn: day(-4)), by: keeper, now: now)
        let back = try await loans.create(.init(warehouseId: site, itemId: wrench, quantity: qty(1), borrower: "张师傅", workGroup: "检修一组",
                                                purpose: "演示：2号风机定检", lentOn: day(-9), dueOn: day(-7)), by: keeper, now: now)
        _ = try await loans.returnLoan(id: back.id, .init(returnedOn: day(-7), condition: "good", note: nil), by: lead, now: now)
        created += ["tool loan \(out.number)", "tool loan \(overdue.number)", "tool loan \(back.number)"]

        // DMG-02/03: two parts removed from turbines; the bearing goes into a return batch.
        var part = DamagedPartInput()
        part.warehouseId = damagedStore; part.itemId = bearing; part.quantity = qty(1); part.turbineNumber = "ZB-03"; part.replacedBy = "王师傅"
        part.replacedOn = day(-8); part.newSerial = "SKF-23148-7781"; part.oldSerial = "SKF-23148-2210"; part.cause = "演示：齿轮箱轴承点蚀，异响"
        part.packedVolume = Quantity(milli: 400)
        let removed = try await materials.damaged.register(part, by: keeper, now: now)
        part.itemId = motor; part.turbineNumber = "ZB-11"; part.replacedOn = day(-3); part.newSerial = "SL1500-0931"; part.oldSerial = "SL1500-0417"
        part.cause = "演示：变桨电机绕组烧毁"; part.packedVolume = Quantity(milli: 600)
        let motorPart = try await materials.damaged.register(part, by: keeper, now: now)
        let batch = try await materials.damaged.createReturn(.init(partIds: [removed.id], note: "演示：本期返回生产管理部"), by: keeper, now: now)
        created += ["damaged part \(removed.number)", "damaged part \(motorPart.number)", "return batch \(batch.number)"]
        return created
    }
}
