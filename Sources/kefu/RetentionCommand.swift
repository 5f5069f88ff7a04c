import ArgumentParser
import Foundation
import KefuApp
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
