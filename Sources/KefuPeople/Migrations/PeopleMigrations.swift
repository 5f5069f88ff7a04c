import KefuPlatform

/// Tables of the people feature (#15): shift definitions, duty rosters, shift swaps and leave. Days are `YYYY-MM-DD`
/// text in the organisation's time zone; times of day are minutes after midnight; instants are UTC epoch millis.
public enum PeopleMigrations {
    /// In the order they apply. A shipped migration is never edited or removed (MigrationChecksumTests pins it);
    /// a change is a new file with the next number, appended here.
    public static let all: [Migration] = [
        ppl001ShiftsRosters,
        ppl002Handovers,
        ppl003Training, // #15.4
        ppl004QualityInspection, // #15.5 inspection
        ppl005Appraisal, // #15.5 KPI-04 (appraisal)
        ppl006LeaveDecisionNote, // #15 leftovers: leave reject
        ppl007Absences, // #15.3 absenteeism (absence helper)
        ppl008QualityAnalyses, // #15 KPI-07 quality analyses
        ppl009OneOpenLeavePerShift, // unique key behind the check
    ]
}
