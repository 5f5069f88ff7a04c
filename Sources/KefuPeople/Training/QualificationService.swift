import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Staff qualifications (TRN-03, 篇6 §一.4–5, 篇5 .8 持证上岗): Mandarin level and dialects, typing speed, certificates
/// with their expiry; kept by the unit's supervisors and managers, read by them and by the person.
public struct QualificationService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public func qualifications(userId: String, viewer: Principal, now: Date = Date()) async throws -> QualificationsView {
        try await store.read { db in
            let person = try await TrainingQueries.person(db, userId: userId)
            let keeps = !viewer.roles.isDisjoint(with: TrainingRules.organisers) && viewer.covers(unitPath: person.orgPath)
            guard keeps || viewer.userId == person.id else {
                throw AppError.forbidden(Text("您不能查看此人的资格记录", "You cannot see this person's qualifications"))
            }
            return try await TrainingQueries.qualifications(db, people: [person], viewer: viewer, today: Times.day(now))[0]
        }
    }

    /// TRN-03: replaces the person's record (the typing test's result, the certificates held).
    public func put(userId: String, _ input: QualificationsInput, by actor: Principal, now: Date = Date()) async throws -> QualificationsView {
        let level = TextRules.trimmed(input.mandarinLevel)
        if let level, !TrainingRules.isMandarinLevel(level) {
            throw AppError.validation("mandarinLevel", Text("普通话等级应为 1A、1B、2A、2B、3A 或 3B", "The Mandarin level is 1A, 1B, 2A, 2B, 3A or 3B"))
        }
        let dialects = (input.dialects ?? []).compactMap { TextRules.trimmed($0) }
        guard dialects.count <= 10, dialects.allSatisfy({ $0.count <= 20 && !$0.contains("\n") }) else {
            throw AppError.validation("dialects", Text("方言最多 10 项，每项最长 20 字", "At most 10 dialects of at most 20 characters each"))
        }
        if let speed = input.typingSpeed, !(0...400).contains(speed) {
            throw AppError.validation("typingSpeed", Text("打字速度应在 0–400 字/分之间", "The typing speed is 0–400 characters a minute"))
        }
        var testedOn: String?
        if let t = TextRules.trimmed(input.typingTestedOn) {
            guard let d = UsualInput.day(t) else { throw AppError.validation("typingTestedOn", Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
            testedOn = d.iso
        }
        var typed: [(name: String, number: String, expires: String?)] = []
        for (i, c) in (input.certificates ?? []).enumerated() {
            let n = String(i + 1)
            guard let name = TextRules.trimmed(c.name), name.count <= 60 else {
                throw AppError.validation("certificates", Text("第 {0} 张证书请填写名称（最长 60 字）", "Certificate {0}: the name is required (at most 60 characters)").with(n))
            }
            guard let number = TextRules.trimmed(c.number), number.count <= 40 else {
                throw AppError.validation("certificates", Text("第 {0} 张证书请填写证书编号（最长 40 字）", "Certificate {0}: the number is required (at most 40 characters)").with(n))
            }
            var expires: String?
            if let e = TextRules.trimmed(c.expiresOn) {
                guard let d = UsualInput.day(e) else { throw AppError.validation("certificates", Text("第 {0} 张证书的有效期格式应为 YYYY-MM-DD", "Certificate {0}: the expiry date must be YYYY-MM-DD").with(n)) }
                expires = d.iso
            }
            typed.append((name, number, expires))
        }
        guard typed.count <= 20 else { throw AppError.validation("certificates", Text("最多 20 张证书", "At most 20 certificates")) }
        let certificates = typed, tested = testedOn
        return try await store.write { db in
            let person = try await TrainingQueries.person(db, userId: userId)
            guard !actor.roles.isDisjoint(with: TrainingRules.organisers), actor.covers(unitPath: person.orgPath) else {
                throw AppError.forbidden(Text("资格记录由本单位主管或经理维护（TRN-03）", "Qualifications are kept by the unit's supervisor or manager (TRN-03)"))
            }
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM staff_qualifications WHERE user_id = \(bind: person.id)").run()
            try await db.raw("""
                INSERT INTO staff_qualifications (user_id, mandarin_level, dialects, typing_speed, typing_tested_on, updated_by, updated_at)
                VALUES (\(bind: person.id), \(bind: level), \(bind: dialects.joined(separator: "\n")), \(bind: input.typingSpeed), \(bind: tested), \(bind: actor.userId), \(bind: at))
                """).run()
            try await db.raw("DELETE FROM staff_certificates WHERE user_id = \(bind: person.id)").run()
            for (i, c) in certificates.enumerated() {
                try await db.raw("""
                    INSERT INTO staff_certificates (id, user_id, line, name, number, expires_on) VALUES (\(bind: Clock.newID()), \(bind: person.id), \(bind: i + 1),
                        \(bind: c.name), \(bind: c.number), \(bind: c.expires))
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "qualifications", entity: "user", entityId: person.id,
                                        detail: ["typingSpeed": input.typingSpeed.map(String.init) ?? "", "mandarinLevel": level ?? "", "certificates": String(certificates.count)], at: at)
            return try await TrainingQueries.qualifications(db, people: [person], viewer: actor, today: Times.day(now))[0]
        }
    }

    public func staff(viewer: Principal, flag: String?, paging: Paging, now: Date = Date()) async throws -> ListPage<QualificationsView> {
        guard !viewer.roles.isDisjoint(with: TrainingRules.organisers) else {
            throw AppError.forbidden(Text("只有主管或经理可以查看员工资格", "Only supervisors and managers see the staff's qualifications"))
        }
        let flag = TextRules.trimmed(flag)
        if let flag, !["typing", "certificates", "any"].contains(flag) {
            throw AppError.validation("flag", Text("flag 应为 typing、certificates 或 any", "flag is typing, certificates or any"))
        }
        return try await store.read { db in
            try await TrainingQueries.staffQualifications(db, viewer: viewer, flag: flag, paging: paging, today: Times.day(now))
        }
    }
}
