/// Who works the scenic area's visitor services (篇11, VIS-01..05, LND-03/04): the area's visitor-service staff
/// (景区游客服务) and administrators, in their unit and below. The departments (场馆运营部, 市场运营部, 市场营销部) are
/// org units of kind department; a record names the unit it belongs to.
public enum ScenicRules {
    public static let workers: Set<Role> = [.scenicOps, .admin]

    public static func isWorker(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: workers) }

    public static func mayWork(roles: Set<Role>, userPath: String, recordPath: String) -> Bool {
        OrgPath.contains(userPath, recordPath) && isWorker(roles)
    }
}
