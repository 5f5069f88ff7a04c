import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the property fees (#14 item 2): a fee notice by its whole number (JF-202612-000001), a unit by 房号
/// (or building-房号) and an occupant by the start of the name or the whole phone, only in the estates the viewer reads.
/// Combined (one statement with the other providers on PostgreSQL), and every look-up is an index range: the room
/// (`property_units_room_key`), the phone (`property_units_phone`), the name prefix (`property_units_occupant_name`).
public struct PropertyFinder: CombinedSearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("property_notice", Text("交费通知单", "Fee notices")), SearchKind("property_unit", Text("房屋与住户", "Units and occupants"))]
    }

    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers) else { return [] }
        if let number = PropertyNoticeNumber.parse(r.query.code) {
            guard r.wants("property_notice") else { return [] }
            // #17.6 RET-04: an archived notice's number finds its tombstone.
            return [SearchLookup("notice", "\(unsafeRaw: PropertyNoticeView.select) WHERE n.number = \(bind: number)"),
                    SearchLookup("archived_notice", RetentionTombstones.lookup(kind: .propertyNotice, number: number))]
        }
        guard r.wants("property_unit") else { return [] }
        let q = r.query
        func units(_ tag: String, _ condition: SQLQueryString) -> SearchLookup {
            SearchLookup(tag, """
                SELECT u.id, u.estate_id, u.building, u.room, u.area_centi, u.use_kind, u.occupant_kind, u.occupant_name, u.occupant_phone, u.move_in_on,
                    e.name AS estate_name
                FROM property_units u JOIN property_estates e ON e.id = u.estate_id
                WHERE \(PropertyQueries.scope("u", r.viewer)) AND \(condition)
                ORDER BY e.name, u.building, u.room LIMIT \(bind: r.limit)
                """)
        }
        var lookups = [units("room", PropertyQueries.roomCondition(q.text))]
        if let phone = q.phoneKey { lookups.append(units("phone", "u.occupant_phone = \(bind: phone)")) }
        if q.mayBeName {
            lookups.append(units("name", PropertyQueries.occupantNamePrefix(q.text)))
        }
        return lookups
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        if let row = rows["notice"]?.first {
            let n = try PropertyNoticeView(row: row, viewer: r.viewer, now: PropertyNow.month())
            guard PropertyRules.mayRead(roles: r.viewer.roles, userPath: r.viewer.orgPath, estatePath: n.orgPath) else { return [] }
            return [SearchHit(kind: "property_notice", id: n.id, number: n.number, title: "\(n.estateName) \(n.building) \(n.room) · \(n.month)",
                              detail: Text("应交 ", "Billed ")(r.locale) + n.billed + " · " + Text("欠 ", "Owing ")(r.locale) + n.owing,
                              href: "\(PropertyPaths.root)/notices/\(n.id)")]
        }
        if let row = rows["archived_notice"]?.first {
            let t = try RetentionTombstones.Tombstone(row: row)
            guard PropertyRules.mayRead(roles: r.viewer.roles, userPath: r.viewer.orgPath, estatePath: t.orgPath ?? "") else { return [] }
            return [t.searchHit(kind: "property_notice", href: "\(PropertyPaths.root)/notices/\(t.recordId)", locale: r.locale)]
        }
        var seen = Set<String>()
        let found = try ["room", "phone", "name"].flatMap { tag in
            try (rows[tag] ?? []).map { (unit: try PropertyUnitView(row: $0), estate: try $0.decode(column: "estate_name", as: String.self)) }
        }
        return found.filter { seen.insert($0.unit.id).inserted }.prefix(r.limit).map { u, estate in
            SearchHit(kind: "property_unit", id: u.id, number: nil, title: "\(estate) \(u.building) \(u.room)",
                      detail: [u.occupantName, u.occupantPhone].compactMap { $0 }.joined(separator: " · "),
                      href: "\(PropertyPaths.root)/units/\(u.id)") // #14 PRP-06: the unit's owner file
        }
    }
}

/// The pages' paths.
public enum PropertyPaths {
    public static let root = "/property"
}
