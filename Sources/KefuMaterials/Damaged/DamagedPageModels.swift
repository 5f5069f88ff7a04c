import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// What the damaged-parts pages draw, each built in one read transaction (#13.3).
struct DamagedPartListModel: Sendable {
    let parts: ListPage<DamagedPartView>
    let status: DamagedPartStatus?
    /// The viewer may register parts somewhere (a warehouse it keeps).
    let canRegister: Bool
}

struct DamagedPartFormModel: Sendable {
    /// The active warehouses the viewer may register at (damaged-goods warehouses first).
    let warehouses: [WarehouseView]
}

struct DamagedReturnListModel: Sendable {
    let returns: ListPage<DamagedReturnView>
    let status: DamagedReturnStatus?
    let canPack: Bool
}

struct DamagedReturnFormModel: Sendable {
    /// Registered parts the viewer may pack, grouped by site in order.
    let parts: [DamagedPartView]
    let unitNames: [String: String]
}

struct DamagedReturnStatusModel: Sendable {
    let today: String
    let sites: [DamagedReturnStatusRow]
}

extension DamagedPartService {
    static func keeps(_ viewer: Principal, _ w: WarehouseView) -> Bool {
        DamagedReturnRule.canRegister(viewer.roles, covers: viewer.covers(unitPath: w.orgPath))
    }

    static func registerWarehouses(_ db: any SQLDatabase, viewer: Principal) async throws -> [WarehouseView] {
        try await db.raw("SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE active = 1 ORDER BY condition, code").all()
            .map(WarehouseView.init(row:)).filter { keeps(viewer, $0) }
            .sorted { ($0.condition == "damaged" ? 0 : 1, $0.code) < ($1.condition == "damaged" ? 0 : 1, $1.code) }
    }

    func partListModel(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> DamagedPartListModel {
        try MaterialAccess.requireViewer(viewer)
        let filter = try DamagedPartQueries.PartFilter.parse(q)
        return try await store.read { db in
            DamagedPartListModel(parts: try await DamagedPartQueries.parts(db, filter, paging: paging, viewer: viewer), status: filter.status,
                                 canRegister: !(try await Self.registerWarehouses(db, viewer: viewer)).isEmpty)
        }
    }

    func partFormModel(viewer: Principal) async throws -> DamagedPartFormModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in DamagedPartFormModel(warehouses: try await Self.registerWarehouses(db, viewer: viewer)) }
    }

    func returnListModel(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> DamagedReturnListModel {
        try MaterialAccess.requireViewer(viewer)
        let status: DamagedReturnStatus? = try TextRules.trimmed(q["status"]).map { try MaterialValidation.choice($0, "status") }
        return try await store.read { db in
            DamagedReturnListModel(returns: try await DamagedPartQueries.returns(db, orgUnitId: TextRules.trimmed(q["orgUnitId"]), status: status, paging: paging, viewer: viewer),
                                   status: status, canPack: !(try await Self.registerWarehouses(db, viewer: viewer)).isEmpty)
        }
    }

    func returnFormModel(viewer: Principal) async throws -> DamagedReturnFormModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let parts = try await DamagedPartQueries.packable(db, orgUnitId: nil, viewer: viewer)
            return DamagedReturnFormModel(parts: parts, unitNames: try await DamagedPartQueries.unitNames(db, ids: Set(parts.map(\.orgUnitId))))
        }
    }

    func statusModel(orgUnitId: String?, viewer: Principal, now: Date = Date()) async throws -> DamagedReturnStatusModel {
        DamagedReturnStatusModel(today: MaterialValidation.today(now), sites: try await returnStatus(orgUnitId: orgUnitId, viewer: viewer, now: now))
    }
}
