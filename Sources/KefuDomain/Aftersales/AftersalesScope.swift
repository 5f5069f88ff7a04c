/// #10.2: which after-sales records (repair orders, returns, complaints, survey invitations and responses) a user
/// reads and acts on. The rule of tickets: a role acts in its unit and below (`OrgPath`), by the record's unit (the
/// unit that registered it). Two additions the procedure of 篇8 needs, because those departments serve every unit:
/// - the company-wide departments of the procedure — 品管部 (`qa`), 销售部 (`sales`, `sales_manager`) and 财务
///   (`finance`) — see and act on the records of every unit (their own steps only: the step's permission still
///   applies);
/// - the responsible department of a complaint (CMP-09) sees the case it must plan actions for.
/// A record outside the scope is answered as if it did not exist (404), so its existence does not leak.
public enum AftersalesScope {
    /// Roles whose department serves every unit in the after-sales procedure (篇8 §3).
    public static let companyWideRoles: Set<Role> = [.qa, .sales, .salesManager, .finance]

    /// True when this user sees every unit's after-sales records.
    public static func coversEveryUnit(roles: Set<Role>, userPath: String) -> Bool {
        !roles.isDisjoint(with: companyWideRoles) || OrgPath.ids(userPath).count <= 1
    }

    public static func covers(roles: Set<Role>, userPath: String, recordPath: String, responsiblePath: String? = nil) -> Bool {
        if coversEveryUnit(roles: roles, userPath: userPath) { return true }
        if OrgPath.contains(userPath, recordPath) { return true }
        if let responsiblePath, OrgPath.contains(userPath, responsiblePath) { return true }
        return false
    }
}
