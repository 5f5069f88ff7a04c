import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// WO-05: the on-duty port the composition root fills from the roster (the people feature's `onDutyNow`).
public protocol WorkOrderDutyRoster: Sendable {
    /// The users of the unit (and below) on duty at `at` by the roster; nil when the unit has no roster that day.
    func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>?
}

public struct NoWorkOrderDutyRoster: WorkOrderDutyRoster {
    public init() {}
    public func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>? { nil }
}

/// `PUT /api/v1/work-order-areas`: name (or, with an empty `technicianId`, remove) the technician responsible for an area.
public struct WorkOrderAreaInput: Codable, Sendable {
    public var orgUnitId: String?
    public var area: String?
    public var technicianId: String?

    public init(orgUnitId: String? = nil, area: String? = nil, technicianId: String? = nil) {
        self.orgUnitId = orgUnitId; self.area = area; self.technicianId = technicianId
    }
}

public struct WorkOrderAreaView: Encodable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let unitName: String
    public let area: String
    public let technicianId: String
    public let technicianName: String
    public let updatedAt: String
}

/// The register as its page shows it: the entries in scope, the units the viewer keeps, the technicians to choose.
struct WorkOrderAreaPageModel: Sendable {
    let entries: [WorkOrderAreaView]
    let units: [(id: String, name: String)]
    let technicians: [(id: String, name: String)]
    let canEdit: Bool
}

enum WorkOrderAreaQueries {
    static func list(_ db: any SQLDatabase, underPath path: String) async throws -> [WorkOrderAreaView] {
        try await db.raw("""
            SELECT a.id, a.org_unit_id, a.area, a.technician_id, a.updated_at, \(unsafeRaw: OrgQueries.unitNameSQL("a.org_unit_id")) AS unit_name,
                \(unsafeRaw: OrgQueries.userNameSQL("a.technician_id")) AS technician_name
            FROM work_order_areas a WHERE a.org_path >= \(bind: path) AND a.org_path < \(bind: FindQuery.upperBound(ofPrefix: path))
            ORDER BY a.org_path, a.area_key
            """).all().map {
            WorkOrderAreaView(id: try $0.decode(column: "id", as: String.self), orgUnitId: try $0.decode(column: "org_unit_id", as: String.self),
                              unitName: try $0.decode(column: "unit_name", as: String?.self) ?? "—", area: try $0.decode(column: "area", as: String.self),
                              technicianId: try $0.decode(column: "technician_id", as: String.self),
                              technicianName: try $0.decode(column: "technician_name", as: String?.self) ?? "—",
                              updatedAt: Times.rfc3339(try $0.decode(column: "updated_at", as: Int64.self)))
        }
    }

    /// WO-05: the person responsible for `area` in the order's unit, or in the nearest unit above that names one.
    static func responsible(_ db: any SQLDatabase, unitPath: String, area: String) async throws -> String? {
        let key = WorkOrderAssignment.areaKey(area)
        guard !key.isEmpty else { return nil }
        let rows = try await db.raw("SELECT technician_id, org_path FROM work_order_areas WHERE area_key = \(bind: key)").all()
        var best: (path: String, id: String)?
        for row in rows {
            let path = try row.decode(column: "org_path", as: String.self)
            guard OrgPath.contains(path, unitPath), path.count > (best?.path.count ?? -1) else { continue }
            best = (path, try row.decode(column: "technician_id", as: String.self))
        }
        return best?.id
    }

    /// The duty technicians among `onDuty` (active users with the role).
    static func technicians(_ db: any SQLDatabase, among onDuty: Set<String>) async throws -> [String] {
        try await OrgQueries.activeUsers(db, withAnyOf: [.dutyTechnician]).map(\.id).filter { onDuty.contains($0) }
    }
}

