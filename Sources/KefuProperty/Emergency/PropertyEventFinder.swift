import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for estate events (ESC-03): an event by its whole number (SJ-…), only in the viewer's scope.
public struct PropertyEventFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("property_event", Text("物业事件", "Estate events"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers), let number = PropertyEventNumber.parse(r.query.code), r.wants("property_event") else { return [] }
        guard let hit = try await PropertyEventQueries.byNumber(db, number: number, viewer: r.viewer) else {
            // #17.6 RET-04: an archived event's number finds its tombstone; its link answers when and where it went.
            return try await db.raw(RetentionTombstones.lookup(kind: .propertyEvent, number: number)).all().map { try RetentionTombstones.Tombstone(row: $0) }
                .filter { PropertyRules.mayRead(roles: r.viewer.roles, userPath: r.viewer.orgPath, estatePath: $0.orgPath ?? "") }
                .map { $0.searchHit(kind: "property_event", href: "\(PropertyPaths.root)/events/\($0.recordId)", locale: r.locale) }
        }
        return [SearchHit(kind: "property_event", id: hit.id, number: number, title: Text("事件 ", "Event ")(r.locale) + hit.day, detail: hit.title,
                          href: "\(PropertyPaths.root)/events/\(hit.id)")]
    }
}
