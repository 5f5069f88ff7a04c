import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// An arrival check as a material request lists it (#13.1 item 1): number, status, link.
public struct ArrivalLink: Encodable, Sendable {
    public let id: String
    public let number: String
    public let status: String
}

/// The arrivals' side of the request loop: the checks recorded against a request (its page and API show them), and
/// whether one is still open (then the request closes with that check, not by a separate confirmation).
extension ArrivalService {
    static func checks(_ db: any SQLDatabase, materialRequestId: String) async throws -> [ArrivalLink] {
        try await db.raw("""
            SELECT id, number, status FROM arrivals WHERE material_request_id = \(bind: materialRequestId) ORDER BY arrived_at, id
            """).all().map {
            ArrivalLink(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                        status: try $0.decode(column: "status", as: String.self))
        }
    }

    static func openCheck(_ db: any SQLDatabase, materialRequestId: String) async throws -> ArrivalLink? {
        try await checks(db, materialRequestId: materialRequestId).first { $0.status == ArrivalStatus.checking.rawValue }
    }
}
