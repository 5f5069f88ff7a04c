import KefuPlatform

/// What the scorecard page shows: the report and the units the viewer may pick (their unit and below).
struct ScorecardPageModel: Sendable {
    struct UnitOption: Sendable {
        let id: String
        let name: String
        let path: String
    }
    let report: AgentScorecardReport
    let units: [UnitOption]
}
