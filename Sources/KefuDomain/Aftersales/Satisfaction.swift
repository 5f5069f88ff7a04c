/// The five levels of 篇8 §5.8.3 (SAT-03/04), 5 = 很满意 … 1 = 不满意.
public enum SatisfactionLevel: Int, CaseIterable, Codable, Sendable {
    case verySatisfied = 5, satisfied = 4, basicallySatisfied = 3, notVerySatisfied = 2, dissatisfied = 1

    public var zh: String {
        switch self {
        case .verySatisfied: return "很满意"
        case .satisfied: return "比较满意"
        case .basicallySatisfied: return "基本满意"
        case .notVerySatisfied: return "不太满意"
        case .dissatisfied: return "不满意"
        }
    }

    public var en: String {
        switch self {
        case .verySatisfied: return "Very satisfied"
        case .satisfied: return "Satisfied"
        case .basicallySatisfied: return "Basically satisfied"
        case .notVerySatisfied: return "Not very satisfied"
        case .dissatisfied: return "Dissatisfied"
        }
    }

    /// D10: "基本满意以上" = 很满意, 比较满意 or 基本满意.
    public var countsAsSatisfied: Bool { rawValue >= 3 }
}

/// SAT-08: satisfaction = returned forms with overall ≥ 基本满意 ÷ all returned forms × 100%.
public struct SatisfactionRate: Sendable, Equatable {
    public let responses: Int
    public let satisfied: Int

    public init(overallRatings: [SatisfactionLevel]) {
        responses = overallRatings.count
        satisfied = overallRatings.filter(\.countsAsSatisfied).count
    }

    public init(responses: Int, satisfied: Int) {
        self.responses = responses
        self.satisfied = satisfied
    }

    /// Exact percentage in basis points (1/100 of a percent), rounded half up; nil without responses.
    public var basisPoints: Int? {
        guard responses > 0 else { return nil }
        return (satisfied * 20_000 + responses) / (2 * responses)
    }

    /// "92.31" (percent, two decimals); nil without responses.
    public var percentText: String? {
        basisPoints.map { bp in "\(bp / 100)." + (bp % 100 < 10 ? "0" : "") + String(bp % 100) }
    }

    /// SAT-09: at or above the configured quality target (basis points) → reward record; below → corrective notice.
    public func meets(targetBasisPoints: Int) -> Bool? {
        basisPoints.map { $0 >= targetBasisPoints }
    }
}

/// The sections and items of the seed's 顾客满意度调查表 (篇8 §5.8.3, SAT-03).
public enum SurveyTemplate {
    public struct Item: Sendable, Equatable {
        public let code: String
        public let zh: String
        public let en: String
    }
    public struct Section: Sendable, Equatable {
        public let code: String
        public let zh: String
        public let en: String
        public let items: [Item]
    }

    public static let standard: [Section] = [
        Section(code: "performance", zh: "产品性能、功能及关键技术指标", en: "Performance, features and key specifications", items: [
            Item(code: "performance.stability", zh: "性能稳定性", en: "Stability of performance"),
            Item(code: "performance.features", zh: "功能满足需要", en: "Features meet the need"),
            Item(code: "performance.specs", zh: "关键技术指标", en: "Key technical specifications"),
        ]),
        Section(code: "appearance", zh: "外观及包装", en: "Appearance and packaging", items: [
            Item(code: "appearance.look", zh: "产品外观", en: "Product appearance"),
            Item(code: "appearance.packaging", zh: "包装", en: "Packaging"),
        ]),
        Section(code: "design", zh: "产品设计", en: "Design", items: [
            Item(code: "design.usability", zh: "设计合理、使用方便", en: "Sound design, easy to use"),
        ]),
        Section(code: "comparison", zh: "与其他厂家产品比较", en: "Compared with other makers", items: [
            Item(code: "comparison.overall", zh: "与同类产品相比", en: "Against similar products"),
        ]),
        Section(code: "service", zh: "服务", en: "Service", items: [
            Item(code: "service.response", zh: "响应及时", en: "Prompt response"),
            Item(code: "service.repair", zh: "维修质量", en: "Quality of repair"),
            Item(code: "service.attitude", zh: "服务态度", en: "Service attitude"),
        ]),
    ]

    public static var itemCodes: Set<String> { Set(standard.flatMap { $0.items.map(\.code) }) }
}
