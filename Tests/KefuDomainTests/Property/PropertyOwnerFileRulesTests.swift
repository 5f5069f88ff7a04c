import KefuDomain
import Testing

/// #14 PRP-06 owner-file rules: the renovation steps, the fields each entry kind needs, who approves, the move-out
/// checks and which current occupant the unit row carries.
@Suite("Property owner file rules (#14 PRP-06)")
struct PropertyOwnerFileRulesTests {
    @Test func everyRenovationStateIsInOneStageAndTheClosedOnesHaveNoStepLeft() {
        let stages: [RenovationStage] = [.awaiting, .underway, .closed]
        for status in RenovationStatus.allCases {
            #expect(stages.filter { $0.statuses.contains(status) }.count == 1, "\(status)")
        }
        #expect(Set(RenovationStage.all.statuses) == Set(RenovationStatus.allCases))
        #expect(Set(RenovationStage.closed.statuses) == Set(RenovationStatus.allCases.filter { OwnerFileRules.allowed($0).isEmpty }))
        #expect(RenovationStage.awaiting.statuses == [.applied])
    }

    @Test(arguments: [
        (RenovationStatus.applied, RenovationAction.approve, true, RenovationStatus?.some(.approved)),
        (.applied, .reject, true, .rejected),
        (.applied, .supervise, true, nil),
        (.applied, .accept, true, nil),
        (.approved, .supervise, true, .supervising),
        (.supervising, .supervise, true, .supervising),
        (.approved, .accept, true, .passed),
        (.supervising, .accept, true, .passed),
        (.supervising, .accept, false, .failed),
        (.approved, .approve, true, nil),
        (.approved, .reject, true, nil),
        (.rejected, .approve, true, nil),
        (.rejected, .supervise, true, nil),
        (.passed, .supervise, true, nil),
        (.passed, .accept, true, nil),
        (.failed, .accept, true, nil),
        (.failed, .supervise, true, nil),
    ])
    func renovationStepsGoInOrder(status: RenovationStatus, action: RenovationAction, passed: Bool, next: RenovationStatus?) {
        #expect(OwnerFileRules.next(status, action, passed: passed) == next)
    }

    @Test func theButtonsFollowTheState() {
        #expect(OwnerFileRules.allowed(.applied) == [.approve, .reject])
        #expect(OwnerFileRules.allowed(.approved) == [.supervise, .accept])
        #expect(OwnerFileRules.allowed(.supervising) == [.supervise, .accept])
        #expect(OwnerFileRules.allowed(.rejected).isEmpty && OwnerFileRules.allowed(.passed).isEmpty && OwnerFileRules.allowed(.failed).isEmpty)
    }

    @Test(arguments: [
        (RenovationAction.approve, true, false), (.reject, true, true), (.supervise, true, true), (.accept, true, false), (.accept, false, true),
    ])
    func aStepSaysWhyWhenItMust(action: RenovationAction, passed: Bool, required: Bool) {
        #expect(OwnerFileRules.noteRequired(action, passed: passed) == required)
    }

    @Test func eachKindNeedsItsFields() {
        let table: [(OwnerFileEntryKind, Set<OwnerFileField>, OwnerFileField?)] = [
            (.moveIn, [], .summary),
            (.moveIn, [.summary], nil),
            (.agreement, [.summary], .agreementNo),
            (.agreement, [.agreementNo], nil),
            (.handover, [.summary], .handoverItems),
            (.handover, [.handoverItems], nil),
            (.renovation, [], .summary),
            (.engineering, [.summary], nil),
            (.rental, [.tenant], .termFrom),
            (.rental, [.tenant, .termFrom], .termTo),
            (.rental, [.termFrom, .termTo], .tenant),
            (.rental, [.tenant, .termFrom, .termTo], nil),
        ]
        for (kind, given, missing) in table {
            #expect(OwnerFileRules.missing(kind, given: given) == missing, "\(kind) \(given)")
        }
    }

    @Test func aRentalTermEndsOnOrAfterItsStart() {
        let d = CivilDay(year: 2026, month: 12, day: 1)
        #expect(OwnerFileRules.termIsValid(from: d, to: d))
        #expect(OwnerFileRules.termIsValid(from: d, to: CivilDay(number: d.number + 365)))
        #expect(!OwnerFileRules.termIsValid(from: d, to: CivilDay(number: d.number - 1)))
    }

    @Test func approversActInTheirUnitAndBelow() {
        let table: [(Set<Role>, String, String, Bool)] = [
            ([.propertyAdmin], "/root/cs/", "/root/cs/", true),
            ([.csManager], "/root/cs/", "/root/cs/east/", true),
            ([.admin], "/root/", "/root/cs/", true),
            ([.csSupervisor], "/root/cs/", "/root/cs/", false),
            ([.csAgent], "/root/cs/", "/root/cs/", false),
            ([.csManager], "/root/qa/", "/root/cs/", false),
            ([.propertyAdmin], "/root/cs/east/", "/root/cs/", false),
        ]
        for (roles, userPath, unitPath, ok) in table {
            #expect(OwnerFileRules.may(OwnerFileRules.approvers, roles: roles, userPath: userPath, unitPath: unitPath) == ok, "\(roles) \(userPath) → \(unitPath)")
        }
    }

    @Test func recordersAreThePropertyAdmin() {
        #expect(OwnerFileRules.may(OwnerFileRules.recorders, roles: [.propertyAdmin], userPath: "/root/cs/", unitPath: "/root/cs/"))
        #expect(!OwnerFileRules.may(OwnerFileRules.recorders, roles: [.csManager], userPath: "/root/cs/", unitPath: "/root/cs/"))
    }

    @Test func aMoveOutIsNotBeforeTheMoveIn() {
        let inOn = CivilDay(year: 2025, month: 3, day: 1)
        #expect(OwnerFileRules.moveOutRefusal(current: false, movedInOn: inOn, movedOutOn: inOn) == .noCurrentOccupant)
        #expect(OwnerFileRules.moveOutRefusal(current: true, movedInOn: inOn, movedOutOn: CivilDay(number: inOn.number - 1)) == .beforeMoveIn)
        #expect(OwnerFileRules.moveOutRefusal(current: true, movedInOn: inOn, movedOutOn: inOn) == nil)
        #expect(OwnerFileRules.moveOutRefusal(current: true, movedInOn: nil, movedOutOn: CivilDay(year: 1999, month: 1, day: 1)) == nil)
    }

    @Test func theUnitRowCarriesTheTenantElseTheOwner() {
        let owner = OwnerFileRules.Occupant(kind: .owner, name: "王芳", phone: "13900002222", movedInOn: "2020-05-01")
        let tenant = OwnerFileRules.Occupant(kind: .tenant, name: "李雷", phone: nil, movedInOn: "2026-11-01")
        #expect(OwnerFileRules.onRow(owner: owner, tenant: tenant) == tenant)
        #expect(OwnerFileRules.onRow(owner: owner, tenant: nil) == owner)
        #expect(OwnerFileRules.onRow(owner: nil, tenant: tenant) == tenant)
        #expect(OwnerFileRules.onRow(owner: nil, tenant: nil) == nil)
    }
}
