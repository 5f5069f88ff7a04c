import KefuDomain
import KefuOrg
import SQLKit

/// The organisation facts a breach pass reads for every ticket it escalates: the unit its owner is in, the active
/// members of that unit's path, the escalation path the unit follows, the units of the path with a webhook, and the
/// names of the people told. A batch of 500 breaches mostly concerns a few owners and units, so each fact is read once
/// per batch (#17.2/#18.5: on PostgreSQL each read is a round trip, and a breach cost 8–9 of them). One instance lives
/// for one batch, which is one transaction: the batch acts on the organisation as its first read of each fact saw it.
final class EscalationLookups {
    private var ownerPaths: [String: String?] = [:]
    private var members: [String: [OrgQueries.ActiveMember]] = [:]
    private var followed: [String: (unitId: String, levels: [EscalationPathRules.Level])?] = [:]
    private var hooked: [String: Set<String>] = [:]
    private var names: [String: String] = [:]

    func ownerPath(_ db: any SQLDatabase, userId: String) async throws -> String? {
        try await Self.remembered(&ownerPaths, userId) { try await OrgQueries.userUnitPath(db, userId: userId) }
    }

    /// The active members of every unit on `path`.
    func members(_ db: any SQLDatabase, path: String) async throws -> [OrgQueries.ActiveMember] {
        try await Self.remembered(&members, path) { try await OrgQueries.activeMembers(db, ofUnits: OrgPath.ids(path)) }
    }

    func followedPath(_ db: any SQLDatabase, unitPath: String) async throws -> (unitId: String, levels: [EscalationPathRules.Level])? {
        try await Self.remembered(&followed, unitPath) { try await EscalationPathQueries.effective(db, unitPath: unitPath) }
    }

    /// Of `units`, those with an active webhook.
    func unitsWithWebhook(_ db: any SQLDatabase, among units: [String]) async throws -> Set<String> {
        try await Self.remembered(&hooked, units.joined(separator: "/")) { try await Webhooks.unitsWithWebhook(db, among: units) }
    }

    func displayNames(_ db: any SQLDatabase, ids: Set<String>) async throws -> [String: String] {
        let missing = ids.subtracting(names.keys)
        if !missing.isEmpty {
            names.merge(try await OrgQueries.displayNames(db, ids: missing)) { a, _ in a }
        }
        return names.filter { ids.contains($0.key) }
    }

    /// `cache[key]`, read once. A fact that is absent (`V` optional, read as nil) is remembered as absent.
    private static func remembered<V>(_ cache: inout [String: V], _ key: String, _ read: () async throws -> V) async throws -> V {
        if let known = cache[key] { return known }
        let found = try await read()
        cache[key] = found
        return found
    }
}
