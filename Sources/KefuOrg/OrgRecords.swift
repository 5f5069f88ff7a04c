import KefuDomain
import KefuPlatform
import SQLKit

public struct OrgUnitRecord: Codable, Sendable, Equatable {
    public let id: String
    public let code: String
    public let name: String
    public let kind: String
    @Nullable public var parentId: String?
    public let path: String
    public let active: Bool
    public let createdAt: String
    public let updatedAt: String

    static let columns = "id, code, name, kind, parent_id, path, active, created_at, updated_at"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        code = try row.decode(column: "code", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        kind = try row.decode(column: "kind", as: String.self)
        parentId = try row.decode(column: "parent_id", as: String?.self)
        path = try row.decode(column: "path", as: String.self)
        active = try row.decode(column: "active", as: Int.self) != 0
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        updatedAt = Times.rfc3339(try row.decode(column: "updated_at", as: Int64.self))
    }
}

public struct UserRecord: Codable, Sendable, Equatable {
    public let id: String
    public let username: String
    public let displayName: String
    public let orgUnitId: String
    public let roles: [String]
    public let locale: String
    public let active: Bool
    @Nullable public var customerId: String?
    public let createdAt: String
    public let updatedAt: String

    static let columns = "u.id, u.username, u.display_name, u.org_unit_id, u.roles, u.locale, u.active, u.customer_id, u.created_at, u.updated_at"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        username = try row.decode(column: "username", as: String.self)
        displayName = try row.decode(column: "display_name", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        roles = RoleList.decode(try row.decode(column: "roles", as: String.self)).map(\.rawValue)
        locale = try row.decode(column: "locale", as: String.self)
        active = try row.decode(column: "active", as: Int.self) != 0
        customerId = try row.decode(column: "customer_id", as: String?.self)
        createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
        updatedAt = Times.rfc3339(try row.decode(column: "updated_at", as: Int64.self))
    }
}

/// Roles are stored as a comma-separated list of role codes.
/// The `users.roles` column: role codes separated by commas.
public enum RoleList {
    static func encode(_ roles: [Role]) -> String { roles.map(\.rawValue).sorted().joined(separator: ",") }
    public static func decode(_ text: String) -> [Role] { text.split(separator: ",").compactMap { Role(rawValue: String($0)) } }
}
