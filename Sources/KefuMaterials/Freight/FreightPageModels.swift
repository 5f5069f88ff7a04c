import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `/materials/freight`: a page of the records in the viewer's scope with the filters used, and whether it records freight.
struct FreightListModel: Sendable {
    let records: ListPage<FreightView>
    let canRecord: Bool
}

/// `/materials/freight/new`: the sites the viewer records for and the reference prices in force today (the route choices).
struct FreightFormModel: Sendable {
    let units: [(id: String, name: String)]
    let ownUnitId: String
    let prices: [FreightPriceView]
}

/// `/materials/freight/{id}`: the record, its timeline and the decisions the viewer may take.
struct FreightPageModel: Sendable {
    struct Event: Sendable { let at: Instant; let actorName: String; let action: String; let comment: String? }
    let record: FreightView
    let timeline: [Event]
}

/// `/materials/freight-prices`: the list with its history, and whether the viewer keeps it (FRT-01).
struct FreightPriceListModel: Sendable {
    let prices: [FreightPriceView]
    let canKeep: Bool
}

extension FreightService {
    func listModel(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> FreightListModel {
        FreightListModel(records: try await list(query, paging: paging, viewer: viewer), canRecord: !viewer.roles.isDisjoint(with: FreightRules.recorders))
    }

    func formModel(viewer: Principal, now: Date = Date()) async throws -> FreightFormModel {
        try MaterialAccess.requireViewer(viewer)
        guard !viewer.roles.isDisjoint(with: FreightRules.recorders) else {
            throw AppError.forbidden(Text("只有现场（或其业务部账务员）可以登记运费", "Only a site (or its department's accountant) records freight"))
        }
        let today = MaterialValidation.today(now)
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db).filter {
                FreightRules.mayRecord(roles: viewer.roles, userPath: viewer.orgPath, sitePath: $0.path)
            }.map { (id: $0.id, name: $0.name) }
            let prices = try await FreightQueries.prices(db, route: nil, today: today).filter(\.current)
            return FreightFormModel(units: units, ownUnitId: viewer.orgUnitId, prices: prices)
        }
    }

    func pageModel(id: String, viewer: Principal) async throws -> FreightPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let record = try await FreightQueries.view(db, id: id, viewer: viewer)
            let entries = try await AuditTrail.entries(db, entity: Self.entity, entityId: id)
            let names = try await OrgQueries.displayNames(db, ids: Set(entries.compactMap(\.actorId)))
            return FreightPageModel(record: record, timeline: entries.map {
                FreightPageModel.Event(at: $0.at, actorName: $0.actorId.flatMap { names[$0] } ?? "—", action: $0.action, comment: $0.detail["comment"])
            })
        }
    }

    func priceListModel(viewer: Principal, now: Date = Date()) async throws -> FreightPriceListModel {
        FreightPriceListModel(prices: try await prices(route: nil, viewer: viewer, now: now), canKeep: FreightRules.mayKeepPrices(viewer.roles, userPath: viewer.orgPath))
    }
}
