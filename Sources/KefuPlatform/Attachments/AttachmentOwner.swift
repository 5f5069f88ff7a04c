import SQLKit

/// A feature whose records carry attachments. KefuPlatform knows no feature: the composition root hands the owners to
/// `Attachments`, and each answers, inside the attachment's transaction, whether a user may read the record (and so its
/// files) or add files to it — by throwing the feature's own 403/404 when not.
public protocol AttachmentOwner: Sendable {
    /// The `owner_kind` of the rows, e.g. `site_ledger`, `item_request`.
    var kind: String { get }
    func requireRead(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws
    func requireAttach(_ db: any SQLDatabase, ownerId: String, by principal: Principal) async throws
}
