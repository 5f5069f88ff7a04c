import KefuDomain
import KefuPlatform
import SQLKit

/// #14 RET-03: the property records the service centre files with the archivist [篇12 职责二.10], for the retention
/// report: fee notices once settled (their payments go with them), building patrols and vacant-unit checks once
/// recorded, owner proposals once answered, work plans once approved by the company. An unsettled notice, an open
/// proposal or a plan still in review is not filed and is always kept. SAT-10 and ESC-03 add visits to residents once
/// their follow-up is closed (or none was needed), owner forums once closed or cancelled, and emergencies once closed;
/// the half-yearly opinion rounds are kept with their surveys (the survey kind of RET-01). RET-04: property has no delete route, and no
/// source deletes from these tables but the archive job (#17.6, every kind here past its period and not held) (`RetainedRecordsDeleteRuleTests` holds it; only a draft plan's lines are rewritten).
public struct PropertyRetentionSource: TableRetentionSource {
    public init() {}

    public var kinds: [RetainedKind] {
        [.propertyNotice, .propertyPatrol, .propertyVacantCheck, .propertyProposal, .propertyWorkPlan, .propertyVisit, .propertyForum, .propertyEvent]
    }

    static func table(_ kind: RetainedKind) -> RetentionSQL.Table {
        let root = PropertyPaths.root
        switch kind {
        case .propertyPatrol:
            return .init(table: "property_patrols", closed: "recorded_at", href: { "\(root)/patrols/\($0)" })
        case .propertyVacantCheck:
            return .init(table: "property_vacant_checks", closed: "recorded_at", href: { _ in "\(root)/vacant" })
        case .propertyProposal:
            return .init(table: "property_proposals", closed: "answered_at", condition: "status = 'answered'", href: { _ in "\(root)/proposals" })
        case .propertyWorkPlan:
            // An approved plan is never changed again: its last change is the company's approval.
            return .init(table: "property_work_plans", closed: "updated_at", condition: "status = 'approved'", href: { "\(root)/work-plans/\($0)" })
        case .propertyVisit:
            return .init(table: "property_visits", closed: "COALESCE(follow_up_closed_at, recorded_at)", condition: "follow_up_status <> 'open'",
                         href: { "\(root)/visits/\($0)" })
        case .propertyForum:
            // A closed or cancelled forum is never changed again: its last change is its closing.
            return .init(table: "property_forums", closed: "changed_at", condition: "status IN ('closed', 'cancelled')", href: { "\(root)/forums/\($0)" })
        case .propertyEvent:
            return .init(table: "property_events", closed: "closed_at", condition: "status = 'closed'", href: { "\(root)/events/\($0)" })
        default:
            return .init(table: "property_notices", closed: "settled_at", condition: "settled = 1", href: { "\(root)/notices/\($0)" })
        }
    }

    public func table(_ kind: RetainedKind) -> RetentionSQL.Table { Self.table(kind) }

    /// #17.6: `kefu retention archive` moves settled fee notices, patrols, vacant-unit checks, answered proposals,
    /// approved work plans, visits, closed forums and closed events out of the database.
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? { Self.archiver(kind) }

    static func archiver(_ kind: RetainedKind) -> (any PropertyArchiver)? {
        switch kind {
        case .propertyPatrol: return PatrolArchiver()
        case .propertyVacantCheck: return VacantCheckArchiver()
        case .propertyProposal: return ProposalArchiver()
        case .propertyWorkPlan: return WorkPlanArchiver()
        case .propertyVisit: return VisitArchiver()
        case .propertyForum: return ForumArchiver()
        // A settled notice is archived (`NoticeArchiver`); its month's notice run is closed from then on (`generate`).
        case .propertyNotice: return NoticeArchiver()
        // A closed event is archived (`PropertyEventArchiver`): the hand-off that reported or assigned it, a notification
        // row of the service desk's (not changed here), links to the event's page, which answers its tombstone once it is gone.
        case .propertyEvent: return PropertyEventArchiver()
        default: return nil
        }
    }
}
