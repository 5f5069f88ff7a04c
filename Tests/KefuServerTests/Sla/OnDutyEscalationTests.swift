import Foundation
import KefuDomain
import KefuPlatform
import Testing

/// #15 leftovers (#15.1: the roster feeds the SLA's on-duty notion): an escalation path level that alerts a role tells
/// those of the role on duty by the unit's roster today, and everyone with the role when there is no roster or nobody of
/// the role is on duty. The roster covers yesterday to tomorrow with all-day shifts (00:00–24:00), so the scan's "now"
/// falls inside a shift whatever the time of day (no timing).
@Suite("Escalation to whoever is on duty (#15 leftovers)", .serialized)
struct OnDutyEscalationTests {
    /// An all-day shift of 客服部 and the roster of `people` on the three days around today, one PUT per month touched.
    static func rosterAroundToday(_ app: TestApp, _ org: OrgFixture, _ people: [String]) async throws {
        let shift = try await app.call(.post, "/api/v1/shifts", token: org.admin, json: ["orgUnitId": org.cs, "code": "D", "name": "全天", "start": "00:00", "end": "24:00"])
        #expect(shift.status == .created, "\(shift.text)")
        let today = Times.day(Date())
        let days = [today.adding(days: -1), today, today.adding(days: 1)]
        for (month, group) in Dictionary(grouping: days, by: { String($0.iso.prefix(7)) }) {
            let entries = group.flatMap { d in people.map { ["date": d.iso, "userId": $0, "shiftId": shift.string("id")!] } }
            let r = try await app.call(.put, "/api/v1/rosters/\(org.cs)/\(month)", token: org.admin, json: ["entries": entries])
            #expect(r.status == .ok, "\(r.text.prefix(300))")
        }
    }

    static func pathToSupervisors(_ app: TestApp, _ org: OrgFixture) async throws {
        _ = try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
        let put = try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.supervisor.token, json: ["levels": [
            ["level": 1, "afterMinutes": 0, "recipients": [["kind": "role", "role": "cs_supervisor"]]],
        ]])
        #expect(put.status == .ok, "\(put.text)")
    }

    @Test func theSupervisorOnDutyIsToldNotTheOneOffDuty() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let offDuty = try await app.createUser(org.admin, "supervisor2", roles: ["cs_supervisor"], unitId: org.cs)
            try await Self.pathToSupervisors(app, org)
            try await Self.rosterAroundToday(app, org, [org.supervisor.id, org.agent.id])
            _ = try await app.emailTicket(org.agent.token, subject: "值班升级", minutesAgo: 10)
            let pass = try await app.jobs.scanner.scan()
            #expect(pass.breachesRecorded == 1)
            #expect(try await EscalationPathTests.told(app, org.supervisor.id) == 1)
            #expect(try await EscalationPathTests.told(app, offDuty.id) == 0)
        }
    }

    @Test func withoutARosterOrWithNobodyOfTheRoleOnDutyEveryoneWithTheRoleIsTold() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let second = try await app.createUser(org.admin, "supervisor2", roles: ["cs_supervisor"], unitId: org.cs)
            try await Self.pathToSupervisors(app, org)
            _ = try await app.emailTicket(org.agent.token, subject: "无排班升级", minutesAgo: 10)
            _ = try await app.jobs.scanner.scan()
            #expect(try await EscalationPathTests.told(app, org.supervisor.id) == 1)
            #expect(try await EscalationPathTests.told(app, second.id) == 1)
            // A roster with only agents on duty: nobody of the role on duty, so both supervisors again.
            try await Self.rosterAroundToday(app, org, [org.agent.id])
            _ = try await app.emailTicket(org.agent.token, subject: "只有坐席值班", minutesAgo: 10)
            _ = try await app.jobs.scanner.scan()
            #expect(try await EscalationPathTests.told(app, org.supervisor.id) == 2)
            #expect(try await EscalationPathTests.told(app, second.id) == 2)
        }
    }
}
