import KefuDomain
import Testing

/// VIS-03 free entry at 70 or over (with the ID number's GB 11643 check), VIS-04 three broadcasts before closing,
/// LND-03/04 lending with the return check.
@Suite("Scenic visitor services rules (VIS-03, VIS-04, LND-03/04)")
struct ScenicRulesTests {
    static func day(_ iso: String) -> CivilDay { CivilDay(iso: iso)! }

    struct AgeCase: Sendable { let born, visit: String; let age: Int; let free: Bool }

    static let ages: [AgeCase] = [
        AgeCase(born: "1956-12-02", visit: "2026-12-02", age: 70, free: true),   // the 70th birthday itself
        AgeCase(born: "1956-12-03", visit: "2026-12-02", age: 69, free: false),  // one day short
        AgeCase(born: "1940-01-01", visit: "2026-12-02", age: 86, free: true),
        AgeCase(born: "1956-02-29", visit: "2026-02-28", age: 69, free: false),  // born on 29 Feb: not yet in a common year
        AgeCase(born: "1956-02-29", visit: "2026-03-01", age: 70, free: true),
        AgeCase(born: "2030-01-01", visit: "2026-12-02", age: -4, free: false),  // born after the visit: never free
    ]

    @Test(arguments: ages) func seventyOrOverEntersFree(_ c: AgeCase) {
        #expect(FreeEntryRules.age(born: Self.day(c.born), on: Self.day(c.visit)) == c.age)
        let d = FreeEntryRules.decide(born: Self.day(c.born), visitDate: Self.day(c.visit))
        #expect(d == (c.free ? FreeEntryRules.Decision.free(age: c.age) : FreeEntryRules.Decision.refused(age: c.age)))
    }

    struct IDCase: Sendable { let number: String; let birth: String?; let problem: ResidentIDNumber.Problem? }

    static let ids: [IDCase] = [
        IDCase(number: "11010519491231002X", birth: "1949-12-31", problem: nil),   // the standard's own example
        IDCase(number: "11010519491231002x", birth: "1949-12-31", problem: nil),   // lower-case x
        IDCase(number: "１１０１０５１９５６１２０２１２３９", birth: "1956-12-02", problem: nil), // full-width digits
        IDCase(number: "110105 19561203 1234", birth: "1956-12-03", problem: nil),
        IDCase(number: "110105195612031235", birth: nil, problem: .checkDigit),
        IDCase(number: "11010519561203123", birth: nil, problem: .length),
        IDCase(number: "11010519561203A234", birth: nil, problem: .characters),
        IDCase(number: "110105195602301236", birth: nil, problem: .checkDigit),
        IDCase(number: "110105200002291235", birth: "2000-02-29", problem: nil),
    ]

    @Test(arguments: ids) func residentIDNumbersAreCheckedAndGiveTheBirthDate(_ c: IDCase) {
        switch ResidentIDNumber.birthDate(c.number) {
        case .success(let d): #expect(d.iso == c.birth && c.problem == nil, "\(c.number)")
        case .failure(let e): #expect(e.problem == c.problem && c.birth == nil, "\(c.number): \(e.problem)")
        }
    }

    @Test func aNumberWithAValidCheckButNoSuchDayIsRefused() {
        // 1956-02-30 does not exist; its check character computed right still does not make it a birth date.
        let first17 = "11010519560230123"
        let n = first17 + String(ResidentIDNumber.checkCharacter(first17)!)
        #expect(ResidentIDNumber.birthDate(n) == .failure(.init(problem: .birthDate)))
    }

    @Test func theIdIsStoredMasked() {
        #expect(FreeEntryRules.masked("110105195612021239") == "110105********1239")
        #expect(FreeEntryRules.masked("E12345678") == "*******78")
    }

    struct CloseCase: Sendable { let status: LostPersonRules.Status; let broadcasts: Int; let outcome: LostPersonRules.Outcome; let note: String?; let problem: LostPersonRules.CloseProblem? }

    static let closes: [CloseCase] = [
        CloseCase(status: .open, broadcasts: 0, outcome: .found, note: nil, problem: .tooFewBroadcasts(logged: 0)),
        CloseCase(status: .broadcasting, broadcasts: 2, outcome: .found, note: nil, problem: .tooFewBroadcasts(logged: 2)),
        CloseCase(status: .broadcasting, broadcasts: 3, outcome: .found, note: nil, problem: nil),
        CloseCase(status: .broadcasting, broadcasts: 5, outcome: .handedOver, note: nil, problem: nil),
        CloseCase(status: .broadcasting, broadcasts: 3, outcome: .other, note: " ", problem: .noteRequired),
        CloseCase(status: .broadcasting, broadcasts: 3, outcome: .other, note: "家属自行找到后离开", problem: nil),
        CloseCase(status: .closed, broadcasts: 3, outcome: .found, note: nil, problem: .alreadyClosed),
    ]

    @Test(arguments: closes) func aCaseClosesOnlyAfterThreeBroadcasts(_ c: CloseCase) {
        #expect(LostPersonRules.closeProblem(status: c.status, broadcasts: c.broadcasts, outcome: c.outcome, note: c.note) == c.problem)
    }

    @Test func broadcastsMoveTheCaseUntilClosed() {
        #expect(LostPersonRules.afterBroadcast(.open) == .broadcasting)
        #expect(LostPersonRules.afterBroadcast(.broadcasting) == .broadcasting)
        #expect(LostPersonRules.afterBroadcast(.closed) == nil)
    }

    @Test func lendingLoop() {
        typealias S = LendingRules.ItemStatus
        let table: [(S, LendingRules.Step, S?)] = [
            (.available, .lendOut, .lent), (.lent, .giveBack(.ok), .available), (.lent, .giveBack(.damaged), .inRepair),
            (.inRepair, .repaired, .available), (.inRepair, .lendOut, nil), (.lent, .lendOut, nil), (.available, .giveBack(.ok), nil),
            (.available, .repaired, nil),
        ]
        for (from, step, to) in table { #expect(LendingRules.next(from, step) == to, "\(from) \(step)") }
        #expect(LendingRules.moneyProblem(kind: .lend, feeFen: 0, depositFen: 0) == nil)
        #expect(LendingRules.moneyProblem(kind: .lend, feeFen: 1000, depositFen: 0) == .lendIsFree)
        #expect(LendingRules.moneyProblem(kind: .rent, feeFen: 0, depositFen: 20000) == .feeRequired)
        #expect(LendingRules.moneyProblem(kind: .rent, feeFen: 1000, depositFen: 0) == nil)
        #expect(ReceptionPlanRules.status(departments: 2, confirmed: 1) == .sent)
        #expect(ReceptionPlanRules.status(departments: 2, confirmed: 2) == .ready)
    }
}
