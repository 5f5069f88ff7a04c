import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The contractors page's model: the contractors of the estates in scope and those estates (for the form), in one read.
public struct ContractorListModel: Sendable {
    public let contractors: [ContractorView]
    public let estates: [(id: String, name: String)]
    public let mayWrite: Bool
}

/// The admin registers page's model: the items and the latest logs in scope, in one read.
public struct AdminRegisterModel: Sendable {
    public let items: [AdminItemView]
    public let logs: [AdminLogView]
    public let mayWrite: Bool
}

extension ContractorService {
    public func listPage(viewer: Principal) async throws -> ContractorListModel {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in
            let list = try await db.raw("""
                \(unsafeRaw: ContractorView.select) WHERE \(PropertyQueries.scope("c", viewer)) ORDER BY e.name, c.service_type, c.number LIMIT 500
                """).all().map(ContractorView.init(row:))
            let estates = try await PropertyQueries.estates(db, viewer: viewer).filter {
                PropertyRules.mayWork(roles: viewer.roles, userPath: viewer.orgPath, estatePath: $0.orgPath)
            }.map { (id: $0.id, name: $0.name) }
            return ContractorListModel(contractors: list, estates: estates, mayWrite: !viewer.roles.isDisjoint(with: PropertyRules.workers))
        }
    }

    /// "清洁度 85" per line, as typed in the page's text box.
    public static func typedScores(_ text: String) -> [ContractorEvaluationBody.Score] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map(String.init)
            let score = parts.count > 1 ? Int(UsualInput.halfWidth(parts.last!)) : nil
            return ContractorEvaluationBody.Score(criterion: parts.count > 1 ? parts.dropLast().joined(separator: " ") : parts.first, score: score ?? -1)
        }
    }
}

extension AdminRegisterService {
    public func registerPage(viewer: Principal) async throws -> AdminRegisterModel {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in
            AdminRegisterModel(items: try await Self.items(db, kind: nil, viewer: viewer), logs: try await Self.logs(db, kind: nil, viewer: viewer),
                               mayWrite: !viewer.roles.isDisjoint(with: PropertyRules.workers))
        }
    }
}
