import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the property fees (#14 item 2): a fee notice by its whole number (JF-202612-000001), a unit by 房号
/// (or building-房号) and an occupant by name or phone, only in the estates the viewer reads.
public struct PropertyFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("property_notice", Text("交费通知单", "Fee notices")), SearchKind("property_unit", Text("房屋与住户", "Units and occupants"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers) else { return [] }
        var hits: [SearchHit] = []
        if r.wants("property_notice"), let number = PropertyNoticeNumber.parse(r.query.code),
           let n = try await PropertyQueries.noticeByNumber(db, number: number, viewer: r.viewer) {
            hits.append(SearchHit(kind: "property_notice", id: n.id, number: n.number, title: "\(n.estateName) \(n.building) \(n.room) · \(n.month)",
                                  detail: Text("应交 ", "Billed ")(r.locale) + n.billed + " · " + Text("欠 ", "Owing ")(r.locale) + n.owing,
                                  href: "\(PropertyPaths.root)/notices/\(n.id)"))
        }
        if r.wants("property_unit"), PropertyNoticeNumber.parse(r.query.code) == nil {
            for (u, estate) in try await PropertyQueries.findUnits(db, text: r.query.text, viewer: r.viewer, limit: r.limit) {
                hits.append(SearchHit(kind: "property_unit", id: u.id, number: nil, title: "\(estate) \(u.building) \(u.room)",
                                      detail: [u.occupantName, u.occupantPhone].compactMap { $0 }.joined(separator: " · "),
                                      href: "\(PropertyPaths.root)/units/\(u.id)")) // #14 PRP-06: the unit's owner file
            }
        }
        return hits
    }
}

/// The pages' paths.
public enum PropertyPaths {
    public static let root = "/property"
}
