import KefuDomain
import Testing

@Suite("Materials: document rules (4.1, RCV, ISS, RTN, D2, D4, D8)")
struct DocumentRulesTests {
    static func q(_ s: String) -> Quantity { Quantity.parse(s)! }

    func check(_ d: StockDirection, _ r: StockReason, _ c: WarehouseCondition, _ qs: [String], supplier: Bool = false, approval: Bool = false,
               generated: Bool = false) -> DocumentRules.Violation? {
        DocumentRules.validate(direction: d, reason: r, condition: c, quantities: qs.map(Self.q), hasSupplier: supplier, hasApproval: approval, generated: generated)
    }

    @Test func categoriesBindToWarehouseCondition() {
        #expect(check(.in, .purchase, .good, ["1"], supplier: true) == nil)
        #expect(check(.in, .purchase, .damaged, ["1"], supplier: true) == .conditionMismatch(required: .good))
        #expect(check(.in, .repaired, .damaged, ["1"]) == .conditionMismatch(required: .good))
        #expect(check(.in, .damaged, .good, ["1"]) == .conditionMismatch(required: .damaged))
        #expect(check(.in, .damaged, .damaged, ["1"]) == nil)
        #expect(check(.out, .selfUse, .damaged, ["1"]) == .conditionMismatch(required: .good))
        #expect(check(.out, .repairReturn, .good, ["1"]) == .conditionMismatch(required: .damaged))
        #expect(check(.out, .repairReturn, .damaged, ["1"]) == nil)
        #expect(check(.out, .scrap, .good, ["1"], approval: true) == .conditionMismatch(required: .damaged))
    }

    @Test func reasonsBelongToTheirDirection() {
        #expect(check(.in, .scrap, .damaged, ["1"]) == .reasonNotForDirection)
        #expect(check(.out, .purchase, .good, ["1"]) == .reasonNotForDirection)
        #expect(check(.in, .transfer, .good, ["1"]) == .reasonNotForDirection)
        #expect(check(.in, .transfer, .good, ["1"], generated: true) == nil)
        #expect(check(.out, .transfer, .damaged, ["1"], generated: true) == nil)
    }

    @Test func polarity() {
        #expect(check(.in, .materialReturn, .good, ["-2", "-1"]) == nil)
        #expect(check(.in, .materialReturn, .good, ["2"]) == .returnMustBeRed(line: 1))
        #expect(check(.out, .selfUse, .good, ["-2"]) == nil) // D2: leftovers coming back
        #expect(check(.in, .spotPurchase, .good, ["-2"]) == .redNotAllowed(line: 1))
        #expect(check(.out, .selfUse, .good, ["2", "-1"]) == .mixedSigns(line: 2))
        #expect(check(.out, .selfUse, .good, ["2", "0"]) == .zeroQuantity(line: 2))
        #expect(check(.out, .selfUse, .good, []) == .noLines)
        #expect(DocumentRules.polarity([Self.q("-1")]) == .red)
        #expect(DocumentRules.polarity([Self.q("1")]) == .blue)
    }

    @Test func supplierAndApproval() {
        #expect(check(.in, .purchase, .good, ["1"]) == .supplierRequired)
        #expect(check(.out, .scrap, .damaged, ["1"]) == .approvalRequired)
        #expect(check(.out, .scrap, .damaged, ["1"], approval: true) == nil)
    }

