/// #11.8: who is told when a ticket breaches its service standard or is escalated (SLA-03, ESC-01..03), decided in
/// one place. The service desk only looks the people up (Org's query API) and delivers.
///
/// - The unit concerned: the unit the ticket was escalated or handed to, when one is named (ESC-02: "→ other
///   departments"); else the owner's unit (SLA-03: the owner's supervisor sees what is overdue); else the ticket's unit.
/// - Who there: its customer-service supervisors and managers (ESC-02 "CS supervisor/department head", ESC-03 "the
///   CS supervisor follows up"). A unit without one passes it upward: the nearest unit above that has one (ESC-02
///   "reported upward"). Everyone of that one unit is told; nobody of the units above it.
/// - The one acting (who escalated or handed it on) is never told of their own act.
public enum EscalationRecipients {
    public struct Member: Sendable, Equatable {
        public let id: String
        public let unitId: String
        public let roles: Set<Role>

        public init(id: String, unitId: String, roles: Set<Role>) {
            self.id = id
            self.unitId = unitId
            self.roles = roles
        }
    }

    /// ESC-02/03: who is told in a unit.
    public static let supervisorRoles: Set<Role> = [.csSupervisor, .csManager]

    /// The path of the unit concerned (see above); `ownerPath` is the owner's unit, if the ticket has an owner.
    public static func unitPath(target: String?, ownerPath: String?, ticketPath: String) -> String {
        target ?? ownerPath ?? ticketPath
    }

    /// The people told, among `members` of the units on `path` (any order), in id order.
    public static func choose(path: String, members: [Member], except actorId: String?) -> [Member] {
        let candidates = members.filter { !$0.roles.isDisjoint(with: supervisorRoles) && $0.id != actorId }
        guard let unit = OrgPath.ids(path).reversed().first(where: { u in candidates.contains { $0.unitId == u } }) else { return [] }
        return candidates.filter { $0.unitId == unit }.sorted { $0.id < $1.id }
    }
}
