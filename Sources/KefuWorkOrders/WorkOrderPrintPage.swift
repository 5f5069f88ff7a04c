import Foundation
import KefuDomain
import KefuPlatform

/// WO-09: the work order as an A4 print in three copies — 第一联 the requester (resident or reporting department),
/// 第二联 engineering, 第三联 customer service — each with the requester's signature. A standalone document: no
/// navigation; the print button uses the asset script (`data-print`).
enum WorkOrderPrintPage {
    static let copies = [("第一联", "报修人（住户或报修部门）留存"), ("第二联", "工程部留存"), ("第三联", "客服部留存")]

    static let css = """
    @page { size: A4; margin: 12mm 14mm; }
    * { box-sizing: border-box; }
    body { font: 13px/1.5 "Noto Serif CJK SC", "SimSun", "Songti SC", serif; color: #000; margin: 0; background: #eee; }
    .copy { width: 210mm; margin: 8mm auto; padding: 10mm 14mm; background: #fff; page-break-after: always; break-after: page; }
    .copy:last-of-type { page-break-after: auto; break-after: auto; }
    h1 { text-align: center; font-size: 20px; letter-spacing: 4px; margin: 0 0 2mm; }
    .code { display: flex; justify-content: space-between; font-size: 12px; margin-bottom: 3mm; }
    table { width: 100%; border-collapse: collapse; }
    th, td { border: 1px solid #000; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
    th { width: 22%; background: #f3f3f3; font-weight: normal; }
    .sig img { max-height: 28mm; max-width: 80mm; }
    .pre { white-space: pre-wrap; }
    .noprint { text-align: center; margin: 6mm; }
    @media print { body { background: #fff; } .copy { margin: 0; width: auto; padding: 0 0 4mm; } .noprint { display: none; } }
    """

    static func time(_ millis: Int64?) -> String { millis.map { Times.display($0) } ?? "" }

    static func copy(_ o: WorkOrderView, index: Int, label: (String, String)) -> HTML {
        let sig: HTML = o.signature.map { s in
            "<img class=\"print-signature\" src=\"\(s.dataURI)\" alt=\"签字\"><br>\(s.signerName)（\(WorkOrderLabels.relation(s.signerRelation).zh)）\(time(s.signedMillis))"
        } ?? "<span class=\"unsigned\">（未签字，视为未完成 WO-07）</span>"
        let late = o.arrivedLate == true ? "（迟到）" : ""
        return """
        <section class="copy" id="copy-\(index + 1)" data-copy="\(index + 1)">
          <h1>工作任务单</h1>
          <div class="code"><span class="copy-label">\(label.0)：\(label.1)</span><span>编号：\(o.number)</span></div>
          <table>
          <tr><th>类型</th><td>\(WorkOrderLabels.kind(o.kind).zh)</td><th>所属单位</th><td>\(o.unitName)</td></tr>
          <tr><th>地点</th><td colspan="3">\(o.location)</td></tr>
          <tr><th>报修内容</th><td colspan="3">\(o.description)</td></tr>
          <tr><th>报修人</th><td>\(o.requesterName)</td><th>联系电话</th><td>\(o.requesterPhone)</td></tr>
          <tr><th>派单人</th><td>\(o.issuerName)</td><th>派单时间</th><td>\(time(o.issuedMillis))</td></tr>
          <tr><th>维修人</th><td>\(o.technicianName ?? "")</td><th>接单时间</th><td>\(time(o.acceptedMillis))</td></tr>
          <tr><th>到场时间</th><td>\(time(o.arrivedMillis))\(late)</td><th>完成时间</th><td>\(time(o.completedMillis))</td></tr>
          <tr><th>维修记录</th><td colspan="3" class="pre">\(o.workNotes)</td></tr>
          <tr><th>所用材料</th><td colspan="3" class="pre">\(o.materials)\(o.materialsDocumentNumber.map { "\n出库单 " + $0 } ?? "")</td></tr>
          <tr><th>报修人签字</th><td colspan="3" class="sig">\(sig)</td></tr>
          <tr><th>回访</th><td colspan="3">\(o.returnVisitNote ?? "")</td></tr>
          </table>
        </section>
        """
    }

    static func render(_ o: WorkOrderView) -> HTML {
        let copies: [HTML] = copies.enumerated().map { copy(o, index: $0.offset, label: $0.element) }
        return """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>工作任务单 \(o.number)</title><style>\(HTML(raw: css))</style><script src="/assets/app.js" defer></script></head>
        <body>
        <p class="noprint"><button type="button" data-print id="print-button">打印 / Print</button></p>
        \(copies)
        </body>
        </html>
        """
    }
}
