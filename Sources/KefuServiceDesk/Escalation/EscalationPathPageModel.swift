import KefuDomain
import KefuOrg
import KefuPlatform

/// #15.6: the path editor as it shows it — the units the viewer may configure, the chosen unit, its own path, the path
/// it follows (and from where), and the choices of recipients — read in one transaction.
struct EscalationPathPageModel: Sendable {
    struct Choice: Sendable {
        /// The form value: `role:ROLE`, `unit_role:ROLE:UNIT` or `user:ID`.
        let value: String
        let label: String
        let group: Int
    }

    let units: [OrgQueries.UnitSummary]
    let unit: OrgQueries.UnitSummary?
    let own: EscalationPathView?
    let effective: EscalationPathView?
    let choices: [Choice]

    static func value(_ r: EscalationRecipientView) -> String {
        switch r.kind {
        case "role": return "role:\(r.role ?? "")"
        case "unit_role": return "unit_role:\(r.role ?? ""):\(r.orgUnitId ?? "")"
        case "user": return "user:\(r.userId ?? "")"
        default: return ""
        }
    }

    /// The recipient a form value stands for (nil for the empty choice).
    static func recipient(_ value: String) -> EscalationRecipientView? {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "role" where parts.count == 2: return .init(kind: "role", role: parts[1])
        case "unit_role" where parts.count == 3: return .init(kind: "unit_role", role: parts[1], orgUnitId: parts[2])
        case "user" where parts.count == 2: return .init(kind: "user", userId: parts[1])
        case nil, "": return nil
        default: return .init(kind: parts.first)
        }
    }
}

extension EscalationPathService {
    /// Roles offered in the picker: those a service centre escalates to.
    static let offeredRoles: [Role] = [.csSupervisor, .csManager, .deptSupervisor, .deptManager, .qa, .admin]
    static let staffLimit = 300

    func pageModel(unitId: String?, viewer: Principal, _ l: AppLocale) async throws -> EscalationPathPageModel {
        guard viewer.isAdmin || viewer.has(.superviseTickets) else { throw AppError.forbidden() }
        return try await store.read { db in
            let units = try await OrgQueries.activeUnitSummaries(db).filter { Self.mayConfigure(viewer, unitPath: $0.path) }
            guard let chosen = unitId ?? units.first?.id else {
                return EscalationPathPageModel(units: units, unit: nil, own: nil, effective: nil, choices: [])
            }
            let unit = try await Self.unit(db, chosen, actor: viewer)
            let own = try await EscalationPathQueries.view(db, unit: unit, effective: false)
            let effective = try await EscalationPathQueries.view(db, unit: unit, effective: true)
            let chain = OrgPath.ids(unit.path)
            let names = try await OrgQueries.unitNames(db, ids: Set(chain))
            var choices = Self.offeredRoles.map {
                EscalationPathPageModel.Choice(value: "role:\($0.rawValue)", label: Text("本部门（无则上级）：", "Owner's unit (else above): ")(l) + OrgLabels.role($0)(l), group: 0)
            }
            for u in chain.reversed() {
                for role in Self.offeredRoles {
                    choices.append(.init(value: "unit_role:\(role.rawValue):\(u)", label: "\(names[u] ?? u)：\(OrgLabels.role(role)(l))", group: 1))
                }
            }
            for s in try await OrgQueries.activeStaff(db, limit: Self.staffLimit) {
                choices.append(.init(value: "user:\(s.id)", label: s.displayName, group: 2))
            }
            return EscalationPathPageModel(units: units, unit: unit, own: own, effective: effective, choices: choices)
        }
    }
}
