/// #15.6: each unit's escalation path (ESC-02 "configurable per organisation: agent → CS supervisor/department head →
/// other departments or top management"), the path a unit inherits, when each level falls due after a breach, and which
/// tickets are difficult complaints for the business-management team (ESC-04). Pure rules, no I/O.
///
/// Decisions where SPEC and the seed are silent:
/// - A level's delay counts working time on the ticket's SLA calendar from the previous level (level 1: from the
///   breach). Level 1 may have 0 minutes (told at the breach); every later level needs at least 1 minute.
/// - A unit without a path of its own follows its nearest ancestor's; with none on the way the scanner keeps the
///   behaviour of #3 (the supervisors of the owner's unit, passed upward when it has none).
/// - Each breach of a ticket starts the path again at level 1; the path stops once the breached clock has stopped
///   (first response given, resolved, closed).
public enum EscalationPathRules {
    public static let maxLevels = 8
    public static let maxRecipientsPerLevel = 20
    public static let maxMinutes = SlaTargets.maxMinutes

    /// Who one recipient entry of a level stands for.
    public enum Recipient: Sendable, Equatable, Hashable {
        /// Holders of `role` in the unit concerned (the owner's unit, else the ticket's), passed upward to the nearest unit
        /// above that has one, as in #3.
        case role(Role)
        /// Holders of `role` in the named unit, which must be the path's unit or one above it.
        case unitRole(Role, unitId: String)
        /// One named person.
        case user(String)

        public var kind: String {
            switch self {
            case .role: return "role"
            case .unitRole: return "unit_role"
            case .user: return "user"
            }
        }
    }

    public struct Level: Sendable, Equatable {
        public var afterMinutes: Int
        public var recipients: [Recipient]

        public init(afterMinutes: Int, recipients: [Recipient]) {
            self.afterMinutes = afterMinutes
            self.recipients = recipients
        }
    }

    /// The raw input of one recipient, as sent by the API or the page.
    public struct RecipientInput: Sendable, Equatable {
        public var kind: String?
        public var role: String?
        public var orgUnitId: String?
        public var userId: String?

        public init(kind: String?, role: String? = nil, orgUnitId: String? = nil, userId: String? = nil) {
            self.kind = kind
            self.role = role
            self.orgUnitId = orgUnitId
            self.userId = userId
        }
    }

    public struct LevelInput: Sendable, Equatable {
        public var level: Int?
        public var afterMinutes: Int?
        public var recipients: [RecipientInput]

        public init(level: Int?, afterMinutes: Int?, recipients: [RecipientInput]) {
            self.level = level
            self.afterMinutes = afterMinutes
            self.recipients = recipients
        }
    }

    /// Why a path is refused (the service words it in zh/en, `EscalationPathMessages`).
    public enum Reason: String, Error, Sendable, Equatable, CaseIterable {
        case tooManyLevels, levelOutOfOrder, firstLevelMinutes, laterLevelMinutes, noRecipient, tooManyRecipients, duplicateRecipient
        case badRole, unitNotAbove, inactiveUser, badKind
    }

    /// A refusal: the field (`levels[0].afterMinutes`, …), the reason, the level (1-based) and the number given where it matters.
    public struct Refusal: Error, Sendable, Equatable {
        public let field: String
        public let reason: Reason
        public let level: Int
        public let given: Int?

        init(_ field: String, _ reason: Reason, level: Int = 0, given: Int? = nil) {
            self.field = field
            self.reason = reason
            self.level = level
            self.given = given
        }
    }

    /// Roles a path may name: staff roles only (a customer is never told of an internal escalation).
    public static func assignable(_ role: Role) -> Bool { role != .customer }

    /// Validates a path for the unit whose ancestors-or-self are `unitChain` (root first). `activeUserIds`: the named
    /// users that exist and are active staff. An empty list clears the unit's own path (it then inherits). Levels come in
    /// order; a `level` number given must be its place (1, 2, 3…).
    public static func validate(_ input: [LevelInput], unitChain: [String], activeUserIds: Set<String>) -> Result<[Level], Refusal> {
        guard input.count <= maxLevels else { return .failure(Refusal("levels", .tooManyLevels)) }
        var levels: [Level] = []
        for (i, l) in input.enumerated() {
            let field = "levels[\(i)]"
            let n = i + 1
            if let given = l.level, given != n { return .failure(Refusal("\(field).level", .levelOutOfOrder, level: n, given: given)) }
            let least = i == 0 ? 0 : 1
            guard let minutes = l.afterMinutes, minutes >= least, minutes <= maxMinutes else {
                return .failure(Refusal("\(field).afterMinutes", i == 0 ? .firstLevelMinutes : .laterLevelMinutes, level: n, given: l.afterMinutes))
            }
            guard !l.recipients.isEmpty else { return .failure(Refusal("\(field).recipients", .noRecipient, level: n)) }
            guard l.recipients.count <= maxRecipientsPerLevel else { return .failure(Refusal("\(field).recipients", .tooManyRecipients, level: n)) }
            var recipients: [Recipient] = []
            for (j, r) in l.recipients.enumerated() {
                switch recipient(r, unitChain: unitChain, activeUserIds: activeUserIds) {
                case .success(let parsed):
                    guard !recipients.contains(parsed) else { return .failure(Refusal("\(field).recipients[\(j)]", .duplicateRecipient, level: n)) }
                    recipients.append(parsed)
                case .failure(let reason):
                    return .failure(Refusal("\(field).recipients[\(j)]", reason, level: n))
                }
            }
            levels.append(Level(afterMinutes: minutes, recipients: recipients))
        }
        return .success(levels)
    }

