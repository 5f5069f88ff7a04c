/// ISS-05: issues serve normal site work only; the storekeeper may refuse others. A refusal is logged with who asked,
/// for what and why it was refused, and reported to the site chief (现场总代表) or the department manager.
public enum IssueRefusalRules {
    /// Who is told of a refusal at a warehouse of the unit at `warehousePath`: the site chief of that site, and the
    /// manager of the department above it (decision #12.4: both; the seed names either).
    public static func isReportedTo(_ roles: Set<Role>, userPath: String, warehousePath: String) -> Bool {
        OrgPath.contains(userPath, warehousePath) && (roles.contains(.siteLead) || roles.contains(.deptManager))
    }
}
