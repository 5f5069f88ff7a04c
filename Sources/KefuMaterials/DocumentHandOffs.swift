import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4: a receipt, issue or transfer saved is waiting for audit (DOC-06, TRF-04/06): those who may audit it (DOC-08, D6, D16) are told.
struct DocumentHandOffs: Sendable {
    let notifier: any HandOffNotifier

    func awaitingAudit(_ db: any SQLDatabase, _ document: StockDocumentView, warehousePath: String, by actor: Principal, at: Int64) async throws {
        let kind = document.direction == StockDirection.in.rawValue ? Text("入库单", "Receipt") : Text("出库单", "Issue")
        let handOff = HandOff(
            kind: "document_awaiting_audit",
            recipients: .init(eligible: { roles, userPath in
                !roles.contains(.admin) && MaterialPermissions.canAuditDocuments(roles, covers: OrgPath.contains(userPath, warehousePath))
            }),
            title: Text("\(kind.zh)待审核：\(document.number)", "\(kind.en) awaiting audit: \(document.number)"),
            body: Text("{0} · {1}，由{2}制单", "{0} · {1}, made by {2}").with(document.warehouseName, document.date, actor.displayName),
            link: "/materials/documents/\(document.id)", actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }

    func transferAwaitingAudit(_ db: any SQLDatabase, _ transfer: TransferView, from: WarehouseView, to: WarehouseView, by actor: Principal, at: Int64) async throws {
        let handOff = HandOff(
            kind: "transfer_awaiting_audit",
            recipients: .init(eligible: { roles, userPath in
                !roles.contains(.admin) && MaterialPermissions.canManageTransfer(roles, crossDepartment: transfer.crossDepartment,
                                                                                 coversBoth: OrgPath.contains(userPath, from.orgPath) && OrgPath.contains(userPath, to.orgPath))
            }),
            title: Text("调拨单待审核：\(transfer.number)", "Transfer awaiting audit: \(transfer.number)"),
            body: Text("{0} → {1} · {2}，由{3}制单", "{0} → {1} · {2}, made by {3}").with(from.name, to.name, transfer.date, actor.displayName),
            link: "/materials/transfers/\(transfer.id)", actorId: actor.userId)
        try await notifier.handOff(db, handOff, at: at)
    }
}