    @Test func lifecycle() {
        // Audited is read-only; only saved documents are audited; only audited ones un-audited.
        #expect(DocumentRules.allows(.edit, status: .saved, generated: false))
        #expect(!DocumentRules.allows(.edit, status: .audited, generated: false))
        #expect(!DocumentRules.allows(.delete, status: .audited, generated: false))
        #expect(DocumentRules.allows(.audit, status: .saved, generated: false))
        #expect(!DocumentRules.allows(.audit, status: .audited, generated: false))
        #expect(DocumentRules.allows(.unaudit, status: .audited, generated: false))
        #expect(!DocumentRules.allows(.unaudit, status: .saved, generated: false))
        // Generated transfer documents: audit and un-audit only.
        #expect(!DocumentRules.allows(.edit, status: .saved, generated: true))
        #expect(!DocumentRules.allows(.delete, status: .saved, generated: true))
        #expect(DocumentRules.allows(.audit, status: .saved, generated: true))
        // 4.2 pair: IN waits for OUT; OUT stays while IN is audited.
        #expect(!DocumentRules.pairAllows(.audit, direction: .in, partnerStatus: .saved))
        #expect(DocumentRules.pairAllows(.audit, direction: .in, partnerStatus: .audited))
        #expect(!DocumentRules.pairAllows(.unaudit, direction: .out, partnerStatus: .audited))
        #expect(DocumentRules.pairAllows(.unaudit, direction: .out, partnerStatus: .saved))
        #expect(DocumentRules.pairAllows(.audit, direction: .out, partnerStatus: .saved))
    }
}

@Suite("Materials: transfers (4.2, TRF, D3)")
struct TransferRulesTests {
    @Test func conditionsAndWarehouses() {
        let one = [Quantity(milli: 1000)]
        #expect(TransferRules.validate(from: .good, to: .good, sameWarehouse: false, quantities: one) == nil)
        #expect(TransferRules.validate(from: .damaged, to: .damaged, sameWarehouse: false, quantities: one) == nil)
        #expect(TransferRules.validate(from: .good, to: .damaged, sameWarehouse: false, quantities: one) == .mixedCondition)
        #expect(TransferRules.validate(from: .good, to: .good, sameWarehouse: true, quantities: one) == .sameWarehouse)
        #expect(TransferRules.validate(from: .good, to: .good, sameWarehouse: false, quantities: [Quantity(milli: -1)]) == .notPositive(line: 1))
    }

    @Test func crossDepartment() {
        #expect(!TransferRules.isCrossDepartment(fromDept: "a", toDept: "a"))
        #expect(TransferRules.isCrossDepartment(fromDept: "a", toDept: "b"))
        #expect(TransferRules.isCrossDepartment(fromDept: nil, toDept: "a"))
    }

    @Test func lifecycleAndProgress() {
        #expect(TransferRules.allows(.audit, status: .saved, outStatus: nil, inStatus: nil))
        #expect(!TransferRules.allows(.edit, status: .audited, outStatus: .saved, inStatus: .saved))
        #expect(TransferRules.allows(.unaudit, status: .audited, outStatus: .saved, inStatus: .saved))
        #expect(!TransferRules.allows(.unaudit, status: .audited, outStatus: .audited, inStatus: .saved))
        #expect(TransferRules.progress(status: .saved, outStatus: nil, inStatus: nil) == .saved)
        #expect(TransferRules.progress(status: .audited, outStatus: .saved, inStatus: .saved) == .awaitingDispatch)
        #expect(TransferRules.progress(status: .audited, outStatus: .audited, inStatus: .saved) == .inTransit)
        #expect(TransferRules.progress(status: .audited, outStatus: .audited, inStatus: .audited) == .received)
    }
}

@Suite("Materials: posting rule and permissions (DOC-06/07/08, D1, D6)")
struct PostingRulesTests {
    @Test func movementsAndReversal() {
        let two = Quantity(milli: 2000)
        #expect(Posting.movement(direction: .in, quantity: two, reversing: false) == 2000)
        #expect(Posting.movement(direction: .out, quantity: two, reversing: false) == -2000)
        #expect(Posting.movement(direction: .out, quantity: two, reversing: true) == 2000)
        // A red receipt lowers stock; a red issue raises it.
        #expect(Posting.movement(direction: .in, quantity: Quantity(milli: -500), reversing: false) == -500)
        #expect(Posting.movement(direction: .out, quantity: Quantity(milli: -500), reversing: false) == 500)
    }

