import KefuDomain
import KefuPlatform

/// #16 item 5 (CH-03, CH-04): a reply template as the API and the pages show it. `orgUnitId` null: company-wide.
public struct ReplyTemplateView: Codable, Sendable {
    public let id: String
    @Nullable public var orgUnitId: String?
    public let orgUnitName: String
    public let kind: String
    @Nullable public var channel: String?
    public let category: String
    public let title: String
    @Nullable public var code: String?
    public let body: String
    public let locale: String
    public let active: Bool
    public let updatedAt: String
    /// Whether the caller may change it (CH-03: its unit's supervisors and above).
    public let mayEdit: Bool
}

/// A template filled in for one ticket (`GET /api/v1/tickets/{id}/reply-templates`, the ticket page's picker).
public struct RenderedReplyTemplate: Codable, Sendable {
    public let id: String
    public let kind: String
    @Nullable public var channel: String?
    public let category: String
    public let title: String
    @Nullable public var code: String?
    public let locale: String
    public let text: String
}

/// #16 item 5: what the reply-templates page shows, read in one transaction.
struct ReplyTemplatesPageModel: Sendable {
    let templates: ListPage<ReplyTemplateView>
    /// The units the viewer may write templates for ("" = company-wide), first their own.
    let units: [(id: String, name: String)]
    let editing: ReplyTemplateView?
}
