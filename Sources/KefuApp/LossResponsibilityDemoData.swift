import KefuDomain
import KefuMaterials
import KefuPlatform
import SQLKit

/// Material-loss responsibility in `kefu demo` (#15.5 KPI-06): at 张北风电场, 华北业务部's accountant 何会计 records three
/// losses (刘站长, the site chief, responsible by default): big-for-small bolts with a penalty approved by 业务管理部, spoiled
/// gear oil whose proposal was rejected, and a lost bearing still awaiting the proposal. Through the service, once:
/// when any record exists, nothing is added.
enum LossResponsibilityDemoData {
    static func load(store: any Store) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM loss_responsibilities LIMIT 1").first() != nil }
        if any { return [] }
        let site = try await AdminTasks.unitId(store, code: "SITE-ZB")
        let service = LossResponsibilityService(store: store)
        let accountant = try await MaterialsDemoData.principal(store, "hekj")
        let hq = try await MaterialsDemoData.principal(store, "fengwz")
        func line(_ code: String, _ qty: String, _ value: String) -> LossResponsibilityInput.Line {
            .init(itemId: code, quantity: TypedAmount(qty), value: TypedAmount(value))
        }
        var created: [String] = []
        let bolts = try await service.register(.init(orgUnitId: site, cause: LossCause.bigForSmall.rawValue,
                                                     description: "演示：3号风机塔筒法兰用 M20 高强度螺栓代替 M16 螺栓，多耗 24 个",
                                                     lines: [line("BOLT-M20", "24", "432.00")]), by: accountant)
        _ = try await service.propose(id: bolts.id, .init(amount: TypedAmount("200.00"), text: "扣现场负责人当月绩效 200 元并通报"), by: accountant)
        _ = try await service.approve(id: bolts.id, .init(reason: "同意业务部意见"), by: hq)
        created.append("loss record \(bolts.number)")
        let oil = try await service.register(.init(orgUnitId: site, cause: LossCause.spoilage.rawValue,
                                                   description: "演示：齿轮油露天存放进水变质 2 桶", lines: [line("OIL-GBX-320", "2", "1,560.00")]), by: accountant)
        _ = try await service.propose(id: oil.id, .init(amount: TypedAmount("1560.00"), text: "按损失全额赔偿"), by: accountant)
        _ = try await service.reject(id: oil.id, .init(reason: "库房漏雨属设施问题，请核实后按比例重新提出"), by: hq)
        created.append("loss record \(oil.number)")
        let bearing = try await service.register(.init(orgUnitId: site, cause: LossCause.lost.rawValue,
                                                       description: "演示：齿轮箱轴承转运途中丢失 1 套", lines: [line("GBX-BRG-01", "1", "18,600.00")]), by: accountant)
        created.append("loss record \(bearing.number)")
        return created
    }
}