    @Test func deltasAreNettedAndOrdered() {
        let a = Posting.Key(warehouseId: "w2", itemId: "i1"), b = Posting.Key(warehouseId: "w1", itemId: "i9"), c = Posting.Key(warehouseId: "w1", itemId: "i2")
        let d = Posting.deltas([(a, 5), (b, 3), (a, -2), (c, 1), (c, -1)])
        #expect(d.map(\.key) == [b, a])
        #expect(d.map(\.delta) == [3, 3])
        #expect(Posting.firstNegative([a: 0, b: -1, c: -5]) == c)
        #expect(Posting.firstNegative([a: 0]) == nil)
    }

    @Test func permissions() {
        typealias P = MaterialPermissions
        #expect(P.canEditDocuments([.siteKeeper], covers: true))
        #expect(!P.canEditDocuments([.siteKeeper], covers: false))
        #expect(!P.canAuditDocuments([.siteKeeper], covers: true)) // D6
        #expect(P.canAuditDocuments([.deptAccountant], covers: true))
        #expect(!P.canAuditDocuments([.deptAccountant], covers: false))
        #expect(P.canAuditDocuments([.mgmtMaterials], covers: false))
        #expect(!P.canAuditDocuments([.mgmtPlanner], covers: true))
        #expect(!P.canManageTransfer([.deptAccountant], crossDepartment: true, coversBoth: true)) // D3
        #expect(P.canManageTransfer([.mgmtPlanner], crossDepartment: true, coversBoth: false))
        #expect(P.canManageTransfer([.deptAccountant], crossDepartment: false, coversBoth: true))
        #expect(!P.canManageTransfer([.siteKeeper], crossDepartment: false, coversBoth: true))
        #expect(P.canMaintainMasterData([.mgmtMaterials], userPath: "/r/m/"))
        #expect(!P.canMaintainMasterData([.deptAccountant], userPath: "/r/"))
        // #10.3: an administrator acts inside its own subtree; master data is the head office's.
        #expect(P.canMaintainMasterData([.admin], userPath: "/r/"))
        #expect(!P.canMaintainMasterData([.admin], userPath: "/r/u/"))
        #expect(!P.canEditDocuments([.admin], covers: false))
        #expect(!P.canAuditDocuments([.admin], covers: false))
        #expect(!P.canView([.admin], covers: false))
        #expect(!P.canManageTransfer([.admin], crossDepartment: true, coversBoth: false))
        #expect(P.viewsAll([.admin], userPath: "/r/") && !P.viewsAll([.admin], userPath: "/r/u/"))
        #expect(P.canView([.deptAccountant], covers: false))
        #expect(!P.canView([.siteKeeper], covers: false))
        #expect(!P.canView([.csAgent], covers: true))
    }
}

@Suite("Materials: quantities and CSV")
struct QuantityCSVTests {
    @Test func exactQuantities() {
        #expect(Quantity.parse("12")?.milli == 12_000)
        #expect(Quantity.parse("-3.5")?.milli == -3_500)
        #expect(Quantity.parse("0.125")?.milli == 125)
        #expect(Quantity.parse("1.50000")?.milli == 1_500)
        #expect(Quantity.parse("0.1234") == nil)
        #expect(Quantity.parse("1e3") == nil)
        #expect(Quantity.parse("") == nil)
        #expect(Quantity.parse("abc") == nil)
        #expect(Quantity.parse("99999999999") == nil)
        #expect(Quantity(milli: -3_500).text == "-3.5")
        #expect(Quantity(milli: 125).text == "0.125")
        #expect(Quantity(milli: 7_000).text == "7")
    }

    @Test func csvRoundTrip() {
        let rows = [["code", "name"], ["A-1", "螺栓, M10"], ["B\"2", "多行\n文本"], ["=cmd", "x"]]
        let text = CSV.document(rows)
        let back = CSV.parse(text)
        #expect(back[0] == ["code", "name"])
        #expect(back[1] == ["A-1", "螺栓, M10"])
        #expect(back[2] == ["B\"2", "多行\n文本"])
        #expect(back[3] == ["'=cmd", "x"])
        #expect(CSV.parse("a,b\r\n\r\nc,d") == [["a", "b"], ["c", "d"]])
    }
}
