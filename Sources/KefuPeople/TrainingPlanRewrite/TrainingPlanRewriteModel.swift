import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15 leftovers (TRN-02): a plan the office director returned (or a draft) rewritten from the page and submitted again
/// in one step — the form prefilled with the plan, the director's reason above it, typed input kept on a refusal.
public struct TrainingPlanRewriteModel: Sendable {
    public let plan: TrainingPlanView
}

extension TrainingPlanService {
    /// The plan to rewrite; 403 unless the viewer writes plans for its unit, 409 plan_state once submitted or approved.
    public func rewritePage(id: String, viewer: Principal) async throws -> TrainingPlanRewriteModel {
        try await store.read { db in
            guard let row = try await TrainingQueries.planRow(db, id: id) else { throw AppError.notFound(Text("培训计划", "Training plan")) }
            guard !viewer.roles.isDisjoint(with: TrainingRules.planAuthors), viewer.covers(unitPath: row.orgPath) else {
                throw AppError.forbidden(Text("培训计划由本单位客服主管编制（TRN-02）", "The training plan is written by the unit's customer-service supervisor (TRN-02)"))
            }
            guard Self.rewritable(row.status) else {
                throw AppError.conflict("plan_state", Text("已提交或已批准的培训计划不能修改", "A submitted or approved plan cannot be changed"))
            }
            return TrainingPlanRewriteModel(plan: try await TrainingQueries.planView(db, row, viewer: viewer))
        }
    }

    static func rewritable(_ status: String) -> Bool {
        status == TrainingRules.PlanStatus.draft.rawValue || status == TrainingRules.PlanStatus.returned.rawValue
    }

    /// TRN-02: rewrite a draft or returned plan and submit it to the office director, in one transaction (both audited).
    public func resubmit(id: String, _ input: TrainingPlanInput, by actor: Principal, now: Date = Date()) async throws -> TrainingPlanView {
        let (title, lines) = try Self.content(input)
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in
            _ = try await Self.rewrite(db, id: id, title: title, lines: lines, by: actor, now: now, lock: lock)
            return try await Self.take(db, .submit, id: id, note: "", by: actor, now: now, lock: lock)
        }
    }
}

