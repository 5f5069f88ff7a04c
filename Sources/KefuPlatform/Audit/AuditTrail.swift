import Foundation
import SQLKit

/// Append-only record of every state change: who, when, what, on which record (DOC-10, TKT-01).
public enum AuditTrail {
    public static let migration = Migration(id: "platform-002-audit", common: [
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor_id TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)",
        "CREATE INDEX audit_log_at ON audit_log (at)",
    ])

    public static func record(_ db: any SQLDatabase, actorId: String?, action: String, entity: String, entityId: String,
                              detail: [String: String] = [:], at: Int64 = Clock.millis()) async throws {
        try await db.raw(try insert(actorId: actorId, action: action, entity: entity, entityId: entityId, detail: detail, at: at)).run()
    }

    /// The row `record` writes, as a statement, for a caller that sends it inside another statement (a
    /// data-modifying CTE on PostgreSQL).
    public static func insert(actorId: String?, action: String, entity: String, entityId: String,
                              detail: [String: String] = [:], at: Int64) throws -> SQLQueryString {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self)
        return """
            INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail)
            VALUES (\(bind: Clock.newID()), \(bind: at), \(bind: actorId), \(bind: action), \(bind: entity), \(bind: entityId), \(bind: json))
            """
    }

    public struct Entry: Codable, Sendable {
        public let id: String
        public let at: Instant
        public let actorId: String?
        public let action: String
        public let entity: String
        public let entityId: String
        public let detail: [String: String]
    }

    public static func entries(_ db: any SQLDatabase, entity: String, entityId: String) async throws -> [Entry] {
        try await db.raw("""
            SELECT id, at, actor_id, action, entity, entity_id, detail FROM audit_log
            WHERE entity = \(bind: entity) AND entity_id = \(bind: entityId) ORDER BY at, id
            """).all().map { row in
            let detailText = try row.decode(column: "detail", as: String.self)
            let detail = (try? JSONDecoder().decode([String: String].self, from: Data(detailText.utf8))) ?? [:]
            return Entry(
                id: try row.decode(column: "id", as: String.self),
                at: Instant(millis: try row.decode(column: "at", as: Int64.self)),
                actorId: try row.decode(column: "actor_id", as: String?.self),
                action: try row.decode(column: "action", as: String.self),
                entity: try row.decode(column: "entity", as: String.self),
                entityId: try row.decode(column: "entity_id", as: String.self),
                detail: detail
            )
        }
    }
}
