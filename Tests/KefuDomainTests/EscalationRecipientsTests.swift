import KefuDomain
import Testing

/// #11.8: who hears of a breach or an escalation (SLA-03, ESC-01..03), as a table.
@Suite("Escalation recipients (ESC-02, ESC-03, SLA-03)")
struct EscalationRecipientsTests {
    typealias M = EscalationRecipients.Member

    @Test(arguments: [
        // (escalated to, owner's unit, ticket's unit) → the unit concerned
        ("/hq/sales/" as String?, "/hq/cs/a/" as String?, "/hq/cs/", "/hq/sales/"),
        (nil, "/hq/cs/a/", "/hq/cs/", "/hq/cs/a/"),
        (nil, nil, "/hq/cs/", "/hq/cs/"),
    ])
    func theUnitConcerned(target: String?, owner: String?, ticket: String, expected: String) {
        #expect(EscalationRecipients.unitPath(target: target, ownerPath: owner, ticketPath: ticket) == expected)
    }

    static let members: [M] = [
        M(id: "agent", unitId: "a", roles: [.csAgent]),
        M(id: "sup-a", unitId: "a", roles: [.csSupervisor]),
        M(id: "mgr-a", unitId: "a", roles: [.csManager, .csAgent]),
        M(id: "sup-cs", unitId: "cs", roles: [.csSupervisor]),
        M(id: "head", unitId: "hq", roles: [.csManager]),
        M(id: "qa", unitId: "a", roles: [.qa]),
        M(id: "admin", unitId: "hq", roles: [.admin]),
        M(id: "dept", unitId: "b", roles: [.deptManager]),
    ]

    @Test(arguments: [
        // (path, except) → told
        ("/hq/cs/a/", nil as String?, ["mgr-a", "sup-a"]),          // the unit's own supervisors and managers, no one above
        ("/hq/cs/a/", "sup-a", ["mgr-a"]),                            // the one acting is not told
        ("/hq/cs/b/", nil, ["sup-cs"]),                               // none in the unit: the nearest unit above that has one
        ("/hq/cs/", nil, ["sup-cs"]),
        ("/hq/", nil, ["head"]),                                     // administrators and other roles are not supervisors
        ("/x/", nil, []),                                            // nobody on the path: nobody told
    ])
    func whoIsTold(path: String, except: String?, expected: [String]) {
        #expect(EscalationRecipients.choose(path: path, members: Self.members, except: except).map(\.id) == expected)
    }

    @Test func aUnitWhoseOnlySupervisorActsPassesItUpward() {
        let members = [M(id: "sup-a", unitId: "a", roles: [.csSupervisor]), M(id: "sup-cs", unitId: "cs", roles: [.csSupervisor])]
        #expect(EscalationRecipients.choose(path: "/hq/cs/a/", members: members, except: "sup-a").map(\.id) == ["sup-cs"])
    }
}
