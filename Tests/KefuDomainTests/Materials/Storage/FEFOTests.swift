import KefuDomain
import Testing

@Suite("Storage: FEFO/FIFO issue order (ISS-06, STO-05)")
struct FEFOTests {
    static func lot(_ batch: String, expiry: String?, received: String, _ quantity: Int64, bin: String = "") -> FEFO.Lot {
        FEFO.Lot(binId: bin, batchId: batch, expiry: expiry, receivedOn: received, quantity: quantity)
    }

    @Test func theNearestExpiryGoesFirstWhateverTheReceiptOrder() {
        let lots = [Self.lot("B1", expiry: "2027-03-01", received: "2026-01-01", 5000),
                    Self.lot("B2", expiry: "2026-12-31", received: "2026-06-01", 5000)]
        #expect(FEFO.proposal(lots)?.batchId == "B2")
        #expect(FEFO.pick(lots, quantity: 7000) == [FEFO.Take(binId: "", batchId: "B2", quantity: 5000), FEFO.Take(binId: "", batchId: "B1", quantity: 2000)])
    }

    @Test func sameExpiryOrNoExpiryGoesOldestReceiptFirst() {
        let lots = [Self.lot("N2", expiry: nil, received: "2026-05-01", 1000), Self.lot("N1", expiry: nil, received: "2026-02-01", 1000),
                    Self.lot("D", expiry: "2030-01-01", received: "2026-09-01", 1000)]
        // Dated stock first, then FIFO among the undated.
        #expect(FEFO.order(lots).map(\.batchId) == ["D", "N1", "N2"])
        let same = [Self.lot("L", expiry: "2027-01-01", received: "2026-08-01", 1000), Self.lot("E", expiry: "2027-01-01", received: "2026-03-01", 1000)]
        #expect(FEFO.order(same).map(\.batchId) == ["E", "L"])
    }

    @Test func emptyLotsAreSkippedAndAShortfallIsNil() {
        let lots = [Self.lot("A", expiry: "2026-01-01", received: "2025-01-01", 0), Self.lot("B", expiry: "2027-01-01", received: "2025-01-01", 2000)]
        #expect(FEFO.proposal(lots)?.batchId == "B")
        #expect(FEFO.pick(lots, quantity: 2001) == nil)
        #expect(FEFO.pick(lots, quantity: 0) == [])
    }

    @Test func theSameBatchInTwoBinsIsTakenInBinOrder() {
        let lots = [Self.lot("A", expiry: "2027-01-01", received: "2026-01-01", 1000, bin: "bin-2"),
                    Self.lot("A", expiry: "2027-01-01", received: "2026-01-01", 1000, bin: "bin-1")]
        #expect(FEFO.pick(lots, quantity: 1500) == [FEFO.Take(binId: "bin-1", batchId: "A", quantity: 1000), FEFO.Take(binId: "bin-2", batchId: "A", quantity: 500)])
    }

    /// Whatever the lots, a pick takes exactly what was asked, never more than a lot holds, in issue order.
    @Test func randomPicksTakeExactlyInOrder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let lots = (0..<Int.random(in: 1...30, using: &rng)).map { i in
                Self.lot("B\(i)", expiry: Bool.random(using: &rng) ? nil : CivilDay(number: 20000 + Int.random(in: 0...400, using: &rng)).iso,
                         received: CivilDay(number: 19000 + Int.random(in: 0...400, using: &rng)).iso, Int64.random(in: 0...5000, using: &rng))
            }
            let total = lots.reduce(0) { $0 + $1.quantity }
            let want = Int64.random(in: 0...(total + 100), using: &rng)
            guard let takes = FEFO.pick(lots, quantity: want) else { #expect(want > total); continue }
            #expect(takes.reduce(0) { $0 + $1.quantity } == want)
            let ordered = FEFO.order(lots)
            for (i, t) in takes.enumerated() {
                #expect(t.batchId == ordered[i].batchId)
                #expect(t.quantity <= ordered[i].quantity)
                if i < takes.count - 1 { #expect(t.quantity == ordered[i].quantity, "an earlier lot is emptied before a later one is touched") }
            }
        }
    }
}

