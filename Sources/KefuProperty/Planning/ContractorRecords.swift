import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// PRP-05 an evaluation as typed: `{"evaluatedOn": "2026-11-30", "evaluator": "孙丽", "scores": [{"criterion": "清洁度", "score": 85}], "remarks": …}`.
public struct ContractorEvaluationBody: Decodable, Sendable {
    public struct Score: Decodable, Sendable {
        public var criterion: String?
        public var score: Int?
        public init(criterion: String?, score: Int?) { self.criterion = criterion; self.score = score }
    }
    public var evaluatedOn: String?
    public var evaluator: String?
    public var scores: [Score]?
    public var remarks: String?
    public init(evaluatedOn: String?, evaluator: String?, scores: [Score]?, remarks: String?) {
        self.evaluatedOn = evaluatedOn; self.evaluator = evaluator; self.scores = scores; self.remarks = remarks
    }
}

public struct ContractorScoreView: Codable, Sendable {
    public let criterion: String
    public let score: Int
}

public struct ContractorPlanView: Encodable, Sendable {
    public let id: String
    public let month: String
    public let content: String
    public let status: ContractorPlanStatus
    public let reviewNote: String?
    public let reviewedBy: String?
}

public struct ContractorEvaluationView: Encodable, Sendable {
    public let id: String
    public let evaluatedOn: String
    public let evaluator: String
    public let scores: [ContractorScoreView]
    /// The mean of the criteria to a tenth of a point ("84.3"), half-up (`ContractorEvaluationRules`).
    public let overall: String
    /// 合格: overall ≥ 80.0 and no criterion under 60.
    public let passed: Bool
    public let remarks: String?
}

/// PRP-05 an outsourced contractor of an estate (保洁/绿化/消杀), numbered WB-000001.
public struct ContractorView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let estateId: String
    public let estateName: String
    public let serviceType: ContractorServiceType
    public let company: String
    public let contact: String?
    public let contractFrom: String
    public let contractTo: String
    public var plans: [ContractorPlanView]
    public var evaluations: [ContractorEvaluationView]
    let orgPath: String

    enum CodingKeys: String, CodingKey { case id, number, estateId, estateName, serviceType, company, contact, contractFrom, contractTo, plans, evaluations }

    static let select = """
        SELECT c.id, c.number, c.estate_id, c.org_path, c.service_type, c.company, c.contact, c.contract_from, c.contract_to, e.name AS estate_name
        FROM property_contractors c JOIN property_estates e ON e.id = c.estate_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        estateId = try row.decode(column: "estate_id", as: String.self)
        estateName = try row.decode(column: "estate_name", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        serviceType = ContractorServiceType(rawValue: try row.decode(column: "service_type", as: String.self)) ?? .cleaning
        company = try row.decode(column: "company", as: String.self)
        contact = try row.decode(column: "contact", as: String?.self)
        contractFrom = try row.decode(column: "contract_from", as: String.self)
        contractTo = try row.decode(column: "contract_to", as: String.self)
        plans = []
        evaluations = []
    }
}
