import Foundation

/// #17.1 on PostgreSQL: `kefu backup` runs `pg_dump --format=custom` and `kefu restore` runs `pg_restore`, the
/// database's own tools (they take a consistent snapshot and know every object type), when they are on PATH.
public enum PostgresTools {
    /// The tool's path on PATH, or nil.
    public static func find(_ tool: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        // Debian keeps them under /usr/lib/postgresql/<version>/bin as well.
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: >) {
            let candidate = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin/\(tool)")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func require(_ tool: String) throws -> URL {
        guard let url = find(tool) else {
            throw BackupError("找不到 \(tool)：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client），或直接用 \(tool) 备份/恢复",
                              "\(tool) is not on PATH: install the PostgreSQL client tools (Debian: apt-get install postgresql-client), or run \(tool) yourself")
        }
        return url
    }

    /// The connection in libpq's environment variables (the password never appears on a command line).
    static func environment(_ location: PostgresLocation) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = location.host
        env["PGPORT"] = String(location.port)
        env["PGUSER"] = location.username
        env["PGDATABASE"] = location.database
        env["PGSSLMODE"] = location.requireTLS ? "require" : "disable"
        if let password = location.password { env["PGPASSWORD"] = password } else { env["PGPASSWORD"] = nil }
        return env
    }

    /// `pg_dump --format=custom` into `target` (temporary name, then renamed). An existing target is refused unless `force`.
    public static func dump(_ location: PostgresLocation, to target: URL, force: Bool) throws -> Int64 {
        if !force, FileSafety.exists(target) {
            throw BackupError("\(target.path) 已存在；要覆盖请加 --force", "\(target.path) already exists; add --force to replace it")
        }
        let tool = try require("pg_dump")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = FileSafety.temporarySibling(of: target, tag: "partial")
        defer { try? FileManager.default.removeItem(at: temp) }
        try run(tool, ["--format=custom", "--no-owner", "--file=\(temp.path)"], location)
        FileSafety.fsync(temp)
        try FileSafety.rename(temp, onto: target)
        return ((try? FileManager.default.attributesOfItem(atPath: target.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// `pg_restore` of a custom-format dump into the (empty) database, in one transaction.
    public static func restore(_ location: PostgresLocation, from file: URL) throws {
        guard FileSafety.exists(file) else { throw BackupError("找不到备份文件 \(file.path)", "there is no backup file at \(file.path)") }
        let tool = try require("pg_restore")
        try run(tool, ["--no-owner", "--single-transaction", "--exit-on-error", "--dbname=\(location.database)", file.path], location)
    }

    static func run(_ tool: URL, _ arguments: [String], _ location: PostgresLocation) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.environment = environment(location)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BackupError("\(tool.lastPathComponent) 失败（退出码 \(process.terminationStatus)）：\(text)",
                              "\(tool.lastPathComponent) failed (exit status \(process.terminationStatus)): \(text)")
        }
    }
}
