import KefuDomain
import KefuOrg
import KefuPlatform

/// #14 item 6 in `kefu demo`: one installation serving three kinds of organisation — the estate's unit (WY, 翠湖花园
/// and 孙丽) has only property and the service desk, the scenic area (JQ and its departments) only scenic and the
/// service desk, the mall's front desk (FD) only the front desk. Through the service, once: a unit that has a setting
/// of its own is left as it is.
enum FeatureDemoData {
    static let switches: [(code: String, on: [KefuFeature])] = [
        ("WY", [.property, .serviceDesk]),
        ("JQ", [.scenic, .serviceDesk]),
        ("FD", [.frontDesk]),
    ]

    static func load(store: any Store) async throws -> [String] {
        let admin = try await AdminTasks.adminPrincipal(store)
        let org = OrgService(store: store)
        var created: [String] = []
        for s in switches {
            guard let unitId = try? await AdminTasks.unitId(store, code: s.code) else { continue }
            if try await org.features(unitId: unitId, viewer: admin).ownSetting { continue }
            _ = try await org.setFeatures(unitId: unitId, .init(enabled: s.on.map(\.rawValue)), by: admin)
            created.append("features of \(s.code)")
        }
        return created
    }
}
