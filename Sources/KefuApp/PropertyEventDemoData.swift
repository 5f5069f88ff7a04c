import Foundation
import KefuAftersales
import KefuDomain
import KefuPlatform
import KefuProperty
import KefuServiceDesk
import SQLKit

/// #14 ESC-03 in `kefu demo`, on 翠湖花园: an important event reported to the CS manager yesterday, an emergency followed
/// up by 李四 and closed, and one recorded this morning still awaiting its follow-up. Once: when an event exists nothing
/// is added. SAT-10: 李四 starts this half year's owners' opinion survey and 孙丽 types in one paper form.
enum PropertyEventDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let estateId: String? = try await store.read { db in
            guard try await db.raw("SELECT 1 AS x FROM property_events").first() == nil else { return nil }
            return try await db.raw("SELECT id FROM property_estates WHERE name = '翠湖花园'").first()?.decode(column: "id", as: String.self)
        }
        guard let estateId else { return [] }
        let sunli = try await MaterialsDemoData.principal(store, "sunli")
        let lisi = try await MaterialsDemoData.principal(store, "lisi")
        let events = PropertyEventService(store: store, notifier: NotificationService(store: store, webhookTargets: WebhookTargets()))
        let today = Times.day(now)
        _ = try await events.record(estateId: estateId, FlatBody(["kind": "important", "severity": "major", "title": "业主联名反映地下车库渗水",
                                                                  "location": "地下车库 B 区", "occurredOn": today.adding(days: -1).iso, "occurredTime": "16:20",
                                                                  "description": "12 户业主联名，要求尽快维修"]), by: sunli, now: now)
        let burst = try await events.record(estateId: estateId, FlatBody(["kind": "emergency", "severity": "critical", "title": "2栋水管爆裂",
                                                                          "location": "2栋 5 楼管井", "occurredOn": today.adding(days: -2).iso, "occurredTime": "07:45"]),
                                            by: sunli, now: now.addingTimeInterval(-2 * 86_400))
        _ = try await events.followUp(id: burst.id, FlatBody(["note": "已关闭 2 栋总阀，通知工程部抢修"]), by: lisi, now: now.addingTimeInterval(-2 * 86_400 + 1_800))
        _ = try await events.close(id: burst.id, FlatBody(["result": "水管已更换，受影响 3 户已回访"]), by: lisi, now: now.addingTimeInterval(-86_400))
        _ = try await events.record(estateId: estateId, FlatBody(["kind": "emergency", "severity": "minor", "title": "1栋电梯困人",
                                                                  "location": "1栋 1 号电梯", "occurredOn": today.iso]), by: sunli, now: now)
        // SAT-10: this half year's owners' opinion survey, with one paper form typed in (基本满意 with an opinion: a return visit).
        let opinions = PropertyOpinionService(store: store, surveys: PropertyOpinionSurveysFromAftersales(surveys: SurveyService(store: store, tickets: TicketService(store: store))))
        let round = try await opinions.start(estateId: estateId, FlatBody([:]), by: lisi, now: now)
        if let first = round.items.first {
            _ = try await opinions.recordAnswer(roundId: round.id, FlatBody(["unitId": first.unitId, "overall": "3", "comment": "希望增加儿童游乐设施"]), by: sunli, now: now)
        }
        return ["翠湖花园's important event and emergencies (ESC-03) and this half year's opinion survey (SAT-10)"]
    }
}
