import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: an owner proposal (PRP-10) answered and past its period. It has no child rows and nothing points at it:
/// the proposal names its submission (`batch_id`), not the other way round; the submission (TJ-…) keeps its row and
/// its counts of proposals and answers as they were. Columns as of prp-002.
struct ProposalArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyProposal }

    static let proposals = ArchivedTable("property_proposals", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("unit_id", .text), ("org_path", .text), ("owner_name", .text),
        ("owner_phone", .text), ("content", .text), ("proposed_on", .text), ("received_by", .text), ("status", .text), ("batch_id", .text),
        ("answer", .text), ("answered_at", .integer), ("answered_by", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])

    var record: ArchivedTable { Self.proposals }
    var children: [ArchivedTable] { [] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_proposals WHERE id = \(bind: id)").run()
    }
}
