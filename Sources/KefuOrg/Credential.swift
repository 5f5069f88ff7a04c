import KefuPlatform
import SQLKit

/// How a request is signed in: a browser session or an API token (both identified by their stored hash).
public enum Credential: Sendable, Equatable {
    case session(idHash: String)
    case token(hash: String)

    /// The credential of the request behind `context` and its Authorization header.
    public static func of(_ context: KefuContext, authorization: String?) -> Credential? {
        if let header = authorization, header.lowercased().hasPrefix("bearer ") {
            return .token(hash: Secrets.hash(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)))
        }
        return context.session.map { .session(idHash: $0.idHash) }
    }

    /// Ends the user's sessions and (with `tokensToo`) revokes their API tokens, except `keeping` (#10.8).
    static func revokeAll(_ db: any SQLDatabase, userId: String, keeping: Credential?, tokensToo: Bool) async throws {
        var keepSession = "", keepToken = ""
        switch keeping {
        case .session(let hash): keepSession = hash
        case .token(let hash): keepToken = hash
        case nil: break
        }
        try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userId) AND id_hash <> \(bind: keepSession)").run()
        if tokensToo {
            try await db.raw("""
                UPDATE api_tokens SET revoked_at = \(bind: Clock.millis())
                WHERE user_id = \(bind: userId) AND revoked_at IS NULL AND token_hash <> \(bind: keepToken)
                """).run()
        }
    }
}
