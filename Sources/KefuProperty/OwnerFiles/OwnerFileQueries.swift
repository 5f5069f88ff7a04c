import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the owner files (PRP-06), inside the caller's transaction.
enum OwnerFileQueries {
    /// The unit, its estate's name and path; 404 when absent, 403 outside the viewer's reading scope.
    static func unit(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> (unit: PropertyUnitView, estate: String, path: String) {
        guard let row = try await db.raw("""
            SELECT u.id, u.estate_id, u.building, u.room, u.area_centi, u.use_kind, u.occupant_kind, u.occupant_name, u.occupant_phone, u.move_in_on,
                u.org_path, e.name AS estate_name
            FROM property_units u JOIN property_estates e ON e.id = u.estate_id WHERE u.id = \(bind: id)
            """).first() else { throw AppError.notFound(Text("房屋", "Unit")) }
        let path = try row.decode(column: "org_path", as: String.self)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: path) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的业主档案", "You see the owner files of your unit and below only"))
        }
        return (try PropertyUnitView(row: row), try row.decode(column: "estate_name", as: String.self), path)
    }

    static func occupants(_ db: any SQLDatabase, unitId: String) async throws -> [PropertyOccupancyView] {
        try await db.raw("""
            SELECT id, kind, name, phone, moved_in_on, moved_out_on FROM property_occupancies WHERE unit_id = \(bind: unitId)
            ORDER BY CASE WHEN moved_out_on IS NULL THEN 0 ELSE 1 END, COALESCE(moved_in_on, '') DESC, created_at DESC
            """).all().map(PropertyOccupancyView.init(row:))
    }

    static func entry(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> OwnerFileEntryView {
        guard let row = try await db.raw("\(unsafeRaw: OwnerFileEntryView.select) WHERE f.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("档案记录", "File entry"))
        }
        let e = try OwnerFileEntryView(row: row, viewer: viewer)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: e.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的业主档案", "You see the owner files of your unit and below only"))
        }
        return try await withSteps(db, [e])[0]
    }

    static func withSteps(_ db: any SQLDatabase, _ entries: [OwnerFileEntryView]) async throws -> [OwnerFileEntryView] {
        let ids = entries.filter { $0.kind == .renovation }.map(\.id)
        guard !ids.isEmpty else { return entries }
        var byEntry: [String: [RenovationStepView]] = [:]
        for row in try await db.raw("""
            SELECT s.entry_id, s.action, s.status_after, s.note, s.acted_on, \(unsafeRaw: OrgQueries.userNameSQL("s.acted_by")) AS by_name
            FROM property_renovation_steps s WHERE s.entry_id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY s.entry_id, s.acted_at, s.id
            """).all() {
            let step = RenovationStepView(action: RenovationAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .supervise,
                                          statusAfter: RenovationStatus(rawValue: try row.decode(column: "status_after", as: String.self)) ?? .applied,
                                          note: try row.decode(column: "note", as: String?.self), actedOn: try row.decode(column: "acted_on", as: String.self),
                                          actedBy: try row.decode(column: "by_name", as: String?.self) ?? "—")
            byEntry[try row.decode(column: "entry_id", as: String.self), default: []].append(step)
        }
        return entries.map { var e = $0; e.steps = byEntry[e.id] ?? []; return e }
    }

    /// The whole owner file of a unit, in one read.
    static func ownerFile(_ db: any SQLDatabase, unitId: String, viewer: Principal) async throws -> PropertyOwnerFileView {
        let (unit, estate, path) = try await self.unit(db, id: unitId, viewer: viewer)
        let entries = try await db.raw("\(unsafeRaw: OwnerFileEntryView.select) WHERE f.unit_id = \(bind: unitId) ORDER BY f.entry_on DESC, f.created_at DESC")
            .all().map { try OwnerFileEntryView(row: $0, viewer: viewer) }
        return PropertyOwnerFileView(unit: unit, estateName: estate, occupants: try await occupants(db, unitId: unitId),
                                     entries: try await withSteps(db, entries),
                                     mayRecord: OwnerFileRules.may(OwnerFileRules.recorders, roles: viewer.roles, userPath: viewer.orgPath, unitPath: path),
                                     orgPath: path)
    }

    /// PRP-06 the occupants of newly registered units open their history (moved in on the registered date, if any).
    static func openHistory(_ db: any SQLDatabase, unitIds: [String], by actor: String, at: Int64) async throws {
        for chunk in stride(from: 0, to: unitIds.count, by: 200).map({ Array(unitIds[$0..<min($0 + 200, unitIds.count)]) }) {
            try await db.raw("""
                INSERT INTO property_occupancies (id, unit_id, org_path, kind, name, phone, moved_in_on, moved_out_on, current_key, created_at, created_by)
                SELECT 'occ-' || id, id, org_path, COALESCE(occupant_kind, 'owner'), occupant_name, occupant_phone, move_in_on, NULL,
                    id || ':' || COALESCE(occupant_kind, 'owner'), \(bind: at), \(bind: actor)
                FROM property_units WHERE id IN (\(SQLList(chunk.map { SQLBind($0) }))) AND occupant_name IS NOT NULL
                """).run()
        }
    }
}
