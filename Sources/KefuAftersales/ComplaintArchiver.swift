import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-01: a complaint case closed and past its period (3 years from closing), with its corrective and
/// preventive actions (CMP-09, every round), the reminders sent on them (CMP-12) and its meeting minutes (CMP-10). What
/// names a case stays readable without it: its hand-offs (`ComplaintHandOffs`) are the service desk's notification rows
/// linking to `/complaints/{id}`, which now answers the case's tombstone (410 `archived`, `RetentionTombstones`, in the
/// viewer's after-sales scope of the case's own unit); a survey response that opened it names it by id only; the quick
/// search finds its number (TS…) among the tombstones; the audit trail keeps its own rows; the ticket it came from is not
/// changed (the case names the ticket); the people and property figures of past periods count what is left, as for the
/// other archived kinds; its number came from a counter, so it is never given again. Columns as of aftersales-007.
struct ComplaintArchiver: TableArchiver {
    var kind: RetainedKind { .complaint }
    var retained: RetentionSQL.Table { AftersalesRetentionSource.table(.complaint) }

    static let complaints = ArchivedTable("complaints", columns: [
        ("id", .text), ("number", .text), ("ticket_id", .text), ("survey_response_id", .text), ("subject", .text), ("customer_name", .text),
        ("status", .text), ("responsibility", .text), ("handling", .text), ("root_cause", .text), ("responsible_org_unit_id", .text),
        ("internal_fault", .integer), ("samples_quantity", .integer), ("samples_inspected", .integer), ("samples_failed", .integer),
        ("plan_round", .integer), ("qa_verified", .integer), ("cs_verified", .integer), ("customer_accepted", .integer), ("customer_comment", .text),
        ("close_note", .text), ("about_user_id", .text), ("supervisor_reviewed_by", .text), ("supervisor_reviewed_at", .integer),
        ("supervisor_note", .text), ("return_visit_at", .integer), ("return_visit_note", .text), ("org_unit_id", .text), ("org_path", .text),
        ("registered_at", .integer), ("closed_at", .integer), ("created_by", .text), ("updated_at", .integer),
        ("source", .text), ("first_answer", .text), ("first_answered_by", .text), ("first_answered_at", .integer), // aftersales-007
    ])
    static let actions = ArchivedTable("complaint_actions", key: "complaint_id", order: "recorded_at, id", columns: [
        ("id", .text), ("complaint_id", .text), ("round", .integer), ("corrective", .text), ("preventive", .text), ("due_date", .text),
        ("org_unit_id", .text), ("recorded_by", .text), ("recorded_at", .integer), ("approved_by", .text), ("approved_at", .integer),
    ])
    static let reminders = ArchivedTable("complaint_action_reminders", key: "action_id", through: ("complaint_actions", "complaint_id"),
                                         order: "action_id, kind", columns: [("action_id", .text), ("kind", .text), ("sent_at", .integer)])
    static let meetings = ArchivedTable("complaint_meetings", key: "complaint_id", order: "held_at, id", columns: [
        ("id", .text), ("complaint_id", .text), ("minutes", .text), ("participants", .text), ("major", .integer), ("convened_by", .text),
        ("held_at", .integer),
    ])

    var record: ArchivedTable { Self.complaints }
    var children: [ArchivedTable] { [Self.actions, Self.reminders, Self.meetings] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("""
            DELETE FROM complaint_action_reminders WHERE action_id IN (SELECT id FROM complaint_actions WHERE complaint_id = \(bind: id))
            """).run()
        try await db.raw("DELETE FROM complaint_actions WHERE complaint_id = \(bind: id)").run()
        try await db.raw("DELETE FROM complaint_meetings WHERE complaint_id = \(bind: id)").run()
        try await db.raw("DELETE FROM complaints WHERE id = \(bind: id)").run()
    }
}
