import Foundation
import KefuDomain
import KefuPlatform

/// #15.6: one recipient of a level as the API and the store carry it (`EscalationPathRules.Recipient`):
/// `{"kind":"role","role":"cs_supervisor"}`, `{"kind":"unit_role","role":"cs_manager","orgUnitId":…}` or
/// `{"kind":"user","userId":…}`. `name` is filled in on reads (the unit's or the person's name).
public struct EscalationRecipientView: Codable, Sendable, Equatable {
    public var kind: String?
    @Nullable public var role: String?
    @Nullable public var orgUnitId: String?
    @Nullable public var userId: String?
    @Nullable public var name: String?

    public init(kind: String?, role: String? = nil, orgUnitId: String? = nil, userId: String? = nil, name: String? = nil) {
        self.kind = kind
        self.role = role
        self.orgUnitId = orgUnitId
        self.userId = userId
        self.name = name
    }

    init(_ r: EscalationPathRules.Recipient) {
        switch r {
        case .role(let role): self.init(kind: r.kind, role: role.rawValue)
        case .unitRole(let role, let unit): self.init(kind: r.kind, role: role.rawValue, orgUnitId: unit)
        case .user(let id): self.init(kind: r.kind, userId: id)
        }
    }

    var input: EscalationPathRules.RecipientInput { .init(kind: kind, role: role, orgUnitId: orgUnitId, userId: userId) }
}

public struct EscalationLevelView: Codable, Sendable, Equatable {
    public var level: Int?
    public var afterMinutes: Int?
    public var recipients: [EscalationRecipientView]

    public init(level: Int?, afterMinutes: Int?, recipients: [EscalationRecipientView]) {
        self.level = level
        self.afterMinutes = afterMinutes
        self.recipients = recipients
    }
}

/// `PUT /api/v1/escalation-paths/{id}`: the unit's levels in order; an empty list removes the unit's own path.
public struct EscalationPathInput: Codable, Sendable {
    public var levels: [EscalationLevelView]?

    public init(levels: [EscalationLevelView]?) { self.levels = levels }
}

/// A unit's own path (`GET /api/v1/escalation-paths/{id}`), or the path it follows (`…/effective`): `source` is `own`,
/// `inherited` (from `fromOrgUnitId`) or `default` (no path on the way up: the supervisors of the owner's unit, #3).
public struct EscalationPathView: Codable, Sendable {
    public let orgUnitId: String
    public let orgUnitName: String
    public let source: String
    @Nullable public var fromOrgUnitId: String?
    @Nullable public var fromOrgUnitName: String?
    public let levels: [EscalationLevelView]
    @Nullable public var updatedAt: String?
}

/// The stored form of a path's levels (JSON text in `escalation_paths.levels` and `ticket_escalation_progress.levels`).
enum EscalationPathCodec {
    private struct Stored: Codable {
        let afterMinutes: Int
        let recipients: [EscalationRecipientView]
    }

    static func encode(_ levels: [EscalationPathRules.Level]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = levels.map { Stored(afterMinutes: $0.afterMinutes, recipients: $0.recipients.map(EscalationRecipientView.init)) }
        return String(decoding: (try? encoder.encode(stored)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The stored levels; an entry no longer understood (a role removed from the program) is left out.
    static func decode(_ text: String) -> [EscalationPathRules.Level] {
        guard let stored = try? JSONDecoder().decode([Stored].self, from: Data(text.utf8)) else { return [] }
        return stored.map { s in
            EscalationPathRules.Level(afterMinutes: s.afterMinutes, recipients: s.recipients.compactMap { r in
                let role = r.role.flatMap(Role.init(rawValue:))
                switch r.kind {
                case "role": return role.map { .role($0) }
                case "unit_role": return role.flatMap { ro in r.orgUnitId.map { .unitRole(ro, unitId: $0) } }
                case "user": return r.userId.map { .user($0) }
                default: return nil
                }
            })
        }
    }
}
