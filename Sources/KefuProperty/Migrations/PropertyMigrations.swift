import KefuPlatform

/// Tables of the property service centre's estate register and fees (#14 item 2, PRP-01..03, PRP-06). Times are UTC
/// epoch millis; a shipped migration is never edited or removed: a change is a new file with the next id (prp-002…).
public enum PropertyMigrations {
    public static let all: [Migration] = [
        prp001EstatesAndFees,
        prp002PatrolsReviewsProposals, // #14 PRP-07 PRP-04 PRP-10
        prp003PlansContractorsRegisters, // #14 PRP-08 PRP-05 PRP-11
        prp004OwnerFiles, // #14 PRP-06 owner files
        prp005EventsOpinionRounds, // #14 ESC-03 SAT-10
        prp006NoticeSettledAt, // #14 RET-03 (gates: after owners' prp-004 and propsat's prp-005)
        prp007NoticesClusteredByMonth, // #14 item 8
        prp008OccupantNameIndex, // #11.1
        prp009VisitsAndForums, // #14 SAT-10 visits and owner forums
        prp010OneOpenContractorPlan, // the unique key behind the check
    ]
}
