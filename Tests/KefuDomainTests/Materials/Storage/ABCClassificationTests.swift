import KefuDomain
import Testing

@Suite("Storage: ABC classes from the period's issues (STO-02)")
struct ABCClassificationTests {
    static func use(_ code: String, _ issues: Int, _ quantity: Int64 = 1000) -> ABCClassification.Usage {
        .init(itemId: "id-" + code, code: code, issues: issues, quantity: quantity)
    }

    static func classes(_ usages: [ABCClassification.Usage], _ t: ABCClassification.Thresholds = .standard) -> [String] {
        ABCClassification.classify(usages, thresholds: t).map { "\($0.usage.code):\($0.proposed.rawValue)" }
    }

    /// Table: usages (code, issue lines) → classes in rank order, with the default thresholds 80 % / 95 %.
    @Test(arguments: [
        // 100 issues: X has 70 (before 0 → A), Y 15 (before 70 < 80 → A), Z 10 (before 85 < 95 → B), W 5 (before 95 → C).
        ([("X", 70), ("Y", 15), ("Z", 10), ("W", 5)], ["X:A", "Y:A", "Z:B", "W:C"]),
        // One item with every issue is A; items never issued are C.
        ([("ONLY", 3), ("IDLE", 0)], ["ONLY:A", "IDLE:C"]),
        // Nothing issued at all: everything C.
        ([("P", 0), ("Q", 0)], ["P:C", "Q:C"]),
        // Ten equal items: the share before each is 0, 10, …, 90 % → eight A (below 80), two B (80 and 90, below 95).
        ((0..<10).map { ("I\($0)", 1) }, ["I0:A", "I1:A", "I2:A", "I3:A", "I4:A", "I5:A", "I6:A", "I7:A", "I8:B", "I9:B"]),
    ] as [([(String, Int)], [String])])
    func classesFollowTheCumulativeShare(_ usages: [(String, Int)], _ expected: [String]) {
        #expect(Self.classes(usages.map { Self.use($0.0, $0.1) }) == expected)
    }

    @Test func rankIsByFrequencyThenQuantityThenCode() {
        let ranked = ABCClassification.classify([Self.use("B", 2, 500), Self.use("A", 2, 500), Self.use("C", 2, 9000), Self.use("D", 5, 1)])
        #expect(ranked.map(\.usage.code) == ["D", "C", "A", "B"])
    }

    @Test func sharesAreExactBasisPointsRoundedDown() {
        let ranked = ABCClassification.classify([Self.use("A", 2), Self.use("B", 1)])
        #expect(ranked.map(\.shareBasisPoints) == [6666, 3333])
        #expect(ranked.map(\.cumulativeBasisPoints) == [6666, 10000])
        #expect(ABCClassification.percentText(6666) == "66.66")
        #expect(ABCClassification.percentText(10000) == "100.00")
        #expect(ABCClassification.percentText(5) == "0.05")
    }

    @Test func thresholdsAreConfigurable() {
        let usages = [Self.use("X", 50), Self.use("Y", 30), Self.use("Z", 20)]
        #expect(Self.classes(usages) == ["X:A", "Y:A", "Z:B"])
        #expect(Self.classes(usages, .init(a: 50, b: 80)) == ["X:A", "Y:B", "Z:C"])
        #expect(ABCClassification.Thresholds(a: 80, b: 95).isValid)
        #expect(!ABCClassification.Thresholds(a: 95, b: 80).isValid)
        #expect(!ABCClassification.Thresholds(a: 0, b: 50).isValid)
        #expect(!ABCClassification.Thresholds(a: 50, b: 101).isValid)
    }

    @Test func netReversedIssuesNeverCountBelowZero() {
        let ranked = ABCClassification.classify([Self.use("R", -1), Self.use("S", 1)])
        #expect(ranked.map { $0.proposed } == [.A, .C])
        #expect(ranked.last?.usage.code == "R")
    }
}
