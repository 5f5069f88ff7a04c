import Foundation
import KefuDomain
import Testing

@Suite("SLA clocks and policies")
struct SlaClocksTests {
    let cal = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))
    let minute: Int64 = 60_000
    // 2026-03-02 (Monday) 10:00 Beijing.
    let monday10: Int64 = 1_772_416_800_000

    @Test func clocksStartAtReceiptOnTheirCalendar() {
        let c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        #expect(c.firstResponseDueAt == monday10 + 5 * minute)
        // 3 working days of 9 hours: Thursday 10:00.
        #expect(c.resolutionDueAt == monday10 + 3 * 24 * 60 * minute)
        #expect(c.queueDue == c.firstResponseDueAt)
        #expect(c.nextCheck(after: monday10) == c.firstResponseDueAt)
        #expect(SlaClocks.escalationDue(.seed, receivedAt: monday10, on: cal) == monday10 + 60 * minute)
    }

    @Test func firstReplyStopsFirstResponseOnly() {
        var c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        c.respond(at: monday10 + 3 * minute)
        #expect(c.runningDue(.firstResponse) == nil)
        #expect(c.queueDue == c.resolutionDueAt)
        #expect(c.elapsed(at: monday10 + 10 * minute).isEmpty)
    }

    @Test func elapsedClocksAreBreaches() {
        let c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        let e = c.elapsed(at: monday10 + 6 * minute)
        #expect(e.map(\.kind) == [.firstResponse])
        #expect(c.nextCheck(after: monday10 + 6 * minute) == c.resolutionDueAt)
    }

    @Test func waitingOnTheCustomerPausesAndResumesWithTheTimeLeft() {
        var c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        c.respond(at: monday10 + minute)
        // Paused Monday 11:00 with 3 working days minus 1 hour left; resumed Wednesday 10:00.
        c.apply(from: .open, to: .pendingCustomer, at: monday10 + 60 * minute, on: cal)
        #expect(c.runningDue(.resolution) == nil)
        #expect(c.elapsed(at: monday10 + 10 * 24 * 60 * minute).isEmpty)
        #expect(c.nextCheck(after: monday10) == nil)
        let wednesday10 = monday10 + 2 * 24 * 60 * minute
        c.apply(from: .pendingCustomer, to: .open, at: wednesday10, on: cal)
        #expect(c.pausedAt == nil)
        // 26 working hours from Wednesday 10:00: Wed 8h, Thu 9h, Fri 9h → Friday 18:00.
        #expect(c.resolutionDueAt == monday10 + 4 * 24 * 60 * minute + 8 * 60 * minute)
    }

    @Test func anOverdueClockStaysOverdueThroughAPause() {
        var c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        let due = c.firstResponseDueAt
        c.apply(from: .new, to: .pendingCustomer, at: monday10 + 30 * minute, on: cal)
        c.apply(from: .pendingCustomer, to: .open, at: monday10 + 90 * minute, on: cal)
        #expect(c.firstResponseDueAt == due)
    }

    @Test func resolvingStopsAndReopeningRestartsResolution() {
        var c = SlaClocks.start(.seed, receivedAt: monday10, on: cal)
        c.respond(at: monday10 + minute)
        c.apply(from: .open, to: .resolved, at: monday10 + 120 * minute, on: cal)
        #expect(c.runningDue(.resolution) == nil)
        #expect(c.queueDue == nil)
        let tuesday10 = monday10 + 24 * 60 * minute
        c.apply(from: .resolved, to: .open, at: tuesday10, on: cal)
        #expect(c.resolvedAt == nil)
        #expect(c.resolutionDueAt == tuesday10 + 3 * 24 * 60 * minute)
        c.apply(from: .open, to: .closed, at: tuesday10 + minute, on: cal)
        #expect(c.queueDue == nil)
        #expect(c.elapsed(at: tuesday10 + 30 * 24 * 60 * minute).isEmpty)
    }

    @Test func theMostSpecificActivePolicyApplies() {
        let any = SlaPolicyCandidate(id: "any", match: SlaMatch(), active: true, createdAt: 1)
        let urgent = SlaPolicyCandidate(id: "urgent", match: SlaMatch(priority: .urgent), active: true, createdAt: 2)
        let urgentPhone = SlaPolicyCandidate(id: "urgent-phone", match: SlaMatch(priority: .urgent, channel: .phone), active: false, createdAt: 3)
        let complaint = SlaPolicyCandidate(id: "complaint", match: SlaMatch(type: .complaint), active: true, createdAt: 4)
        let all = [any, urgent, urgentPhone, complaint]
        #expect(SlaPolicySelection.choose(all, type: .inquiry, priority: .normal, channel: .phone)?.id == "any")
        #expect(SlaPolicySelection.choose(all, type: .inquiry, priority: .urgent, channel: .phone)?.id == "urgent")
        // Same specificity: the older policy wins.
        #expect(SlaPolicySelection.choose(all, type: .complaint, priority: .urgent, channel: .email)?.id == "urgent")
        #expect(SlaPolicySelection.choose([urgentPhone], type: .inquiry, priority: .urgent, channel: .phone) == nil)
    }

    @Test func targetsAreChecked() {
        #expect(SlaTargets.seed.problem == nil)
        #expect(SlaTargets(calendar: .allDay, firstResponseMinutes: 0, resolutionMinutes: 10, escalateAfterMinutes: 10).problem == .outOfRange(field: "firstResponseMinutes"))
        #expect(SlaTargets(calendar: .allDay, firstResponseMinutes: 30, resolutionMinutes: 10, escalateAfterMinutes: 10).problem == .resolutionBeforeFirstResponse)
    }
}

@Suite("KPI arithmetic")
struct KpiMathTests {
    @Test func percentilesAreNearestRank() {
        let values: [Int64] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
        #expect(KpiMath.percentile(values, 50) == 50)
        #expect(KpiMath.percentile(values, 90) == 90)
        #expect(KpiMath.percentile([7], 90) == 7)
        #expect(KpiMath.percentile([], 50) == nil)
        #expect(KpiMath.percentile([1, 2, 3], 50) == 2)
    }

    @Test func percentagesAreExact() {
        #expect(KpiMath.percent(9, of: 10) == "90.0")
        #expect(KpiMath.percent(2, of: 3) == "66.7")
        #expect(KpiMath.percent(1, of: 3) == "33.3")
        #expect(KpiMath.percent(1, of: 8) == "12.5")
        #expect(KpiMath.percent(0, of: 0) == nil)
    }

    @Test func theNinetyPercentTarget() {
        #expect(KpiMath.meetsResolutionTarget(resolvedWithin: 9, due: 10) == true)
        #expect(KpiMath.meetsResolutionTarget(resolvedWithin: 899, due: 1000) == false)
        #expect(KpiMath.meetsResolutionTarget(resolvedWithin: 0, due: 0) == nil)
    }
}
