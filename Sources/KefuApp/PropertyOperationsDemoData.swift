import Foundation
import KefuDomain
import KefuPlatform
import KefuProperty
import SQLKit

/// #14 PRP-07, PRP-04, PRP-10 in `kefu demo`, on 翠湖花园: 孙丽's patrols of the last three days (one with a finding
/// turned into a ticket, one only noted), a check of the vacant unit, three owner proposals of which two are submitted to
/// the project manager by 李四 and one answered by 周八, and 李四's review of the day before yesterday. Once: when a
/// patrol exists nothing is added.
enum PropertyOperationsDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let estateId: String? = try await store.read { db in
            guard try await db.raw("SELECT 1 AS x FROM property_patrols").first() == nil else { return nil }
            return try await db.raw("SELECT id FROM property_estates WHERE name = '翠湖花园'").first()?.decode(column: "id", as: String.self)
        }
        guard let estateId else { return [] }
        let sunli = try await MaterialsDemoData.principal(store, "sunli")
        let lisi = try await MaterialsDemoData.principal(store, "lisi")
        let zhouba = try await MaterialsDemoData.principal(store, "zhouba")
        let ops = PropertyOperationsService(store: store, complaints: PropertyComplaintsFromAftersales())
        let today = Times.day(now)
        func day(_ n: Int) -> String { today.adding(days: -n).iso }
        _ = try await ops.recordPatrol(estateId: estateId, PropertyPatrolBody(fields: FlatBody(["patrolledOn": day(2), "patrolledTime": "09:30", "buildings": "1栋、2栋"]), findings: [
            FlatBody(["location": "1栋 3 楼楼道", "description": "声控灯不亮", "disposition": "noted"]),
        ]), by: sunli, now: now)
        _ = try await ops.recordPatrol(estateId: estateId, PropertyPatrolBody(fields: FlatBody(["patrolledOn": day(1), "patrolledTime": "10:00", "buildings": "2栋"]), findings: [
            FlatBody(["location": "2栋 天台", "description": "天台门锁损坏", "disposition": "ticket", "ticketRef": "GD-DEMO-0001"]),
        ]), by: sunli, now: now)
        _ = try await ops.recordPatrol(estateId: estateId, PropertyPatrolBody(fields: FlatBody(["patrolledOn": day(0), "patrolledTime": "09:15", "buildings": "1栋、2栋",
                                                                                                "note": "巡查正常"]), findings: []), by: sunli, now: now)
        _ = try await ops.recordVacantCheck(estateId: estateId, FlatBody(["building": "2栋", "room": "602", "checkedOn": day(1), "water": "abnormal",
                                                                          "note": "厨房水龙头滴水，已关总阀"]), by: sunli, now: now)
        for (owner, content, n) in [("王先生", "建议在 1 栋门口增设电动车充电桩", 2), ("李先生", "希望延长会所开放时间至晚上十点", 1)] {
            _ = try await ops.recordProposal(estateId: estateId, FlatBody(["ownerName": owner, "content": content, "proposedOn": day(n)]), by: sunli, now: now)
        }
        let batch = try await ops.submitProposals(FlatBody(["note": "本周业主建议"]), by: lisi, now: now)
        // Made after the submission: it stays open for the next one.
        _ = try await ops.recordProposal(estateId: estateId, FlatBody(["ownerName": "赵先生", "content": "小区东门夜间照明不足", "proposedOn": day(0)]), by: sunli, now: now)
        if let first = batch.proposals.first {
            _ = try await ops.answerProposal(id: first.id, FlatBody(["answer": "已列入下季度改造计划"]), by: zhouba, now: now)
        }
        _ = try await ops.signReview(FlatBody(["day": day(2), "comment": "巡查发现的声控灯问题请本周内修好"]), by: lisi, now: now)
        return ["翠湖花园's patrols, a vacant-unit check, owner proposals (\(batch.number)) and a daily review"]
    }
}
