import KefuPlatform
import SQLKit

/// #11.1: forms that point to a user (the salesperson on a 红联) take the user's id or username.
public enum UserReferenceLookup {
    /// The user id for `typed`: itself when a user has that id, else the user with that username (any case).
    public static func id(_ db: any SQLDatabase, _ typed: String) async throws -> String? {
        if try await db.raw("SELECT id FROM users WHERE id = \(bind: typed)").first() != nil { return typed }
        return try await db.raw("SELECT id FROM users WHERE username IN (\(bind: typed), \(bind: typed.lowercased())) ORDER BY username").first()?.decode(column: "id", as: String.self)
    }
}
