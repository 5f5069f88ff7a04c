@testable import KefuDomain
import Testing

@Suite("Material-loss responsibility rules (KPI-06, #15.5)")
struct LossResponsibilityRulesTests {
    @Test(arguments: [
        (LossResponsibilityAction.register, LossResponsibilityStatus?.none, LossResponsibilityStatus?.some(.registered)),
        (.register, .registered, nil),
        (.propose, .registered, .proposed),
        (.propose, .rejected, .proposed),
        (.propose, .proposed, nil),
        (.propose, .approved, nil),
        (.approve, .proposed, .approved),
        (.approve, .registered, nil),
        (.approve, .rejected, nil),
        (.approve, .approved, nil),
        (.reject, .proposed, .rejected),
        (.reject, .registered, nil),
        (.reject, .approved, nil),
    ])
    func transitions(_ action: LossResponsibilityAction, _ from: LossResponsibilityStatus?, _ to: LossResponsibilityStatus?) {
        #expect(LossResponsibilityRules.next(action, from: from) == to)
    }

    @Test func theBusinessDepartmentProposesInItsScopeAndHQDecides() {
        // KPI-06: 业务部 staff propose for the sites under them; not for other departments' sites.
        for role in [Role.deptAccountant, .deptSupervisor, .deptManager] {
            #expect(LossResponsibilityRules.may(.register, roles: [role], covers: true))
            #expect(LossResponsibilityRules.may(.propose, roles: [role], covers: true))
            #expect(!LossResponsibilityRules.may(.propose, roles: [role], covers: false))
            #expect(!LossResponsibilityRules.may(.approve, roles: [role], covers: true))
            #expect(!LossResponsibilityRules.may(.reject, roles: [role], covers: true))
        }
        // The site itself (its chief is the responsible person) neither proposes nor decides; nor does an administrator.
        for role in [Role.siteLead, .siteKeeper, .admin, .deptPlanner, .csAgent, .mgmtPlanner] {
            for action in LossResponsibilityAction.allCases { #expect(!LossResponsibilityRules.may(action, roles: [role], covers: true), "\(role) \(action)") }
        }
        // 业务管理部 decides everywhere (as for KPI-05).
        #expect(LossResponsibilityRules.may(.approve, roles: [.mgmtMaterials], covers: false))
        #expect(LossResponsibilityRules.may(.reject, roles: [.mgmtMaterials], covers: false))
        #expect(LossResponsibilityRules.mayEver(.approve, roles: [.mgmtMaterials]))
        #expect(!LossResponsibilityRules.mayEver(.approve, roles: [.deptManager]))
        #expect(LossResponsibilityRules.mayEver(.propose, roles: [.deptAccountant]))
        #expect(LossResponsibilityRules.siteChief == .siteLead)
    }

    @Test func whoSees() {
        #expect(LossResponsibilityRules.maySee(roles: [.mgmtPlanner], covers: false, isResponsible: false))
        #expect(LossResponsibilityRules.maySee(roles: [.siteKeeper], covers: true, isResponsible: false))
        #expect(!LossResponsibilityRules.maySee(roles: [.siteKeeper], covers: false, isResponsible: false))
        #expect(!LossResponsibilityRules.maySee(roles: [.deptAccountant], covers: false, isResponsible: false))
        #expect(LossResponsibilityRules.maySee(roles: [.csAgent], covers: false, isResponsible: true))
        #expect(!LossResponsibilityRules.maySee(roles: [.csAgent], covers: true, isResponsible: false))
    }

    @Test func aProposalNamesAnAmountOrAText() {
        #expect(LossResponsibilityRules.isCompleteProposal(amountFen: 20000, text: nil))
        #expect(LossResponsibilityRules.isCompleteProposal(amountFen: nil, text: "通报批评"))
        #expect(LossResponsibilityRules.isCompleteProposal(amountFen: 1, text: "扣绩效"))
        #expect(!LossResponsibilityRules.isCompleteProposal(amountFen: nil, text: nil))
        #expect(!LossResponsibilityRules.isCompleteProposal(amountFen: nil, text: ""))
        #expect(!LossResponsibilityRules.isCompleteProposal(amountFen: 0, text: "扣绩效"))
        #expect(LossResponsibilityRules.totalFen([3650, 120005]) == 123655)
    }

    @Test func causesCarryTheSeedsWords() {
        #expect(LossCause.allCases.map { $0.label.zh } == ["变质/损坏", "以大代小", "挪用/错用", "丢失"])
        #expect(LossCause(rawValue: "big_for_small") == .bigForSmall)
    }
}
