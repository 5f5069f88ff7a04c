import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The request an arrival check answers (#13.1 item 1): its lines prefill the check's expected quantities, its supplier
/// the check's source.
struct MaterialRequestForArrival: Sendable {
    let id: String
    let number: String
    let orgPath: String
    let supplierId: String?
    let lines: [MaterialRequestLineView]
}

/// The request's side of one loop with its arrival check (4.4 "the site's arrival confirmation closes it", ARR-01):
/// the check is recorded against a request waiting for its goods, and completing the check moves the request to
/// `arrived` and `closed` in the check's own transaction.
extension MaterialRequestService {
    /// The request named by id or by number (LL-2026-000001), seen by `viewer` and waiting for its goods.
    static func forArrival(_ db: any SQLDatabase, reference: String, viewer: Principal, at: Int64) async throws -> MaterialRequestForArrival {
        guard let row = try await db.raw("SELECT id FROM material_requests WHERE id = \(bind: reference) OR number = \(bind: reference)").first() else {
            throw AppError.validation("materialRequestId", Text("没有这张内部联络单", "No such material request"))
        }
        let r = try await require(db, id: try row.decode(column: "id", as: String.self), viewer: viewer, now: at)
        guard MaterialRequestFlow.next(r.stateValue, .confirmArrival, source: nil, shipped: r.isShipped) != nil else {
            throw AppError.conflict("request_not_shipped", Text("内部联络单 {0} 不在待到货状态（尚未发货或已关闭），不能登记到货",
                                                                "Material request {0} is not waiting for goods (not shipped yet, or closed)").with(r.number))
        }
        return MaterialRequestForArrival(id: r.id, number: r.number, orgPath: r.orgPath, supplierId: r.supplierId, lines: r.lines)
    }

    /// The request's number for a link (nil when the reference names no request, e.g. a check recorded before #13.1 item 1).
    /// The request's number; an archived request's from its tombstone (#17.6).
    static func number(_ db: any SQLDatabase, id: String) async throws -> String? {
        if let number = try await db.raw("SELECT number FROM material_requests WHERE id = \(bind: id)").first()?.decode(column: "number", as: String.self) {
            return number
        }
        return try await RetentionTombstones.find(kind: .materialRequest, id: id, in: db)?.number
    }

    /// 4.4 `confirm arrival → arrived → closed`, taken by the completion of the arrival check `arrivalNumber` (the
    /// caller checked that the actor keeps the receiving warehouse's books). A request already closed by hand is left.
    static func closeOnArrival(_ db: any SQLDatabase, _ notifier: any HandOffNotifier, id: String, arrivalNumber: String,
                               by actor: Principal, at: Int64) async throws {
        guard let r = try await load(db, id: id, now: at),
              let arrived = MaterialRequestFlow.next(r.stateValue, .confirmArrival, source: nil, shipped: r.isShipped) else { return }
        let comment = "到货验收单 \(arrivalNumber)"
        let closed = MaterialRequestFlow.afterArrival
        try await sign(db, id: id, action: MaterialRequestAction.confirmArrival.rawValue, from: r.stateValue, to: arrived, version: r.version,
                       by: actor, comment: comment, at: at)
        try await sign(db, id: id, action: "close", from: arrived, to: closed, version: r.version, by: actor, comment: "", at: at)
        try await db.raw("""
            UPDATE material_requests SET arrived_at = \(bind: at), closed_at = \(bind: at), state = \(bind: closed.rawValue), updated_at = \(bind: at)
            WHERE id = \(bind: id)
            """).run()
        try await AuditTrail.record(db, actorId: actor.userId, action: MaterialRequestAction.confirmArrival.rawValue, entity: entity, entityId: id,
                                    detail: ["from": r.state, "state": closed.rawValue, "version": String(r.version), "arrival": arrivalNumber], at: at)
        try await tell(db, notifier, r, closed, actor: actor, at: at)
    }
}
