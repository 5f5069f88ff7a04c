import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #12.1 the filled-in count sheet uploaded from the stocktake page (XLSX or CSV, multipart like `/attachments`). It
/// runs the same import as `POST /api/v1/stocktakes/{id}/counts/import` (all rows or none, STK-05/06); a refused file
/// comes back to the stocktake page through `FormFlash` with every row error listed.
extension StocktakePages {
    static func importPath(_ id: String) -> String { "/materials/stocktakes/\(id)/import" }

    func importSheet(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        var request = request
        guard MultipartForm.isMultipart(request) else {
            throw AppError.badRequest("invalid_multipart", Text("上传文件的表单格式不正确", "The upload form is malformed"))
        }
        let form = try await MultipartForm.read(&request)
        guard let file = form.file("file"), !file.bytes.isEmpty else {
            throw AppError.validation("file", Text("请选择填好的盘点表（XLSX 或 CSV）", "Choose the filled-in count sheet (XLSX or CSV)"))
        }
        let s = try await stocktakes.importCounts(id: id, file: file.bytes, by: principal)
        return Redirect.to("/materials/stocktakes/\(id)?notice=imported&what=" + urlQueryValue(s.number))
    }

    /// The upload form of the stocktake page, with the refusal of the last upload listed row by row.
    static func importForm(_ page: PageContext, id: String, _ l: AppLocale) -> HTML {
        let state = page.formState(action: importPath(id))
        let errors: HTML = state.error.map { error in
            let lines = error.message(l).split(separator: "\n").map(String.init)
            let items: [HTML] = lines.dropFirst().map { "<li>\($0)</li>" }
            return "<div class=\"flash-error\" role=\"alert\" id=\"st-import-errors\"><p>\(lines.first ?? "")</p><ul>\(items)</ul></div>"
        } ?? .empty
        return """
        <form method="post" action="\(importPath(id))" enctype="multipart/form-data" class="inline no-print" id="st-import-form">\(page.csrfField)
        <label for="st-import-file">\(Text("导入填好的盘点表", "Import the filled-in sheet"), l)</label>
        <input type="file" name="file" id="st-import-file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required>
        <button type="submit" id="st-import">\(Text("导入", "Import"), l)</button></form>
        \(errors)
        """
    }
}
