/// STK-04: a site counts itself, or under the supervision of staff from *another* site. The supervising unit named on
/// a stocktake must therefore be an active org unit of kind `site`, and not a unit whose warehouse is being counted.
public enum StocktakeSupervision {
    public enum Problem: String, Equatable, Sendable {
        /// No such unit, a deactivated one, or a unit that is not a site (a department, the head office).
        case notAnActiveSite = "supervisor_not_site"
        /// The site whose own warehouse is on the stocktake cannot supervise itself.
        case countedSite = "supervisor_is_counted_site"
    }

    /// What is wrong with `unitId` as the supervising unit, nil when it may supervise.
    /// - unitKind/unitActive: the named unit as the organisation knows it (nil kind: no such unit);
    /// - countedUnitIds: the units owning the warehouses being counted.
    public static func problem(unitId: String, unitKind: String?, unitActive: Bool, countedUnitIds: Set<String>) -> Problem? {
        guard unitKind == OrgUnitKind.site.rawValue, unitActive else { return .notAnActiveSite }
        return countedUnitIds.contains(unitId) ? .countedSite : nil
    }
}
