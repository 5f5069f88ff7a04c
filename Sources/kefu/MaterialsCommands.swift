import ArgumentParser
import Foundation
import KefuApp
import KefuPlatform

/// `kefu check-ledger`: rebuilds every balance from the append-only ledger and reports each difference.
struct CheckLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-ledger",
                                                    abstract: "Rebuild stock balances from the ledger and report differences (exit 1 if any).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Also rewrite the differing balances from the ledger.") var repair = false

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        try await Migrator.migrate(store, KefuServer.migrations)
        let report = try await MaterialsAdminTasks.checkLedger(store, repair: repair)
        await store.shutdown()
        print(report.text)
        if !report.consistent { throw ExitCode(1) }
    }
}

/// `kefu seed-ledger`: bulk-loads a synthetic ledger for benchmarks (SQL, not HTTP): an org unit BENCH, warehouses
/// `bench-w-*`, items `bench-i-*` and their movements and balances. Only with `--benchmark-database`, so that it never
/// lands in real books by accident.
struct SeedLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed-ledger", abstract: "Benchmark only: bulk-load a synthetic stock ledger.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Ledger rows to add.") var rows = 1_000_000
    @Option(help: "Warehouses.") var warehouses = 50
    @Option(help: "Items.") var items = 5_000
    @Flag(name: .customLong("benchmark-database"), help: "Confirms that the database is a throw-away benchmark database.")
    var confirmed = false

    func run() async throws {
        guard confirmed else { throw ValidationError("seed-ledger writes synthetic stock into the database; pass --benchmark-database to confirm it is a benchmark database") }
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        _ = try await KefuServer.prepare(store, adminPassword: ProcessInfo.processInfo.environment["KEFU_ADMIN_PASSWORD"])
        let started = Date()
        let summary = try await MaterialsAdminTasks.seedLedger(store, rows: rows, warehouses: warehouses, items: items)
        await store.shutdown()
        print("\(summary) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
