import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: a work plan (PRP-08) approved by the company and past its period, with its lines and its approval
/// trail. Nothing else points at a plan (its number comes from a counter, the audit trail keeps its own rows). Columns
/// as of prp-003.
struct WorkPlanArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyWorkPlan }

    static let plans = ArchivedTable("property_work_plans", columns: [
        ("id", .text), ("number", .text), ("org_unit_id", .text), ("org_path", .text), ("month", .text), ("status", .text), ("due_on", .text),
        ("first_submitted_on", .text), ("late", .integer), ("return_reason", .text), ("created_at", .integer), ("created_by", .text),
        ("updated_at", .integer),
    ])
    static let lines = ArchivedTable("property_work_plan_lines", key: "plan_id", order: "sort", columns: [
        ("plan_id", .text), ("sort", .integer), ("item", .text), ("owner", .text), ("target_on", .text),
    ])
    static let steps = ArchivedTable("property_work_plan_steps", key: "plan_id", order: "seq", columns: [
        ("id", .text), ("plan_id", .text), ("seq", .integer), ("action", .text), ("reason", .text), ("acted_at", .integer), ("acted_by", .text),
    ])

    var record: ArchivedTable { Self.plans }
    var children: [ArchivedTable] { [Self.lines, Self.steps] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_work_plan_lines WHERE plan_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_work_plan_steps WHERE plan_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_work_plans WHERE id = \(bind: id)").run()
    }
}
