import KefuDomain
import Testing

@Suite("Aftersales: repair and return flows (SPEC 4.5, 4.6)")
struct RepairAndReturnFlowTests {
    static let repairSteps: [RepairStep] = [
        .diagnose(mainComponentDamaged: true, inWarranty: false), .diagnose(mainComponentDamaged: false, inWarranty: false),
        .customerDecision(approved: true), .customerDecision(approved: false), .qc(passed: true), .qc(passed: false), .ship, .close,
    ]

    static func repairAllowed(_ s: RepairStatus, _ step: RepairStep) -> Bool {
        switch (s, step) {
        case (.received, .diagnose), (.awaitingCustomerApproval, .customerDecision), (.repairing, .qc),
             (.readyToShip, .ship), (.returningUnrepaired, .ship), (.shipped, .close): return true
        default: return false
        }
    }

    @Test func everyForbiddenRepairTransitionIsRefused() {
        for status in RepairStatus.allCases {
            for step in Self.repairSteps {
                switch RepairFlow.next(status, step) {
                case .success: #expect(Self.repairAllowed(status, step), "\(status) + \(step) should be refused")
                case .failure: #expect(!Self.repairAllowed(status, step), "\(status) + \(step) should be allowed")
                }
            }
        }
    }

    @Test func repairPaths() {
        // RMA-02: only main component damaged AND out of warranty waits for consent.
        #expect(RepairFlow.next(.received, .diagnose(mainComponentDamaged: true, inWarranty: false)) == .success(.awaitingCustomerApproval))
        #expect(RepairFlow.next(.received, .diagnose(mainComponentDamaged: true, inWarranty: true)) == .success(.repairing))
        #expect(RepairFlow.next(.received, .diagnose(mainComponentDamaged: false, inWarranty: false)) == .success(.repairing))
        #expect(RepairFlow.next(.awaitingCustomerApproval, .customerDecision(approved: false)) == .success(.returningUnrepaired))
        #expect(RepairFlow.next(.repairing, .qc(passed: false)) == .success(.repairing))
        // RMA-05: no dispatch without QC pass, with a code naming it.
        #expect(RepairFlow.next(.repairing, .ship) == .failure(FlowRefusal("qc_pass_missing")))
        #expect(RepairFlow.next(.awaitingCustomerApproval, .qc(passed: true)) == .failure(FlowRefusal("customer_consent_missing")))
    }

    static let returnSteps: [ReturnStep] = [.receiveGoods, .inspect, .decide(eligible: true), .decide(eligible: false), .override, .issueSlip,
                                            .annotate, .salesManagerSign, .financeBook, .shipReplacement, .close]

    static func returnAllowed(_ s: ReturnStatus, _ step: ReturnStep, _ f: ReturnFacts) -> Bool {
        switch (s, step) {
        case (.requested, .receiveGoods): return true
        case (.goodsReceived, .inspect): return f.qualityIssue
        case (.goodsReceived, .decide): return !f.qualityIssue
        case (.inspected, .decide): return true
        case (.rejected, .override), (.accepted, .issueSlip), (.slipIssued, .annotate): return true
        case (.slipIssued, .salesManagerSign): return f.salespersonAnnotated
        case (.salesManagerSigned, .financeBook): return true
        case (.slipIssued, .shipReplacement), (.salesManagerSigned, .shipReplacement), (.bookedByFinance, .shipReplacement):
            return f.kind == .exchange && !f.replacementShipped
        case (.rejected, .close): return true
        case (.bookedByFinance, .close): return f.kind == .return || f.replacementShipped
        default: return false
        }
    }

    @Test func everyForbiddenReturnTransitionIsRefused() {
        for kind in ReturnKind.allCases {
            for quality in [true, false] {
                for annotated in [true, false] {
                    for shipped in [true, false] {
                        let facts = ReturnFacts(kind: kind, qualityIssue: quality, salespersonAnnotated: annotated, replacementShipped: shipped)
                        for status in ReturnStatus.allCases {
                            for step in Self.returnSteps {
                                switch ReturnFlow.next(status, facts, step) {
                                case .success: #expect(Self.returnAllowed(status, step, facts), "\(status) + \(step) \(facts) should be refused")
                                case .failure: #expect(!Self.returnAllowed(status, step, facts), "\(status) + \(step) \(facts) should be allowed")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func exchangeShipsOnlyAfterGoodsAndSlip() {
        let f = ReturnFacts(kind: .exchange, qualityIssue: true)
        #expect(ReturnFlow.next(.requested, f, .shipReplacement) == .failure(FlowRefusal("goods_not_received")))
        #expect(ReturnFlow.next(.accepted, f, .shipReplacement) == .failure(FlowRefusal("slip_missing")))
        #expect(ReturnFlow.next(.slipIssued, f, .shipReplacement) == .success(.slipIssued))
        #expect(ReturnFlow.next(.bookedByFinance, f, .close) == .failure(FlowRefusal("replacement_not_shipped")))
    }
}
