import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// MAT-02: a unit that keeps stock but lacks a good-parts or a damaged-parts warehouse, with the active warehouses it has.
public struct WarehouseCheckRow: Codable, Sendable {
    public let orgUnitId: String
    public let code: String
    public let name: String
    public let kind: String
    /// Codes of the unit's active good-parts and damaged-parts warehouses.
    public let goodWarehouses: [String]
    public let damagedWarehouses: [String]
    /// "good" and/or "damaged": what the unit lacks.
    public let missing: [String]
}

enum WarehouseCheckQueries {
    /// The units in the viewer's scope that breach MAT-02, in tree order (one read).
    static func breaches(_ db: any SQLDatabase, viewer: Principal) async throws -> [WarehouseCheckRow] {
        let everyUnit = WarehousePairing.seesEveryUnit(viewer.roles, userPath: viewer.orgPath)
        let units = try await OrgQueries.activeUnitSummaries(db).filter { everyUnit || viewer.covers(unitPath: $0.path) }
        let scope: SQLQueryString = everyUnit ? "" : "AND org_path LIKE \(bind: viewer.orgPath + "%")"
        var held: [String: [WarehouseCondition: [String]]] = [:]
        for row in try await db.raw("SELECT code, org_unit_id, condition FROM warehouses WHERE active = 1 \(scope) ORDER BY code").all() {
            guard let condition = WarehouseCondition(rawValue: try row.decode(column: "condition", as: String.self)) else { continue }
            held[try row.decode(column: "org_unit_id", as: String.self), default: [:]][condition, default: []].append(try row.decode(column: "code", as: String.self))
        }
        return units.compactMap { u in
            let has = held[u.id] ?? [:]
            guard WarehousePairing.keepsStock(unitKind: u.kind, holdsActiveWarehouse: !has.isEmpty) else { return nil }
            let missing = WarehousePairing.missing(Set(has.keys))
            guard !missing.isEmpty else { return nil }
            return WarehouseCheckRow(orgUnitId: u.id, code: u.code, name: u.name, kind: u.kind, goodWarehouses: has[.good] ?? [],
                                     damagedWarehouses: has[.damaged] ?? [], missing: missing.map(\.rawValue))
        }
    }
}

extension MasterDataService {
    /// MAT-02 check: the units in the caller's scope lacking a good or a damaged warehouse (HQ materials office,
    /// department accountants and administrators).
    public func warehouseCheck(viewer: Principal) async throws -> [WarehouseCheckRow] {
        guard WarehousePairing.mayRead(viewer.roles) else {
            throw AppError.forbidden(Text("只有业务管理部物资管理室、业务部账务员和管理员可以查看仓库配置检查（MAT-02）",
                                          "Only the HQ materials office, department accountants and administrators see the warehouse check (MAT-02)"))
        }
        return try await store.read { db in try await WarehouseCheckQueries.breaches(db, viewer: viewer) }
    }

    /// Issue #12 decision (`WarehousePairing.refusesDeactivation`): the last active damaged-parts warehouse of a unit that
    /// still keeps an active good-parts one is not deactivated.
    static func requirePairKept(_ db: any SQLDatabase, deactivating w: WarehouseView) async throws {
        let remaining = try await db.raw("""
            SELECT condition FROM warehouses WHERE org_unit_id = \(bind: w.orgUnitId) AND active = 1 AND id <> \(bind: w.id)
            """).all().compactMap { WarehouseCondition(rawValue: try $0.decode(column: "condition", as: String.self)) }
        guard WarehousePairing.refusesDeactivation(of: w.conditionValue, remaining: remaining) else { return }
        throw AppError(.conflict, "last_damaged_warehouse",
                       Text("仓库 {0} 是本单位唯一启用的损坏品库，单位仍有完好品库时不能停用（MAT-02：每个单位须有完好品库和损坏品库）",
                            "Warehouse {0} is the unit's only active damaged-parts warehouse and cannot be deactivated while the unit keeps a good-parts one (MAT-02)").with(w.code),
                       details: ["field": "active"])
    }
}
