import Foundation
import Testing

/// A shipped migration file is never edited or removed. The one-file layout of 216bfe7
/// (`KefuAftersales/AftersalesMigrations.swift`, `KefuMaterials/MaterialsMigrations.swift`) shipped as well as the
/// per-file layout under `Migrations/`; both are kept, and Package.swift excludes the one-file record from the build.
/// This test proves the record and the active files still say the same thing, migration by migration.
@Suite("The excluded one-file migration records match the active migrations")
struct FrozenMigrationRecordTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// id → the migration's text from `Migration(id:` to its last `])`, with all white space removed.
    static func migrationBodies(in text: String) -> [String: String] {
        var bodies: [String: String] = [:]
        for chunk in text.components(separatedBy: "Migration(id: \"").dropFirst() {
            guard let idEnd = chunk.firstIndex(of: "\""), let close = chunk.range(of: "])", options: .backwards) else { continue }
            let id = String(chunk[..<idEnd])
            bodies[id] = String(chunk[..<close.upperBound]).filter { !$0.isWhitespace }
        }
        return bodies
    }

    static func activeBodies(_ target: String) throws -> [String: String] {
        let folder = sources.appendingPathComponent(target).appendingPathComponent("Migrations")
        var bodies: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            bodies.merge(migrationBodies(in: text)) { first, _ in first }
        }
        return bodies
    }

    @Test(arguments: [("KefuAftersales", "AftersalesMigrations.swift", 3), ("KefuMaterials", "MaterialsMigrations.swift", 3)])
    func recordMatchesActive(target: String, record: String, count: Int) throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent(target).appendingPathComponent(record), encoding: .utf8)
        let frozen = Self.migrationBodies(in: text)
        #expect(frozen.count == count, "\(record) should hold the \(count) migrations it shipped with")
        let active = try Self.activeBodies(target)
        for (id, body) in frozen {
            let same = active[id] == body
            #expect(same, "\(id) in \(target)/\(record) differs from the active migration in \(target)/Migrations")
        }
    }
}
