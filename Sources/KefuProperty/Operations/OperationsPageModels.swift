import Foundation
import KefuDomain
import KefuPlatform

/// The models of the service centre's log pages (#14 PRP-07, PRP-04, PRP-10), each built in one read.
public struct PatrolsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let patrols: ListPage<PatrolView>
    public let mayRecord: Bool
}

public struct VacantPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let units: [VacantUnitView]
    public let checks: ListPage<VacantCheckView>
    public let mayRecord: Bool
}

public struct ProposalsPageModel: Sendable {
    public let estates: [PropertyEstateView]
    public let proposals: ListPage<ProposalView>
    public let batches: ListPage<ProposalBatchView>
    public let maySubmit: Bool
}

public struct DailyReviewPageModel: Sendable {
    public let day: DailyReviewDay
    public let pending: PendingReviewDays
}

extension PropertyOperationsService {
    public func patrolsPage(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> PatrolsPageModel {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.LogFilter.parse(query)
        return try await store.read { db in
            PatrolsPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                             patrols: try await OperationsQueries.patrols(db, f, paging: paging, viewer: viewer),
                             mayRecord: !viewer.roles.isDisjoint(with: PropertyOperationsRules.recorders))
        }
    }

    public func vacantPage(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> VacantPageModel {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.LogFilter.parse(query)
        return try await store.read { db in
            VacantPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                            units: try await OperationsQueries.vacantUnits(db, estateId: f.estateId, viewer: viewer),
                            checks: try await OperationsQueries.vacantChecks(db, f, paging: paging, viewer: viewer),
                            mayRecord: !viewer.roles.isDisjoint(with: PropertyOperationsRules.recorders))
        }
    }

    public func proposalsPage(_ query: [String: String], paging: Paging, viewer: Principal) async throws -> ProposalsPageModel {
        try Self.requireReader(viewer)
        let f = try OperationsQueries.ProposalFilter.parse(query)
        return try await store.read { db in
            ProposalsPageModel(estates: try await PropertyQueries.estates(db, viewer: viewer),
                               proposals: try await OperationsQueries.proposals(db, f, paging: paging, viewer: viewer),
                               batches: try await OperationsQueries.batches(db, paging: Paging(page: 1, per: 20), viewer: viewer),
                               maySubmit: !viewer.roles.isDisjoint(with: PropertyOperationsRules.reviewers))
        }
    }

    public func reviewPage(_ query: [String: String], viewer: Principal, now date: Date = Date()) async throws -> DailyReviewPageModel {
        try Self.requireReviewer(viewer)
        let today = Times.day(date)
        let day = try Self.day(query["day"], today: today)
        return try await store.read { db in
            let unit = try await Self.reviewUnit(db, unitId: TextRules.trimmed(query["orgUnitId"]), viewer: viewer)
            return DailyReviewPageModel(day: try await dayView(db, unit: unit, day: day, today: today, viewer: viewer),
                                        pending: try await pending(db, unit: unit, from: today.adding(days: -13), to: today))
        }
    }
}
