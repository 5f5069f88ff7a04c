import KefuDomain
import KefuOrg
import KefuPlatform

/// #11.6: the webhooks page as it shows it — the active units the viewer may configure (in tree order) and their
/// webhooks — read in one transaction; the units come through Org's query API.
struct WebhooksPageModel: Sendable {
    struct Unit: Sendable {
        let id: String
        let code: String
        let name: String
    }

    let units: [Unit]
    let hooks: [String: WebhookConfig]
}

extension NotificationService {
    func webhooksPageModel(viewer: Principal) async throws -> WebhooksPageModel {
        guard viewer.has(.superviseTickets) else { throw AppError.forbidden() }
        return try await store.read { db in
            let units = try await OrgQueries.activeUnitSummaries(db).filter { Self.mayConfigureWebhook(viewer, unitPath: $0.path) }
            return WebhooksPageModel(units: units.map { .init(id: $0.id, code: $0.code, name: $0.name) }, hooks: try await Self.webhooks(db, viewer: viewer))
        }
    }
}
