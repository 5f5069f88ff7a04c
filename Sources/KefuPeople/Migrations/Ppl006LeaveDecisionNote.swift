import KefuPlatform

extension PeopleMigrations {
    /// #15 leftovers (SHF-05): a leave request may be rejected with a reason, kept with the decision.
    static let ppl006LeaveDecisionNote = Migration(id: "ppl-006-leave-decision-note", common: [
        "ALTER TABLE leave_requests ADD COLUMN decision_note TEXT",
    ])
}
