import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the service centre's logs (#14 PRP-07, PRP-10): a patrol (XL-…), a vacant-unit check (KZ-…), an owner
/// proposal (YJ-…), a submission (TJ-…), a supervisor's visit to residents (ZF-…) or an owner forum (ZT-…, SAT-10) by its
/// whole number, only in the viewer's scope.
public struct PropertyOperationsFinder: SearchProvider {
    public init() {}

    static let kindOf = ["XL": "property_patrol", "KZ": "property_vacant_check", "YJ": "property_proposal", "TJ": "property_proposal_batch",
                         "ZF": "property_visit", "ZT": "property_forum"]

    public var kinds: [SearchKind] {
        [SearchKind("property_patrol", Text("巡楼记录", "Patrols")), SearchKind("property_vacant_check", Text("空置房检查", "Vacant-unit checks")),
         SearchKind("property_proposal", Text("业主建议", "Owner proposals")), SearchKind("property_proposal_batch", Text("建议提交", "Proposal submissions")),
         SearchKind("property_visit", Text("走访住户", "Visits to residents")), SearchKind("property_forum", Text("业主座谈会", "Owner forums"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers), let (prefix, number) = PropertyLogNumber.parse(r.query.code),
              let kind = Self.kindOf[prefix], r.wants(kind),
              let hit = try await OperationsQueries.byNumber(db, prefix: prefix, number: number, viewer: r.viewer) else { return [] }
        let root = PropertyPaths.root
        let href: String = switch prefix {
        case "XL": "\(root)/patrols/\(hit.id)"
        case "KZ": "\(root)/vacant?q=\(number)"
        case "YJ": "\(root)/proposals?q=\(number)"
        case "ZF": "\(root)/visits/\(hit.id)"
        case "ZT": "\(root)/forums/\(hit.id)"
        default: "\(root)/proposal-batches/\(hit.id)"
        }
        let title: String = switch prefix {
        case "XL": Text("巡楼 ", "Patrol ")(r.locale) + hit.day
        case "KZ": Text("空置房检查 ", "Vacant-unit check ")(r.locale) + hit.day
        case "YJ": Text("业主建议 ", "Owner proposal ")(r.locale) + hit.day
        case "ZF": Text("走访 ", "Visit ")(r.locale) + hit.day
        case "ZT": Text("业主座谈会 ", "Owner forum ")(r.locale) + hit.day
        default: Text("建议提交", "Proposal submission")(r.locale)
        }
        return [SearchHit(kind: kind, id: hit.id, number: number, title: title, detail: hit.what, href: href)]
    }
}
