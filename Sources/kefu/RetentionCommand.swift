import ArgumentParser
import Foundation
import KefuApp
import KefuDomain
import KefuPlatform

/// `kefu retention-report` (#14.5, RET-01..04): per kind of filed record, how many are past their retention period and
/// the oldest — the summary of `/admin/retention`. Reads only: archiving is the operator's step, Kefu deletes nothing.
struct RetentionReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retention-report",
                                                    abstract: "List how many filed records are past their retention period, per kind (nothing is deleted).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Language of the labels: zh-CN or en.") var locale = "zh-CN"

    func run() async throws {
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        try await Migrator.migrate(store, KefuServer.migrations)
        let result = try await RetentionReport(store: store, sources: KefuServer.retentionSources)
            .operatorReport(locale: locale.lowercased().hasPrefix("en") ? .en : .zhCN)
        await store.shutdown()
        print(RetentionReport.text(result))
    }
}

/// `kefu retention archive --to DIR [--kind K] [--dry-run]` (#17.6, RET-04): writes each record past its effective period
/// and under no legal hold, of the kinds Kefu archives, as one JSON line to DIR/<kind>-<day>.jsonl, fsyncs, then deletes
/// exactly those rows, one transaction per batch (`RetentionArchive`).
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retention", abstract: "Records retention (RET-01..04).",
                                                    subcommands: [RetentionArchiveCommand.self])
}

struct RetentionArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive (write to JSON lines, then delete) the records past their retention period and not under a legal hold.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("to"), help: "The directory the <kind>-<day>.jsonl files are written to (must exist).") var directory: String
    @Option(help: "Only this kind (e.g. property_patrol).") var kind: String?
    @Flag(name: .customLong("dry-run"), help: "Count what would be archived; write and delete nothing.") var dryRun = false

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--to \(directory): no such directory")
        }
        let only: RetainedKind?
        if let kind {
            guard let k = RetainedKind(rawValue: kind) else { throw ValidationError("--kind \(kind): unknown kind") }
            only = k
        } else {
            only = nil
        }
        let store = try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"))
        try await Migrator.migrate(store, KefuServer.migrations)
        let archive = RetentionArchive(store: store, sources: KefuServer.retentionSources)
        do {
            let results = try await archive.run(to: URL(fileURLWithPath: directory, isDirectory: true), kind: only, dryRun: dryRun)
            await store.shutdown()
            for r in results {
                print([r.kind.rawValue, dryRun ? "would archive \(r.count)" : "archived \(r.count)", r.file ?? "-"].joined(separator: "\t"))
            }
            if only == nil {
                print("not archived by kefu (the operator's step): " + archive.notArchivable.map(\.rawValue).joined(separator: ", "))
            }
        } catch {
            await store.shutdown()
            throw error
        }
    }
}
