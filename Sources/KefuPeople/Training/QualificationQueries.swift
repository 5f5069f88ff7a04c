import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of staff qualifications (TRN-03): a person's record with the typing and certificate flags of `today`.
extension TrainingQueries {
    struct Person: Sendable {
        let id: String, name: String, orgUnitId: String, orgPath: String, roles: Set<Role>
    }

    /// The qualification records of `people`, in their order, with their flags on `today`.
    static func qualifications(_ db: any SQLDatabase, people: [Person], viewer: Principal, today: CivilDay) async throws -> [QualificationsView] {
        guard !people.isEmpty else { return [] }
        let ids = SQLList(people.map { SQLBind($0.id) })
        var records: [String: (level: String?, dialects: String, speed: Int?, tested: String?)] = [:]
        for row in try await db.raw("SELECT user_id, mandarin_level, dialects, typing_speed, typing_tested_on FROM staff_qualifications WHERE user_id IN (\(ids))").all() {
            records[try row.decode(column: "user_id", as: String.self)] = (try row.decode(column: "mandarin_level", as: String?.self),
                                                                           try row.decode(column: "dialects", as: String.self),
                                                                           try row.decode(column: "typing_speed", as: Int?.self),
                                                                           try row.decode(column: "typing_tested_on", as: String?.self))
        }
        var certificates: [String: [CertificateView]] = [:]
        for row in try await db.raw("SELECT user_id, name, number, expires_on FROM staff_certificates WHERE user_id IN (\(ids)) ORDER BY user_id, line").all() {
            let expires = try row.decode(column: "expires_on", as: String?.self)
            let status = TrainingRules.certificateStatus(expiresOn: expires.flatMap { CivilDay(iso: $0) }, today: today)
            certificates[try row.decode(column: "user_id", as: String.self), default: []].append(
                CertificateView(name: try row.decode(column: "name", as: String.self), number: try row.decode(column: "number", as: String.self),
                                expiresOn: expires, status: status.rawValue))
        }
        return people.map { p in
            let r = records[p.id]
            let certs = certificates[p.id] ?? []
            let mayEdit = !viewer.roles.isDisjoint(with: TrainingRules.organisers) && viewer.covers(unitPath: p.orgPath)
            return QualificationsView(
                userId: p.id, userName: p.name, orgUnitId: p.orgUnitId, roles: p.roles.map(\.rawValue).sorted(), mandarinLevel: r?.level,
                dialects: (r?.dialects ?? "").split(separator: "\n").map(String.init), typingSpeed: r?.speed, typingTestedOn: r?.tested,
                typingFlag: TrainingRules.typingFlag(speed: r?.speed, roles: p.roles)?.rawValue, certificates: certs,
                certificateAlerts: certs.filter { TrainingRules.needsAlert(TrainingRules.CertificateStatus(rawValue: $0.status) ?? .valid) }.count,
                actions: mayEdit ? ["edit"] : [])
        }
    }

    /// One person (404 when unknown).
    static func person(_ db: any SQLDatabase, userId: String) async throws -> Person {
        guard let u = try await OrgQueries.userSummary(db, userId: userId), !Role.isCustomerOnly(Role.set(u.roles)) else {
            throw AppError.notFound(Text("人员", "Person"))
        }
        return Person(id: u.id, name: u.displayName, orgUnitId: u.orgUnitId, orgPath: u.orgPath, roles: Role.set(u.roles))
    }

    /// The active staff of the viewer's unit and below, by name.
    static func staffInScope(_ db: any SQLDatabase, viewer: Principal) async throws -> [Person] {
        let units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }
        let paths = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.path) })
        let members = try await OrgQueries.activeMembers(db, ofUnits: units.map(\.id)).filter { !Role.isCustomerOnly($0.roles) }
        let names = try await OrgQueries.displayNames(db, ids: Set(members.map(\.id)))
        return members.map { Person(id: $0.id, name: names[$0.id] ?? $0.id, orgUnitId: $0.orgUnitId, orgPath: paths[$0.orgUnitId] ?? "", roles: $0.roles) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The staff list of the viewer's scope with their qualifications; `flag` keeps only the flagged: `typing` (an agent
    /// below 80 characters a minute or untested), `certificates` (expiring within 30 days or expired), `any`.
    static func staffQualifications(_ db: any SQLDatabase, viewer: Principal, flag: String?, paging: Paging, today: CivilDay) async throws -> ListPage<QualificationsView> {
        let people = try await staffInScope(db, viewer: viewer)
        var all = try await qualifications(db, people: people, viewer: viewer, today: today)
        switch flag {
        case "typing": all = all.filter { $0.typingFlag != nil }
        case "certificates": all = all.filter { $0.certificateAlerts > 0 }
        case "any": all = all.filter { $0.typingFlag != nil || $0.certificateAlerts > 0 }
        default: break
        }
        let slice = all.dropFirst(paging.offset).prefix(paging.per)
        return ListPage(items: Array(slice), page: paging.page, per: paging.per, total: all.count)
    }
}
