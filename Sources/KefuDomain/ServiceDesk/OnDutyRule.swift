/// #15.1 "the roster feeds the SLA policies' on-duty notion" (#15 leftovers): an escalation path level that alerts a role
/// in a unit tells those of the role who are on duty now by the unit's roster — and everyone with the role, as before,
/// when the unit has no roster for the day or nobody of the role is on duty (an alert never goes to no one).
public enum OnDutyRule {
    /// `holders`: everyone the recipient names; `onDuty`: who is on duty now in the unit by its roster, nil without one.
    public static func narrow(_ holders: [String], onDuty: Set<String>?) -> [String] {
        guard let onDuty else { return holders }
        let present = holders.filter { onDuty.contains($0) }
        return present.isEmpty ? holders : present
    }
}
