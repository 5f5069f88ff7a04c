import Foundation
import Hummingbird
import HummingbirdTesting
import KefuApp
import KefuPlatform
import SQLKit
import Testing

/// #17.1 tests need the SQLite file itself (to back it up and restore into another): a real server over a SQLite file
/// in a temp folder of the test's own, whatever engine the other suites run on.
enum BackupFixture {
    static func tempDir(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(tag)-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func disk(in dir: URL) -> AttachmentDisk { AttachmentDisk(root: dir.appendingPathComponent("kefu-data/attachments")) }

    /// A migrated SQLite database at `dir/kefu.sqlite`, served on a socket for `body`.
    static func serve(_ dir: URL, prepare: Bool = true, _ body: @escaping @Sendable (TestApp, String) async throws -> Void) async throws {
        _ = TestDatabase.announce
        let path = dir.appendingPathComponent("kefu.sqlite").path
        let store = try await SQLiteStore.open(path: path, logger: TestDatabase.logger)
        do {
            if prepare { _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword) }
            let built = KefuServer.buildRouter(store: store, attachmentDisk: disk(in: dir))
            let jobs = built.jobs
            let app = Application(router: built.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                try await TestClient.withClient(host: "localhost", port: client.port!, configuration: .init(timeout: TestApp.patience)) { http in
                    try await body(TestApp(client: client, http: http, store: store, jobs: jobs), path)
                }
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    static func withSQLite<T: Sendable>(_ path: String, _ body: (any Store) async throws -> T) async throws -> T {
        try await SQLiteStore.open(path: path, logger: TestDatabase.logger).closing(body)
    }

    static func scalar(_ store: any Store, _ sql: String) async throws -> Int {
        try await store.read { db in try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self) }
    }

    /// Runs blocking file work on a thread of its own (as `kefu backup` runs beside the server, in another process).
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The ids acknowledged so far by the writer, each with the moment its 201 arrived.
    actor Acks {
        private(set) var ids: [String] = []
        private(set) var failures = 0
        var stop = false
        func add(_ id: String) { ids.append(id) }
        func failed() { failures += 1 }
        func halt() { stop = true }
        func snapshot() -> [String] { ids }
    }
}
