import KefuPlatform
import KefuScenic

/// VIS-01/02 in `kefu demo`: one mailing of 市场营销部 already sent (with its tracking number) and one ticket delivery
/// of 市场运营部 scheduled. Through the service, once: when any mailing exists, nothing is added.
enum ScenicDeliveryDemoData {
    static func load(store: any Store) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM scenic_mailings LIMIT 1").first() != nil }
        if any { return [] }
        let staff = try await MaterialsDemoData.principal(store, "zhaoyun")
        let scenic = ScenicService(store: store)
        let marketing = try await AdminTasks.unitId(store, code: "JQ-YX"), market = try await AdminTasks.unitId(store, code: "JQ-SC")
        let mailing = try await scenic.requestMailing(ScenicBody([
            "orgUnitId": marketing, "visitorName": "陈老先生", "addressee": "陈小华", "address": "广州市天河区体育西路 100 号 1203 室", "phone": "13711112222",
            "items": "景区剪纸 2 幅、竹编果篮 1 个", "fee": "18.00"]), by: staff)
        _ = try await scenic.sendMailing(id: mailing.id, ScenicBody(["courier": "顺丰速运", "trackingNo": "SF1020304050"]), by: staff)
        let delivery = try await scenic.scheduleTicketDelivery(ScenicBody([
            "orgUnitId": market, "reservationRef": "JD-2026-0001", "tickets": "28", "deliverTo": "刘老师（市老年大学）", "phone": "13622223333",
            "place": "市老年大学传达室", "dueAt": "2026-12-20 09:00"]), by: staff)
        return ["scenic mailing \(mailing.number)", "scenic ticket delivery \(delivery.number)"]
    }
}
