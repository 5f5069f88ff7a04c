import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15 leftovers: the port through which the breach scanner asks who of a unit is on duty now by its roster (the people
/// feature answers; the composition root passes it). The service desk knows no roster.
public protocol OnDutyDirectory: Sendable {
    /// The people on duty at `at` in the unit by its roster, inside the caller's transaction; nil when the unit has no
    /// roster for that day.
    func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>?
}

/// Without the people feature (tools, tests of one feature): no roster anywhere, everyone with the role is told.
public struct NoOnDutyDirectory: OnDutyDirectory {
    public init() {}
    public func onDuty(_ db: any SQLDatabase, unitId: String, at: Int64) async throws -> Set<String>? { nil }
}

extension EscalationSteps {
    /// Everyone a level names, as `EscalationPathRules.people(of:)`, each role narrowed to those of its unit on duty now
    /// (`OnDutyRule`); a named person is told whatever the roster says.
    static func people(_ db: any SQLDatabase, of level: EscalationPathRules.Level, path: String, members: [OrgQueries.ActiveMember],
                       onDuty: any OnDutyDirectory, at: Int64) async throws -> [String] {
        let domainMembers = domain(members)
        var all = Set<String>()
        for recipient in level.recipients {
            let holders = EscalationPathRules.people(recipient, path: path, members: domainMembers)
            let unit: String?
            switch recipient {
            case .user: unit = nil
            case .unitRole(_, let unitId): unit = unitId
            case .role: unit = members.first { holders.contains($0.id) }?.orgUnitId
            }
            guard let unit, !holders.isEmpty else { all.formUnion(holders); continue }
            all.formUnion(OnDutyRule.narrow(holders, onDuty: try await onDuty.onDuty(db, unitId: unit, at: at)))
        }
        return all.sorted()
    }
}
