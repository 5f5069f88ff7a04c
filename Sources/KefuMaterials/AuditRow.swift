import Foundation
import KefuPlatform
import SQLKit

/// The audit-trail row of `AuditTrail.record` as a statement, so the posting path on PostgreSQL can send it inside
/// another statement (a data-modifying CTE). Same table, columns and detail encoding as `AuditTrail.record`.
enum AuditRow {
    static func insert(actorId: String?, action: String, entity: String, entityId: String, detail: [String: String], at: Int64) throws -> SQLQueryString {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self)
        return """
            INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, detail)
            VALUES (\(bind: Clock.newID()), \(bind: at), \(bind: actorId), \(bind: action), \(bind: entity), \(bind: entityId), \(bind: json))
            """
    }
}