@Suite("Storage: shelf life and placement (STO-01, STO-03, STO-05)")
struct StorageRulesTests {
    @Test func expiryComesFromTheLabelElseFromShelfLife() {
        #expect(ShelfLife.expiry(labelled: "2027-05-01", producedOn: "2026-01-01", receivedOn: "2026-02-01", shelfLifeDays: 10) == "2027-05-01")
        #expect(ShelfLife.expiry(labelled: nil, producedOn: "2026-01-01", receivedOn: "2026-02-01", shelfLifeDays: 365) == "2027-01-01")
        #expect(ShelfLife.expiry(labelled: nil, producedOn: nil, receivedOn: "2024-02-28", shelfLifeDays: 2) == "2024-03-01")
        #expect(ShelfLife.expiry(labelled: nil, producedOn: nil, receivedOn: "2026-02-01", shelfLifeDays: nil) == nil)
    }

    @Test func nearExpiryUsesTheItemsThresholdOrThirtyDays() {
        #expect(ShelfLife.isNearExpiry(expiry: "2026-12-31", today: "2026-12-01", thresholdDays: nil))
        #expect(!ShelfLife.isNearExpiry(expiry: "2027-01-01", today: "2026-12-01", thresholdDays: nil))
        #expect(ShelfLife.isNearExpiry(expiry: "2027-03-01", today: "2026-12-01", thresholdDays: 90))
        #expect(ShelfLife.isNearExpiry(expiry: "2026-11-01", today: "2026-12-01", thresholdDays: 5), "expired counts as near")
        #expect(!ShelfLife.isNearExpiry(expiry: nil, today: "2026-12-01", thresholdDays: 5))
    }

    @Test func batchDatesFollowEachOther() {
        #expect(ShelfLife.datesProblem(producedOn: "2026-03-01", receivedOn: "2026-02-01", expiry: nil) == .producedAfterReceipt)
        #expect(ShelfLife.datesProblem(producedOn: "2026-01-01", receivedOn: "2026-02-01", expiry: "2026-01-01") == .expiryNotAfterProduction)
    }

    @Test func hazardousGoodsOnlyInDesignatedBinsAndOnlyThey() {
        #expect(StorageRules.placement([.hazardous], binHazardous: true) == nil)
        #expect(StorageRules.placement([.hazardous, .volatile], binHazardous: false) == .hazardousNeedsDesignatedBin)
        #expect(StorageRules.placement([.hazardous], binHazardous: nil) == .hazardousNeedsDesignatedBin)
        #expect(StorageRules.placement([.fragile], binHazardous: true) == .designatedBinOnlyHazardous)
        #expect(StorageRules.placement([], binHazardous: nil) == nil)
        #expect(StorageAttribute.decode(StorageAttribute.encode([.volatile, .hazardous])) == [.hazardous, .volatile])
        #expect(StorageAttribute.encode([.volatile, .hazardous]) == "hazardous,volatile")
        #expect(StorageRules.binCode(rack: "a1", tier: "2", position: "03") == "A1-2-03")
        #expect(!StorageRules.validPart("a-b") && StorageRules.validPart("A12"))
    }
}

@Suite("Storage registers (STO-06, STO-07, STO-09)")
struct StorageRegisterRulesTests {
    @Test func maintenanceFollowsTheCycleAndIsDueAWeekAhead() {
        #expect(StorageRegisterRules.nextMaintenance(doneOn: "2026-12-01", cycleDays: 90) == "2027-03-01")
        #expect(StorageRegisterRules.nextMaintenance(doneOn: "2026-12-01", cycleDays: nil) == nil)
        #expect(StorageRegisterRules.isDue("2026-12-08", today: "2026-12-01"))
        #expect(!StorageRegisterRules.isDue("2026-12-09", today: "2026-12-01"))
        #expect(StorageRegisterRules.isDue("2026-11-01", today: "2026-12-01"), "overdue is due")
        #expect(!StorageRegisterRules.isDue(nil, today: "2026-12-01"))
    }

    @Test func aSafetyFindingNeedsItsFixAndEachKindItsFields() {
        #expect(StorageRegisterRules.needsFix(kind: .safety, finding: "灭火器过期", fix: ""))
        #expect(!StorageRegisterRules.needsFix(kind: .safety, finding: "灭火器过期", fix: "已更换"))
        #expect(!StorageRegisterRules.needsFix(kind: .safety, finding: "正常", fix: ""))
        #expect(!StorageRegisterRules.needsFix(kind: .cleaning, finding: "地面有油", fix: ""))
        #expect(StorageRegisterKind.maintenance.required.contains(.item))
        #expect(StorageRegisterKind.access.required == [.subject, .finding])
    }
}
