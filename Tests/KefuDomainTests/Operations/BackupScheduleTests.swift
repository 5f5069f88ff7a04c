import Foundation
import KefuDomain
import Testing

@Suite("Backup schedule rules (#17.1)")
struct BackupScheduleTests {
    @Test func periodsAreReadInSecondsMinutesHoursAndDays() {
        #expect(BackupSchedule.parsePeriod("24h") == 86_400)
        #expect(BackupSchedule.parsePeriod("30m") == 1_800)
        #expect(BackupSchedule.parsePeriod("7d") == 604_800)
        #expect(BackupSchedule.parsePeriod(" 90s ") == 90)
        #expect(BackupSchedule.parsePeriod("3600") == 3_600)
        #expect(BackupSchedule.parsePeriod("2H") == 7_200)
        for bad in ["", "h", "24x", "-1h", "0h", "30s", "1.5h", "１h", "99999999999999999999d"] {
            #expect(BackupSchedule.parsePeriod(bad) == nil, "\(bad)")
        }
        #expect(BackupSchedule.parseKeep("7") == 7)
        #expect(BackupSchedule.parseKeep("0") == nil)
        #expect(BackupSchedule.parseKeep("many") == nil)
    }

    @Test func copiesAreNamedByTheirUTCTime() {
        let date = Date(timeIntervalSince1970: 1_767_225_600 + 3_723) // 2026-01-01 01:02:03 UTC
        let name = BackupSchedule.fileName(at: date)
        #expect(name == "kefu-20260101-010203.sqlite")
        #expect(BackupSchedule.isScheduledCopy(name))
        #expect(BackupSchedule.takenAt(name) == date)
        for other in ["kefu.sqlite", "kefu-20260101-010203.sqlite.attachments", "kefu-2026010-0102031.sqlite", "x-20260101-010203.sqlite"] {
            #expect(!BackupSchedule.isScheduledCopy(other), "\(other)")
        }
    }

    @Test func pruningKeepsExactlyTheNewestN() {
        let names = (1...10).map { String(format: "kefu-202601%02d-120000.sqlite", $0) }.shuffled()
            + ["kefu.sqlite", "notes.txt", "kefu-20260105-120000.sqlite.attachments"]
        let pruned = BackupSchedule.toPrune(names, keep: 7)
        #expect(pruned == (1...3).map { String(format: "kefu-202601%02d-120000.sqlite", $0) })
        let left = Set(names).subtracting(pruned).filter(BackupSchedule.isScheduledCopy)
        #expect(left.count == 7)
        #expect(BackupSchedule.toPrune(names, keep: 10).isEmpty)
        #expect(BackupSchedule.toPrune(names, keep: 1).count == 9)
    }

    @Test func theNextCopyIsDueOnePeriodAfterTheNewest() {
        let now = Date(timeIntervalSince1970: 1_767_225_600 + 86_400) // 2026-01-02 00:00 UTC
        #expect(BackupSchedule.nextDue(existing: [], every: 3_600, now: now) == now)
        #expect(BackupSchedule.nextDue(existing: ["kefu-20260101-000000.sqlite"], every: 3_600, now: now) == now)
        let recent = "kefu-20260101-233000.sqlite"
        #expect(BackupSchedule.nextDue(existing: [recent, "kefu-20251231-000000.sqlite"], every: 3_600, now: now)
                == now.addingTimeInterval(1_800))
    }
}
