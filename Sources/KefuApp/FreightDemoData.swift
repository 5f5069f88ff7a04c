import KefuDomain
import KefuMaterials
import KefuPlatform
import SQLKit

/// Freight in `kefu demo` (#13.4): HQ's reference prices from 华北业务部 to 张北风电场 (the 9.6 m truck repriced in
/// October, the old price kept as history) and the site's shipments of November — one within the reference, one rented
/// vehicle above 110 %, an air shipment and a 350-yuan express — so the list, the approvals and RPT-12 have content.
/// Through the service, once: when any reference price exists, nothing is added.
enum FreightDemoData {
    static let route = "华北业务部—张北风电场"
    static let prices: [(vehicle: String, price: String, from: String)] = [
        ("9.6米厢车", "1800.00", "2026-01-01"), ("9.6米厢车", "2000.00", "2026-10-01"), ("4.2米厢车", "900.00", "2026-01-01"),
    ]
    static let shipments: [(ref: String, mode: FreightMode, vehicle: String?, cost: String, on: String, note: String)] = [
        ("FH-ZB-1101", .rentedVehicle, "9.6米厢车", "2150.00", "2026-11-05", "演示：齿轮油与螺栓补库"),
        ("FH-ZB-1102", .rentedVehicle, "4.2米厢车", "1100.00", "2026-11-12", "演示：山路绕行，超出参考价"),
        ("KY-ZB-1103", .air, nil, "1280.00", "2026-11-18", "演示：变桨电机急件空运"),
        ("KD-ZB-1104", .express, nil, "350.00", "2026-11-20", "演示：轴承急件快递"),
    ]

    static func load(store: any Store) async throws -> [String] {
        let any = try await store.read { db in try await db.raw("SELECT 1 AS x FROM freight_prices LIMIT 1").first() != nil }
        if any { return [] }
        let service = FreightService(store: store)
        let hq = try await MaterialsDemoData.principal(store, "fengwz")
        var entries: [String: String] = [:]
        var created: [String] = []
        for p in prices {
            let entry = try await service.addPrice(.init(route: route, vehicleType: p.vehicle, price: TypedAmount(p.price), effectiveFrom: p.from), by: hq)
            entries[p.vehicle] = entry.id
            created.append("freight price \(p.vehicle) \(p.from)")
        }
        let keeper = try await MaterialsDemoData.principal(store, "zhaoliu")
        for s in shipments {
            let r = try await service.record(.init(shipmentRef: s.ref, mode: s.mode.rawValue, routeId: s.vehicle.flatMap { entries[$0] }, cost: TypedAmount(s.cost),
                                                   shippedOn: s.on, note: s.note), by: keeper)
            created.append("freight \(r.number)")
        }
        return created
    }
}
