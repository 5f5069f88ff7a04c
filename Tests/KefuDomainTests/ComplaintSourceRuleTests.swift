import KefuDomain
import Testing

/// #16 item 6 (CMP-01, D15).
@Suite("Complaint source and first answer rules")
struct ComplaintSourceRuleTests {
    @Test func theAcceptingDepartmentAnswersFirstOnceWhileTheCaseIsOpen() {
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.sales], source: .sales, status: .registered, answered: false) == nil)
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.salesManager], source: .sales, status: .investigating, answered: false) == nil)
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.csAgent], source: .sales, status: .registered, answered: false) == "answered_by_sales")
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.csAgent], source: .direct, status: .registered, answered: false) == nil)
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.sales], source: .direct, status: .registered, answered: false) == "answered_by_customer_service")
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.sales], source: .sales, status: .registered, answered: true) == "already_answered")
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.sales], source: .sales, status: .closed, answered: false) == "complaint_closed")
        #expect(ComplaintFirstAnswerRules.answerRefusal(roles: [.admin], source: .sales, status: .registered, answered: false) == nil)
    }

    @Test func theSourceIsCorrectedOnlyBeforeTheAnswer() {
        #expect(ComplaintFirstAnswerRules.sourceChangeRefusal(status: .classified, answered: false) == nil)
        #expect(ComplaintFirstAnswerRules.sourceChangeRefusal(status: .classified, answered: true) == "already_answered")
        #expect(ComplaintFirstAnswerRules.sourceChangeRefusal(status: .closed, answered: false) == "complaint_closed")
        #expect(ComplaintSource.sales.answeringDepartment == "sales" && ComplaintSource.direct.answeringDepartment == "customer_service")
    }
}
