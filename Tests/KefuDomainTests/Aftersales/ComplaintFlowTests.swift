import KefuDomain
import Testing

@Suite("Aftersales: complaint flow (SPEC 4.7)")
struct ComplaintFlowTests {
    static let allSteps: [ComplaintStep] = [
        .classify(.company, .quality), .classify(.company, .customerService), .classify(.notCompany, .customerService),
        .analysis(internalFault: true), .planActions, .approve, .reviewMeeting,
        .customerConfirmation(accepted: true), .customerConfirmation(accepted: false),
        .verification(effective: true, byQuality: true), .verification(effective: false, byQuality: false), .close,
    ]

    /// The allowed (status, step) pairs, with fully established facts; everything else is refused.
    static func allowed(_ s: ComplaintStatus, _ step: ComplaintStep) -> Bool {
        switch (s, step) {
        case (.registered, .classify): return true
        case (.investigating, .analysis), (.investigating, .planActions), (.investigating, .reviewMeeting): return true
        case (.actionPlanned, .planActions), (.actionPlanned, .approve), (.actionPlanned, .reviewMeeting): return true
        case (.awaitingConfirmation, .customerConfirmation): return true
        case (.actionInProgress, .verification): return true
        case (.classified, .close), (.verified, .close): return true
        default: return false
        }
    }

    @Test func everyForbiddenTransitionIsRefused() {
        let facts = ComplaintFacts(handling: .quality, analysisRecorded: true, internalFault: true, actionsPlanned: true)
        for status in ComplaintStatus.allCases {
            for step in Self.allSteps where !(step == .classify(.notCompany, .quality)) {
                let result = ComplaintFlow.next(status, facts, step)
                switch result {
                case .success: #expect(Self.allowed(status, step), "\(status) + \(step) should be refused")
                case .failure(let refusal):
                    #expect(!Self.allowed(status, step), "\(status) + \(step) refused with \(refusal.code)")
                    #expect(!refusal.code.isEmpty)
                }
            }
        }
    }

    @Test func closedIsFinal() {
        for step in Self.allSteps {
            #expect(ComplaintFlow.next(.closed, ComplaintFacts(), step) == .failure(FlowRefusal("complaint_closed")))
        }
    }

    @Test func threePathsOfClassification() {
        #expect(ComplaintFlow.next(.registered, .init(), .classify(.notCompany, .customerService)) == .success(.classified))
        #expect(ComplaintFlow.next(.registered, .init(), .classify(.company, .customerService)) == .success(.classified))
        #expect(ComplaintFlow.next(.registered, .init(), .classify(.company, .quality)) == .success(.investigating))
        #expect(ComplaintFlow.next(.registered, .init(), .classify(.notCompany, .quality)) == .failure(FlowRefusal("not_company_goes_to_customer_service")))
    }

    @Test func closingNamesTheMissingStep() {
        #expect(ComplaintFlow.next(.registered, .init(), .close) == .failure(FlowRefusal("classification_missing")))
        #expect(ComplaintFlow.next(.investigating, .init(handling: .quality), .close) == .failure(FlowRefusal("analysis_missing")))
        #expect(ComplaintFlow.next(.investigating, .init(handling: .quality, analysisRecorded: true, internalFault: true), .close)
                == .failure(FlowRefusal("actions_missing")))
        // CMP-07: no internal fault → CS answers and closes.
        #expect(ComplaintFlow.next(.investigating, .init(handling: .quality, analysisRecorded: true, internalFault: false), .close) == .success(.closed))
        #expect(ComplaintFlow.next(.actionPlanned, .init(actionsPlanned: true), .close) == .failure(FlowRefusal("approval_missing")))
        #expect(ComplaintFlow.next(.awaitingConfirmation, .init(), .close) == .failure(FlowRefusal("customer_confirmation_missing")))
        #expect(ComplaintFlow.next(.actionInProgress, .init(), .close) == .failure(FlowRefusal("verification_missing")))
    }

    @Test func actionsNeedAnInternalFaultAndApprovalNeedsActions() {
        #expect(ComplaintFlow.next(.investigating, .init(), .planActions) == .failure(FlowRefusal("analysis_missing")))
        #expect(ComplaintFlow.next(.investigating, .init(analysisRecorded: true, internalFault: false), .planActions) == .failure(FlowRefusal("no_internal_fault")))
        #expect(ComplaintFlow.next(.actionPlanned, .init(actionsPlanned: false), .approve) == .failure(FlowRefusal("actions_missing")))
        #expect(ComplaintFlow.next(.actionPlanned, .init(actionsPlanned: true), .approve) == .success(.awaitingConfirmation))
    }

    @Test func verificationNeedsBothSidesAndFailureReplans() {
        let none = ComplaintFacts(actionsPlanned: true)
        #expect(ComplaintFlow.next(.actionInProgress, none, .verification(effective: true, byQuality: true)) == .success(.actionInProgress))
        #expect(ComplaintFlow.next(.actionInProgress, none, .verification(effective: true, byQuality: false)) == .success(.actionInProgress))
        let qaDone = ComplaintFacts(actionsPlanned: true, qaVerifiedEffective: true)
        #expect(ComplaintFlow.next(.actionInProgress, qaDone, .verification(effective: true, byQuality: false)) == .success(.verified))
        #expect(ComplaintFlow.next(.actionInProgress, qaDone, .verification(effective: false, byQuality: false)) == .success(.actionPlanned))
        #expect(ComplaintFlow.next(.awaitingConfirmation, none, .customerConfirmation(accepted: false)) == .success(.investigating))
    }
}
