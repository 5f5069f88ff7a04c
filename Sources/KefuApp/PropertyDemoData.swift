import Foundation
import KefuDomain
import KefuPlatform
import KefuProperty
import SQLKit

/// #14 item 2 in `kefu demo`: 客服部's estate 翠湖花园 (2 buildings × 12 units, homes with two shops and a vacant unit),
/// its fee table (物业费 1.85/m²·month, 公摊 600.00 a month by area, 特约服务 30.00 per home), last month's notices made by
/// 孙丽 (property_admin), two thirds of them paid (one in part) and a chase note on an unpaid one. Once: when the estate
/// exists nothing is added.
enum PropertyDemoData {
    static func load(store: any Store, now: Date = Date()) async throws -> [String] {
        let exists = try await store.read { db in try await db.raw("SELECT 1 AS x FROM property_estates WHERE name = '翠湖花园'").first() != nil }
        if exists { return [] }
        let sunli = try await MaterialsDemoData.principal(store, "sunli")
        let property = PropertyService(store: store)
        let estate = try await property.createEstate(PropertyBody(["name": "翠湖花园", "address": "湖滨路 88 号", "orgUnitId": sunli.orgUnitId]), by: sunli, now: now)
        let from = PropertyNow.month(now).adding(months: -12).iso
        for rate in [["fee": "物业费", "kind": "property_fee", "rate": "1.85", "effectiveFrom": from],
                     ["fee": "公摊", "kind": "public_cost", "basis": "area_share", "rate": "600.00", "appliesTo": "residential,shop", "effectiveFrom": from],
                     ["fee": "特约服务", "kind": "special_service", "rate": "30.00", "appliesTo": "residential", "effectiveFrom": from]] {
            _ = try await property.addFeeRate(estateId: estate.id, PropertyBody(rate), by: sunli, now: now)
        }
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"]
        var units: [PropertyBody] = []
        for building in 1...2 {
            for floor in 1...6 {
                for door in 1...2 {
                    let i = (building - 1) * 12 + (floor - 1) * 2 + door - 1
                    let use = floor == 1 && building == 1 ? "shop" : (i == 23 ? "vacant" : "residential")
                    var u = ["building": "\(building)栋", "room": "\(floor)0\(door)", "area": door == 1 ? "89.50" : "120.33", "use": use]
                    if use != "vacant" {
                        u["occupantName"] = surnames[i % 12] + (use == "shop" ? "记商行" : "先生")
                        u["occupantKind"] = use == "shop" ? "tenant" : "owner"
                        u["occupantPhone"] = "1390000" + String(format: "%04d", 1000 + i)
                        u["moveInOn"] = "2021-0\(1 + i % 9)-15"
                    }
                    units.append(PropertyBody(u))
                }
            }
        }
        _ = try await property.addUnits(estateId: estate.id, PropertyUnitsBody(units: units), by: sunli, now: now)
        let lastMonth = PropertyNow.month(now).adding(months: -1).iso
        let run = try await property.generate(estateId: estate.id, PropertyBody(["month": lastMonth]), by: sunli, now: now)
        let notices = try await property.notices(["estateId": estate.id, "month": lastMonth], paging: Paging(page: 1, per: 100), viewer: sunli, now: now).items
        let methods = ["wechat", "alipay", "cash", "bank"]
        for (i, n) in notices.enumerated() {
            if i % 3 == 2 { continue }
            let amount = i == 4 ? "100.00" : n.billed
            _ = try await property.pay(noticeId: n.id, PropertyBody(["amount": amount, "method": methods[i % 4], "receiptNo": "SJ-\(1000 + i)"]), by: sunli, now: now)
        }
        if notices.count > 2 {
            _ = try await property.chase(noticeId: notices[2].id, PropertyBody(["method": "phone", "result": "业主出差，承诺下周交清"]), by: sunli, now: now)
        }
        return ["estate 翠湖花园 (\(units.count) units, \(run.made) notices of \(lastMonth))"]
    }
}