    static func recipient(_ r: RecipientInput, unitChain: [String], activeUserIds: Set<String>) -> Result<Recipient, Reason> {
        let role = r.role.flatMap(Role.init(rawValue:)).flatMap { assignable($0) ? $0 : nil }
        switch r.kind {
        case "role":
            guard let role else { return .failure(.badRole) }
            return .success(.role(role))
        case "unit_role":
            guard let role else { return .failure(.badRole) }
            guard let unit = r.orgUnitId, unitChain.contains(unit) else { return .failure(.unitNotAbove) }
            return .success(.unitRole(role, unitId: unit))
        case "user":
            guard let user = r.userId, activeUserIds.contains(user) else { return .failure(.inactiveUser) }
            return .success(.user(user))
        default:
            return .failure(.badKind)
        }
    }

    /// The path a unit follows: its own, else its nearest ancestor's. `unitChain` is root first; `paths` by unit id
    /// (units with a path of their own). Nil: no path anywhere above, the default of #3 holds.
    public static func effective<P>(unitChain: [String], paths: [String: P]) -> (unitId: String, path: P)? {
        for unit in unitChain.reversed() { if let p = paths[unit] { return (unit, p) } }
        return nil
    }

    /// When level `index` (0-based) falls due, given when the previous level fell due (for level 0: the breach), on the
    /// ticket's calendar (working minutes).
    public static func due(of level: Level, after previous: Int64, on calendar: WorkCalendar, _ kind: ClockCalendar) -> Int64 {
        level.afterMinutes == 0 ? previous : calendar.adding(minutes: level.afterMinutes, to: previous, kind)
    }

    /// ESC-04 "difficult and important complaints": a complaint of priority high or urgent (the agent marks a
    /// complaint important by its priority; there is no separate flag).
    public static func isDifficultComplaint(type: TicketType, priority: TicketPriority) -> Bool {
        type == .complaint && (priority == .high || priority == .urgent)
    }

    /// ESC-04 / ESC-05: the business-management team (业务管理部) — the customer-service managers and supervisors of the
    /// management unit (kind `management`) nearest above the ticket's unit.
    public static let businessManagementRoles: Set<Role> = [.csManager, .csSupervisor]

    /// Whether the breached clock still runs its course (the path goes on): not answered/resolved, not closed.
    public static func stillOverdue(_ clocks: SlaClocks, _ kind: SlaClocks.Kind) -> Bool {
        guard !clocks.closed else { return false }
        switch kind {
        case .firstResponse: return clocks.firstRespondedAt == nil
        case .resolution: return clocks.resolvedAt == nil
        }
    }

    /// Among `members` of the units on `path` (root first), who `recipient` names. `.role` passes upward to the nearest
    /// unit that has a holder; `.unitRole` only that unit; `.user` the person, when a member given.
    public static func people(_ recipient: Recipient, path: String, members: [EscalationRecipients.Member]) -> [String] {
        switch recipient {
        case .role(let role):
            let holders = members.filter { $0.roles.contains(role) }
            guard let unit = OrgPath.ids(path).reversed().first(where: { u in holders.contains { $0.unitId == u } }) else { return [] }
            return holders.filter { $0.unitId == unit }.map(\.id).sorted()
        case .unitRole(let role, let unitId):
            return members.filter { $0.unitId == unitId && $0.roles.contains(role) }.map(\.id).sorted()
        case .user(let id):
            return [id]
        }
    }

    /// Everyone a level names, without repeats, in id order, except the one acting.
    public static func people(of level: Level, path: String, members: [EscalationRecipients.Member], except: String? = nil) -> [String] {
        Set(level.recipients.flatMap { people($0, path: path, members: members) }).filter { $0 != except }.sorted()
    }
}
