import Foundation
import KefuDomain
import KefuPlatform

/// PRP-06 units imported from a sheet (XLSX or CSV UTF-8) with the headers 楼栋, 房号, 建筑面积, 用途, 住户类别, 住户姓名,
/// 联系电话, 入住日期 (or their English keys); all rows or none, through `addUnits`. A refusal names the file's row.
extension PropertyService {
    static let importColumns: [(key: String, names: [String])] = [
        ("building", ["楼栋", "building"]), ("room", ["房号", "room"]), ("area", ["建筑面积", "建筑面积㎡", "建筑面积（㎡）", "area"]),
        ("use", ["用途", "use"]), ("occupantKind", ["住户类别", "occupantKind"]), ("occupantName", ["住户姓名", "姓名", "occupantName"]),
        ("occupantPhone", ["联系电话", "电话", "occupantPhone"]), ("moveInOn", ["入住日期", "moveInOn"]),
    ]

    public func importUnits(estateId: String, file: [UInt8], by actor: Principal, now date: Date = Date()) async throws -> PropertyUnitsMade {
        try PropertyQueries.requireWorker(actor)
        let rows = try TableFile.rows(file)
        guard let header = rows.first else { throw AppError.validation("file", Text("文件是空的", "The file is empty")) }
        let positions = TableFile.headerPositions(header, wanted: Self.importColumns.map(\.names))
        guard positions[0] != nil, positions[1] != nil, positions[2] != nil else {
            throw AppError.validation("file", Text("第一行须有“楼栋”“房号”“建筑面积”列", "The first row must have the columns 楼栋, 房号 and 建筑面积"))
        }
        var units: [PropertyBody] = []
        var fileRows: [Int] = []
        for (i, row) in rows.enumerated().dropFirst() where row.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            var values: [String: String] = [:]
            for (c, position) in zip(Self.importColumns, positions) {
                if let p = position, p < row.count { values[c.key] = row[p] }
            }
            units.append(PropertyBody(values))
            fileRows.append(i + 1)
        }
        do {
            return try await addUnits(estateId: estateId, PropertyUnitsBody(units: units), by: actor, now: date)
        } catch let e as AppError {
            guard let field = e.details["field"], field.hasPrefix("units["), let close = field.firstIndex(of: "]"),
                  let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), index < fileRows.count else { throw e }
            let row = fileRows[index]
            throw AppError(e.status, e.code, Text("第 \(row) 行：" + e.message.zh, "Row \(row): " + e.message.en), details: ["field": "file"])
        }
    }
}
