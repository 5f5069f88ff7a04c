import KefuDomain
import KefuPlatform
import SQLKit

/// The site ledger's days carry files (#12.1): a scan of the signed print (LED-06), a packing list (LED-04). Whoever
/// sees the day reads them (D16); whoever keeps its warehouse's books adds them.
struct SiteLedgerAttachments: AttachmentOwner {
    static let ownerKind = "site_ledger"
    let kind = Self.ownerKind

    func day(_ db: any SQLDatabase, _ id: String, _ principal: Principal) async throws -> SiteLedgerRow {
        guard let d = try await SiteLedgerQueries.row(db, id: id) else { throw AppError.notFound(Text("现场流水账", "Site ledger day")) }
        try MaterialAccess.requireViewer(principal)
        try SiteLedgerQueries.requireView(principal, d)
        return d
    }

    func requireRead(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        _ = try await day(db, ownerId, principal)
    }

    func requireAttach(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws {
        try MaterialAccess.requireEdit(principal, try await day(db, ownerId, principal).warehouse)
    }
}

/// The materials records that carry attachments, for the composition root.
public enum MaterialsAttachmentOwners {
    public static let all: [any AttachmentOwner] = [SiteLedgerAttachments(), ItemRequestAttachments(), ArrivalAttachments()]
}
