import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for estate events (ESC-03): an event by its whole number (SJ-…), only in the viewer's scope.
public struct PropertyEventFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("property_event", Text("物业事件", "Estate events"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers), let number = PropertyEventNumber.parse(r.query.code), r.wants("property_event"),
              let hit = try await PropertyEventQueries.byNumber(db, number: number, viewer: r.viewer) else { return [] }
        return [SearchHit(kind: "property_event", id: hit.id, number: number, title: Text("事件 ", "Event ")(r.locale) + hit.day, detail: hit.title,
                          href: "\(PropertyPaths.root)/events/\(hit.id)")]
    }
}
