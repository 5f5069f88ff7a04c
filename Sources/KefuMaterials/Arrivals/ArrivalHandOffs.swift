import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Who is told about an arrival check (#13.2): ARR-04 a mismatch or damage goes to the site chief and in writing to
/// the business department; ARR-05 goods without papers wait for the production warehouse's shipper; ARR-06 a late
/// check is the site chief's responsibility and is flagged to them.
struct ArrivalHandOffs: Sendable {
    let notifier: any HandOffNotifier

    /// The site chief over the warehouse, and (`department`) the business department's leaders and accountant over it.
    static func siteChiefs(_ path: String, department: Bool) -> HandOff.Recipients {
        let roles: Set<Role> = department ? [.siteLead, .deptManager, .deptSupervisor, .deptAccountant] : [.siteLead]
        return .init(eligible: { userRoles, userPath in !userRoles.isDisjoint(with: roles) && OrgPath.contains(userPath, path) })
    }

    func discrepancy(_ db: any SQLDatabase, _ a: ArrivalView, by actor: Principal, at: Int64) async throws {
        let short = a.lines.filter { $0.difference.isNegative }.count, over = a.lines.filter { $0.difference.isPositive }.count
        let damaged = a.lines.filter(\.damaged).count
        _ = try await notifier.handOff(db, HandOff(
            kind: "arrival_discrepancy", recipients: Self.siteChiefs(a.orgPath, department: true),
            title: Text("到货差异：{0}", "Arrival discrepancy: {0}").with(a.number),
            body: Text("{0}：短少 {1} 行，多出 {2} 行，破损 {3} 行（ARR-04）", "{0}: {1} lines short, {2} over, {3} damaged (ARR-04)")
                .with(a.warehouseName, String(short), String(over), String(damaged)),
            link: "/materials/arrivals/\(a.id)", actorId: actor.userId), at: at)
    }

    func awaitingConfirmation(_ db: any SQLDatabase, _ a: ArrivalView, by actor: Principal, at: Int64) async throws {
        _ = try await notifier.handOff(db, HandOff(
            kind: "arrival_awaiting_confirmation",
            recipients: .init(eligible: { roles, _ in !roles.isDisjoint(with: ArrivalRules.confirmers) }),
            title: Text("无单据到货待确认：{0}", "Goods without papers to confirm: {0}").with(a.number),
            body: Text("{0} 收到无随货单据的货物，请生产库发货人确认后暂估入库（ARR-05）", "{0} received goods without papers; the production warehouse's shipper confirms them for a provisional receipt (ARR-05)")
                .with(a.warehouseName),
            link: "/materials/arrivals/\(a.id)", actorId: actor.userId), at: at)
    }

    func confirmed(_ db: any SQLDatabase, _ a: ArrivalView, by actor: Principal, at: Int64) async throws {
        _ = try await notifier.handOff(db, HandOff(
            kind: "arrival_confirmed", recipients: .init(userIds: [a.createdBy]),
            title: Text("生产库已确认到货：{0}", "Production confirmed the goods: {0}").with(a.number),
            body: Text("{0} 已确认，可以暂估入库（ARR-05）", "{0} confirmed them; the provisional receipt can be made (ARR-05)").with(actor.displayName),
            link: "/materials/arrivals/\(a.id)", actorId: actor.userId), at: at)
    }

    func late(_ db: any SQLDatabase, _ a: ArrivalView, by actor: Principal?, at: Int64) async throws {
        _ = try await notifier.handOff(db, HandOff(
            kind: "arrival_check_late", recipients: Self.siteChiefs(a.orgPath, department: false),
            title: Text("到货验收超期：{0}", "Arrival check late: {0}").with(a.number),
            body: Text("{0} 的到货应在 {1} 前验收完毕（到货后 5 个工作日，ARR-06）；超期造成的丢失或损坏由现场负责人承担",
                       "{0}: the check was due by {1} (5 working days after arrival, ARR-06); loss or damage from a late check is the site chief's responsibility")
                .with(a.warehouseName, a.checkDueOn),
            link: "/materials/arrivals/\(a.id)", actorId: actor?.userId ?? ""), at: at)
    }
}
