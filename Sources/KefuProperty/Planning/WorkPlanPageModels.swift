import Foundation
import KefuDomain
import KefuPlatform

/// The work-plans page's model: the plans of a month and the units whose plan is missing or late, in one read.
public struct WorkPlanListModel: Sendable {
    public let month: String
    public let plans: [WorkPlanView]
    public let standing: WorkPlanStandingReport
    public let mayWrite: Bool
}

extension WorkPlanService {
    public func listPage(_ query: [String: String], viewer: Principal, now date: Date = Date()) async throws -> WorkPlanListModel {
        try PropertyQueries.requireReader(viewer)
        let month = try TextRules.trimmed(query["month"]).map { try PropertyInput.month($0) } ?? PropertyNow.month(date).adding(months: 1)
        return try await store.read { db in
            WorkPlanListModel(month: month.iso, plans: try await WorkPlanQueries.plans(db, month: month, status: nil, viewer: viewer),
                              standing: try await WorkPlanQueries.standing(db, month: month, viewer: viewer, today: Times.day(date)),
                              mayWrite: !viewer.roles.isDisjoint(with: PropertyRules.workers))
        }
    }

    /// The plan's lines as typed in the page's text box: "2027-01-10 张伟 清洗水箱" per line (date, owner, item).
    public static func typedLines(_ text: String) -> [WorkPlanBody.Line] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            let parts = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
            return WorkPlanBody.Line(item: parts.count > 2 ? parts[2] : nil, owner: parts.count > 1 ? parts[1] : nil, targetDate: parts.first)
        }
    }
}
