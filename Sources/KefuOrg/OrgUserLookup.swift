import KefuDomain
import SQLKit

extension OrgQueries {
    /// An active user typed as its id or its user name (a picker posts the id, or the text as typed); nil when none.
    public static func activeUserId(_ db: any SQLDatabase, typed: String) async throws -> String? {
        try await db.raw("SELECT id FROM users WHERE active = 1 AND (id = \(bind: typed) OR username = \(bind: typed))").first()?
            .decode(column: "id", as: String.self)
    }

    /// The active holders of `role` in the unit `unitId` itself (not below), by id: e.g. a site's chief (KPI-06).
    public static func activeHolders(_ db: any SQLDatabase, of role: Role, inUnit unitId: String) async throws -> [String] {
        try await activeMembers(db, ofUnits: [unitId]).filter { $0.roles.contains(role) }.map(\.id).sorted()
    }
}
