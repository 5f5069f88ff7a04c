import Foundation
import Testing

/// RET-04: records inside retention cannot be deleted. No source deletes from a table of filed records except the
/// places listed here, each of which removes something that is not yet a filed record (a draft, or the lines of a
/// draft being rewritten). A new delete of such a table fails this test until someone decides it here.
@Suite("House rules: filed records are never deleted (RET-04)")
struct RetainedRecordsDeleteRuleTests {
    /// The tables of filed records (RET-01..RET-03) and their parts.
    static let retained: Set<String> = [
        "tickets", "ticket_events", "ticket_comments",                                              // RET-01, the tickets the procedure comes from
        "complaints", "complaint_actions", "complaint_meetings", "repair_orders", "repair_units", "repair_qc", "returns",
        "survey_invitations", "survey_responses", "survey_answers", "satisfaction_assessments",       // RET-01
        "work_orders", "work_order_signatures",                                                       // RET-02
        "stock_documents", "stock_document_lines", "stock_movements", "transfers", "transfer_lines",  // RET-03
        "site_ledger_days", "site_ledger_lines", "material_requests", "material_request_lines",
        "audit_log", "attachments",
        "property_notices", "property_notice_lines", "property_payments", "property_patrols", "property_patrol_findings", // #14 RET-03 property
        "property_vacant_checks", "property_proposals", "property_work_plans", "property_work_plan_lines",                // #14 RET-03 property
        "property_work_plan_steps", "property_chases", "property_visits", "property_forums", "property_forum_resolutions", // #14 SAT-10, ESC-03
        "property_events", "property_event_notes",
    ]

    /// file name → the retained tables it may delete from, and why that is no filed record.
    static let allowed: [String: Set<String>] = [
        // A saved (never audited or un-audited) document is a draft (DOC-04, DOC-07); its lines are rewritten while it is one.
        "StockDocumentService.swift": ["stock_documents", "stock_document_lines"],
        // A saved transfer is a draft; un-audit removes its generated documents only while neither is audited (4.2).
        "TransferService.swift": ["transfers", "transfer_lines", "stock_documents", "stock_document_lines"],
        // The lines of a ledger day still in draft are rewritten.
        "SiteLedgerService.swift": ["site_ledger_lines"],
        // The lines of a request being edited (not closed) are rewritten.
        "MaterialRequestService.swift": ["material_request_lines"],
        // #14 RET-03: the lines of a work plan in draft or returned (not approved, so not filed) are rewritten.
        "WorkPlanService.swift": ["property_work_plan_lines"],
        // WO-07/08: the signature of an order still awaiting it (not completed, so not filed) is replaced when the
        // requester signs again; `forStep` refuses the step once the order is completed.
        "WorkOrderService.swift": ["work_order_signatures"],
        // #17.6 RET-04: the archive job deletes patrols (with their findings), vacant-unit checks, answered proposals,
        // approved work plans (with their lines and trail), visits and closed forums (with their resolutions) only past
        // their effective period and under no legal hold, re-checked in the deleting transaction, after their JSON lines
        // are fsynced.
        "PatrolArchiver.swift": ["property_patrols", "property_patrol_findings"],
        "VacantCheckArchiver.swift": ["property_vacant_checks"],
        "ProposalArchiver.swift": ["property_proposals"],
        "WorkPlanArchiver.swift": ["property_work_plans", "property_work_plan_lines", "property_work_plan_steps"],
        "VisitArchiver.swift": ["property_visits"],
        "ForumArchiver.swift": ["property_forums", "property_forum_resolutions"],
        // #17.6 RET-04, RET-02: completed work orders (with the requester's signature) past their 2 years, the same way.
        "WorkOrderArchiver.swift": ["work_orders", "work_order_signatures"],
        // #17.6 RET-04, RET-01: closed returns past their 3 years, the same way; their tombstone answers their links.
        "ReturnArchiver.swift": ["returns"],
        // … and closed repair orders that no survey invitation names, with their units and QC results.
        "RepairOrderArchiver.swift": ["repair_orders", "repair_units", "repair_qc"],
        // … and closed complaint cases, with their actions and meetings (and the reminders sent on the actions, no filed record).
        // … posted site ledger days, with their lines (their document links are no filed records), and the rows of their
        // files, which the platform deletes for the archiver (the bytes stay in the attachment store).
        "SiteLedgerArchiver.swift": ["site_ledger_days", "site_ledger_lines"],
        "AttachmentArchive.swift": ["attachments"],
        // … closed material requests, with their lines (and their signatures, no filed record of their own).
        "MaterialRequestArchiver.swift": ["material_requests", "material_request_lines"],
        // … settled fee notices, with their lines, payments and chase notes.
        // … closed tickets that no other record names, with their replies, timeline and clocks (the breaches, escalations
        // and escalation clock are no filed records); their search document is derived.
        "TicketArchiver.swift": ["tickets", "ticket_comments", "ticket_events"],
        "NoticeArchiver.swift": ["property_notices", "property_notice_lines", "property_payments", "property_chases"],
        "ComplaintArchiver.swift": ["complaint_actions", "complaint_meetings", "complaints"],
        // #17.6 RET-04, RET-03: closed estate events (with their follow-up notes) past their period, the same way.
        "PropertyEventArchiver.swift": ["property_events", "property_event_notes"],
    ]

    static func deletes(in text: String) -> [String] {
        let patterns = [#"(?i:DELETE\s+FROM)\s+([a-z_]+)"#, #"\.delete\(from:\s*"([a-z_]+)""#, #"Prune\.rows\([^)]*table:\s*"([a-z_]+)""#]
        return patterns.flatMap { TableOwnershipRuleTests.matches($0, in: text) }
    }

    @Test func theRuleSeesTheDeletesThatExist() {
        #expect(Self.deletes(in: #"try await db.raw("DELETE FROM stock_documents WHERE id = 1")"#) == ["stock_documents"])
        #expect(Self.deletes(in: #"db.delete(from: "tickets")"#) == ["tickets"])
        #expect(Self.deletes(in: #"Prune.rows(db, dialect: d, table: "work_orders", key: ["id"], where: "1")"#) == ["work_orders"])
    }

    @Test func noSourceDeletesAFiledRecord() throws {
        let all = FileManager.default.enumerator(at: PageModelRuleTests.sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(all.count > 100)
        var seen = Set<String>()
        for file in all {
            let text = try String(contentsOf: file, encoding: .utf8)
            for table in Self.deletes(in: text) where Self.retained.contains(table) {
                if Self.allowed[file.lastPathComponent]?.contains(table) == true {
                    seen.insert(file.lastPathComponent + ":" + table)
                } else {
                    Issue.record("\(file.lastPathComponent) deletes from `\(table)`, a table of filed records (RET-04): refuse the delete, or say here why it is no filed record")
                }
            }
        }
        // The allow-list names only deletes that exist (a stale entry would hide a future one).
        for (file, tables) in Self.allowed {
            for table in tables { #expect(seen.contains(file + ":" + table), "\(file) no longer deletes from \(table): drop it from the allow-list") }
        }
    }
}
