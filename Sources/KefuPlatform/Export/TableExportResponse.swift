import Hummingbird

extension TableExport {
    /// The HTTP answer carrying a table as an XLSX or CSV download (`base` without extension; the format's is added).
    public static func response(_ table: ExportTable, as format: Format, filename base: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = disposition(filename: base + "." + format.rawValue)
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes(table, as: format))))
    }
}
