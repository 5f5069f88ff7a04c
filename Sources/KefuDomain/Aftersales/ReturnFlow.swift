import Foundation

/// Returns and exchanges, SPEC 4.6 (RMA-07..11).
public enum ReturnStatus: String, CaseIterable, Codable, Sendable {
    case requested
    case goodsReceived = "goods_received"
    case inspected
    case accepted
    case rejected
    case slipIssued = "slip_issued"
    case salesManagerSigned = "sales_manager_signed"
    case bookedByFinance = "booked_by_finance"
    case closed
}

public enum ReturnKind: String, CaseIterable, Codable, Sendable {
    case `return`, exchange
}

/// RMA-08: who the QA inspection report holds responsible.
public enum DefectResponsibility: String, CaseIterable, Codable, Sendable {
    /// The product's own quality defect (the company's).
    case product
    case customer
    case transport
    case other
}

public struct ReturnFacts: Sendable, Equatable {
    public var kind: ReturnKind
    public var qualityIssue: Bool
    public var salespersonAnnotated: Bool
    public var replacementShipped: Bool
    public init(kind: ReturnKind, qualityIssue: Bool, salespersonAnnotated: Bool = false, replacementShipped: Bool = false) {
        self.kind = kind
        self.qualityIssue = qualityIssue
        self.salespersonAnnotated = salespersonAnnotated
        self.replacementShipped = replacementShipped
    }
}

public enum ReturnStep: Sendable, Equatable {
    case receiveGoods
    case inspect
    /// The quality rule's verdict (after inspection, or at receipt when quality is not questioned).
    case decide(eligible: Bool)
    case override
    case issueSlip
    case annotate
    case salesManagerSign
    case financeBook
    case shipReplacement
    case close
}

public enum ReturnFlow {
    public static func next(_ status: ReturnStatus, _ facts: ReturnFacts, _ step: ReturnStep) -> Result<ReturnStatus, FlowRefusal> {
        if status == .closed { return .failure(FlowRefusal("return_closed")) }
        switch step {
        case .receiveGoods:
            guard status == .requested else { return .failure(FlowRefusal("goods_already_received")) }
            return .success(.goodsReceived)
        case .inspect:
            // RMA-08: QA inspects when the customer questions quality.
            guard status == .goodsReceived else { return .failure(FlowRefusal(status == .requested ? "goods_not_received" : "already_inspected")) }
            guard facts.qualityIssue else { return .failure(FlowRefusal("no_quality_question")) }
            return .success(.inspected)
        case .decide(let eligible):
            let ready = status == .inspected || (status == .goodsReceived && !facts.qualityIssue)
            guard ready else {
                if status == .requested { return .failure(FlowRefusal("goods_not_received")) }
                if status == .goodsReceived { return .failure(FlowRefusal("inspection_missing")) }
                return .failure(FlowRefusal("already_decided"))
            }
            return .success(eligible ? .accepted : .rejected)
        case .override:
            // RMA-09 / D14: outside the rule only by the sales manager's written override.
            guard status == .rejected else { return .failure(FlowRefusal("override_not_needed")) }
            return .success(.accepted)
        case .issueSlip:
            guard status == .accepted else { return .failure(FlowRefusal(status == .rejected ? "return_rejected" : "not_accepted")) }
            return .success(.slipIssued)
        case .annotate:
            guard status == .slipIssued else { return .failure(FlowRefusal("slip_missing")) }
            return .success(.slipIssued)
        case .salesManagerSign:
            guard status == .slipIssued else {
                return .failure(FlowRefusal(order(status) < order(.slipIssued) ? "slip_missing" : "already_signed"))
            }
            guard facts.salespersonAnnotated else { return .failure(FlowRefusal("salesperson_annotation_missing")) }
            return .success(.salesManagerSigned)
        case .financeBook:
            // RMA-10: finance books only what the sales manager signed.
            guard status == .salesManagerSigned else {
                return .failure(FlowRefusal(status == .bookedByFinance ? "already_booked" : "sales_manager_signature_missing"))
            }
            return .success(.bookedByFinance)
        case .shipReplacement:
            // RMA-11: the replacement ships only after the returned goods and the slip exist.
            guard facts.kind == .exchange else { return .failure(FlowRefusal("not_an_exchange")) }
            guard !facts.replacementShipped else { return .failure(FlowRefusal("replacement_already_shipped")) }
            guard [.slipIssued, .salesManagerSigned, .bookedByFinance].contains(status) else {
                return .failure(FlowRefusal(status == .requested ? "goods_not_received" : "slip_missing"))
            }
            return .success(status)
        case .close:
            switch status {
            case .rejected: return .success(.closed)
            case .bookedByFinance:
                if facts.kind == .exchange, !facts.replacementShipped { return .failure(FlowRefusal("replacement_not_shipped")) }
                return .success(.closed)
            default: return .failure(FlowRefusal("finance_booking_missing"))
            }
        }
    }

    static func order(_ s: ReturnStatus) -> Int { ReturnStatus.allCases.firstIndex(of: s)! }
}