/// WO-05: keeps the area register (one transaction per change, in the audit trail).
public struct WorkOrderAreaService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static func requireViewer(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: WorkOrderRules.viewers.union(WorkOrderAssignment.registerKeepers)) else {
            throw AppError.forbidden(Text("您不能查看区域负责人登记", "You cannot see the area register"))
        }
    }

    public func list(viewer: Principal) async throws -> [WorkOrderAreaView] {
        try Self.requireViewer(viewer)
        return try await store.read { db in try await WorkOrderAreaQueries.list(db, underPath: viewer.orgPath) }
    }

    func pageModel(viewer: Principal) async throws -> WorkOrderAreaPageModel {
        try Self.requireViewer(viewer)
        let canEdit = !viewer.roles.isDisjoint(with: WorkOrderAssignment.registerKeepers)
        return try await store.read { db in
            let entries = try await WorkOrderAreaQueries.list(db, underPath: viewer.orgPath)
            let units = canEdit ? try await OrgQueries.activeUnits(db).filter { OrgPath.contains(viewer.orgPath, $0.path) }.map { (id: $0.id, name: $0.name) } : []
            let technicians = canEdit ? try await OrgQueries.activeUsers(db, withAnyOf: [.dutyTechnician]) : []
            return WorkOrderAreaPageModel(entries: entries, units: units, technicians: technicians, canEdit: canEdit)
        }
    }

    /// Names the technician responsible for an area of a unit (replacing the one named before), or removes the entry
    /// when `technicianId` is empty. The register is a setting, not a filed record.
    public func set(_ input: WorkOrderAreaInput, by actor: Principal, now: Date = Date()) async throws -> [WorkOrderAreaView] {
        guard !actor.roles.isDisjoint(with: WorkOrderAssignment.registerKeepers) else {
            throw AppError.forbidden(Text("只有管理员和客服主管、经理可以登记区域负责人（WO-05）", "Only administrators and customer-service supervisors and managers keep the area register (WO-05)"))
        }
        guard let areaName = TextRules.trimmed(input.area), !WorkOrderAssignment.areaKey(areaName).isEmpty else {
            throw AppError.validation("area", Text("请填写区域名称", "The area is required"))
        }
        guard areaName.count <= WorkOrderAssignment.maxAreaLength else {
            throw AppError.validation("area", Text("区域名称最长 \(WorkOrderAssignment.maxAreaLength) 字", "The area is at most \(WorkOrderAssignment.maxAreaLength) characters"))
        }
        let key = WorkOrderAssignment.areaKey(areaName)
        let technician = TextRules.trimmed(input.technicianId)
        let unitId = TextRules.trimmed(input.orgUnitId) ?? actor.orgUnitId
        return try await store.write { db in
            guard let unitPath = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            guard OrgPath.contains(actor.orgPath, unitPath) else {
                throw AppError.forbidden(Text("您只能登记本单位及下级单位的区域", "You keep the areas of your unit and below only"))
            }
            let at = Clock.millis(now)
            if let technician {
                guard try await OrgQueries.activeUsers(db, withAnyOf: [.dutyTechnician]).contains(where: { $0.id == technician }) else {
                    throw AppError.validation("technicianId", Text("请选择一位在职的值班技工", "Choose an active duty technician"))
                }
                let existing = try await db.raw("SELECT id FROM work_order_areas WHERE org_unit_id = \(bind: unitId) AND area_key = \(bind: key)").first()
                if let id = try existing?.decode(column: "id", as: String.self) {
                    try await db.raw("""
                        UPDATE work_order_areas SET area = \(bind: areaName), technician_id = \(bind: technician), updated_by = \(bind: actor.userId), updated_at = \(bind: at)
                        WHERE id = \(bind: id)
                        """).run()
                } else {
                    try await db.raw("""
                        INSERT INTO work_order_areas (id, org_unit_id, org_path, area, area_key, technician_id, updated_by, updated_at)
                        VALUES (\(bind: Clock.newID()), \(bind: unitId), \(bind: unitPath), \(bind: areaName), \(bind: key), \(bind: technician), \(bind: actor.userId), \(bind: at))
                        """).run()
                }
            } else {
                try await db.raw("DELETE FROM work_order_areas WHERE org_unit_id = \(bind: unitId) AND area_key = \(bind: key)").run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: technician == nil ? "area_removed" : "area_set", entity: "work_order_area",
                                        entityId: unitId, detail: ["area": areaName, "technician": technician ?? ""], at: at)
            return try await WorkOrderAreaQueries.list(db, underPath: actor.orgPath)
        }
    }
}
