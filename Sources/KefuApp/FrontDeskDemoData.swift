import Foundation
import KefuFrontDesk
import KefuPlatform
import SQLKit

/// The front desk in `kefu demo` (#14.4, FRD-02..07): 徐晴 at 商场服务台 holds a lost wallet, keeps a stored bag, has
/// received 50 shopping bags as gifts and handed out two, logged an invoice and a broadcast. Through the service, once:
/// when the desk has any record, nothing is added.
enum FrontDeskDemoData {
    static func load(store: any Store) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM front_desk_records LIMIT 1").first() != nil }
        if any { return [] }
        let desk = FrontDeskService(store: store)
        let clerk = try await MaterialsDemoData.principal(store, "xuqing")
        let today = Times.day(Date()).iso
        func record(_ register: String, _ values: [String: String]) async throws -> String {
            var v = values
            v["register"] = register
            return try await desk.record(FrontDeskBody(v), by: clerk).number
        }
        var created: [String] = []
        created.append(try await record("lost_property", ["summary": "黑色男士钱包（演示）", "personName": "保洁 周阿姨", "personPhone": "13800002222",
                                                          "foundOn": today, "foundAt": "一楼中庭休息区", "storagePlace": "服务台保险柜",
                                                          "noticeDepartment": "保安部", "description": "内有少量现金和一张会员卡"]))
        created.append(try await record("bag_storage", ["summary": "购物袋两个（演示）", "personName": "王女士", "personPhone": "13900003333",
                                                        "ref": "A07", "pieces": "2", "description": "一个纸袋、一个无纺布袋"]))
        _ = try await desk.receiveGifts(FrontDeskBody(["gift": "环保购物袋", "quantity": "50", "note": "市场部十二月促销配送"]), by: clerk)
        created.append(try await record("gift_handout", ["summary": "环保购物袋", "personName": "李先生", "personPhone": "13700004444",
                                                         "quantity": "2", "ref": "XP20261201-0088"]))
        created.append(try await record("invoice", ["summary": "某某科技有限公司", "personName": "赵会计", "personPhone": "13600005555",
                                                    "ref": "FP-0001234", "amount": "3,580.00", "taxId": "91110105MA01ABCD2X"]))
        created.append(try await record("broadcast", ["summary": "寻人：穿红色外套的五岁男孩，家长在服务台等候", "personName": "孩子母亲", "personPhone": "13500006666",
                                                      "channel": "broadcast", "occurredOn": today]))
        return created.map { "front desk record \($0)" }
    }
}
