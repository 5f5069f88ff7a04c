import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// FRD-04 the gift ledger (赠品台账) of one gift at one desk: every receipt and hand-out with the balance after it, newest
/// first. The balance is the sum of the moves (the stock row is that sum kept current), so the running figure is a window
/// sum in move order and the newest line's figure is the stock balance.
public struct GiftMoveView: Encodable, Sendable {
    public let id: String
    /// Positive: received; negative: handed out.
    public let quantity: Int
    public let balanceAfter: Int
    public let recordId: String?
    public let recordNumber: String?
    public let note: String?
    public let movedAt: String
    public let movedBy: String
    let movedMillis: Int64

    enum CodingKeys: String, CodingKey { case id, quantity, balanceAfter, recordId, recordNumber, note, movedAt, movedBy }
}

public struct GiftLedgerModel: Encodable, Sendable {
    public let orgUnitId: String
    public let unitName: String
    public let gift: String
    public let balance: Int
    public let moves: ListPage<GiftMoveView>
}

enum GiftLedgerQueries {
    static func ledger(_ db: any SQLDatabase, unitId: String, gift: String, paging: Paging, viewer: Principal) async throws -> GiftLedgerModel {
        guard let stock = try await db.raw("""
            SELECT s.org_path, s.balance, \(unsafeRaw: OrgQueries.unitNameSQL("s.org_unit_id")) AS unit_name FROM front_desk_gift_stock s
            WHERE s.org_unit_id = \(bind: unitId) AND s.gift = \(bind: gift)
            """).first() else {
            throw AppError.notFound(Text("赠品库存", "Gift stock"))
        }
        let path = try stock.decode(column: "org_path", as: String.self)
        guard FrontDeskRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, recordPath: path) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的赠品台账", "You see the gift ledgers of your unit and below only"))
        }
        let total = try await db.raw("""
            SELECT COUNT(*) AS n FROM front_desk_gift_moves WHERE org_unit_id = \(bind: unitId) AND gift = \(bind: gift)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let moves = try await db.raw("""
            SELECT m.id, m.quantity, m.note, m.moved_at, m.record_id, m.running, r.number AS record_number,
                   \(unsafeRaw: OrgQueries.userNameSQL("m.moved_by")) AS moved_by_name
            FROM (SELECT id, quantity, note, moved_at, record_id, moved_by,
                         CAST(SUM(quantity) OVER (ORDER BY moved_at, id ROWS UNBOUNDED PRECEDING) AS BIGINT) AS running
                  FROM front_desk_gift_moves WHERE org_unit_id = \(bind: unitId) AND gift = \(bind: gift)) m
            LEFT JOIN front_desk_records r ON r.id = m.record_id
            ORDER BY m.moved_at DESC, m.id DESC
            LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { row in
            let at = try row.decode(column: "moved_at", as: Int64.self)
            return GiftMoveView(id: try row.decode(column: "id", as: String.self), quantity: try row.decode(column: "quantity", as: Int.self),
                                balanceAfter: try row.decode(column: "running", as: Int.self), recordId: try row.decode(column: "record_id", as: String?.self),
                                recordNumber: try row.decode(column: "record_number", as: String?.self), note: try row.decode(column: "note", as: String?.self),
                                movedAt: Times.rfc3339(at), movedBy: try row.decode(column: "moved_by_name", as: String?.self) ?? "—", movedMillis: at)
        }
        return GiftLedgerModel(orgUnitId: unitId, unitName: try stock.decode(column: "unit_name", as: String?.self) ?? "—", gift: gift,
                               balance: try stock.decode(column: "balance", as: Int.self),
                               moves: ListPage(items: moves, page: paging.page, per: paging.per, total: total))
    }
}

/// The record page (`/front-desk/records/{id}`): the record, and for a bag or a lost item its photos (FRD-05).
public struct FrontDeskRecordPageModel: Sendable {
    public let record: FrontDeskRecordView
    public let photos: [Attachments.View]
    public let canAddPhotos: Bool
}
