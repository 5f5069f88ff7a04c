import Foundation
import KefuDomain
import KefuPlatform

/// The 篇8 forms as print-ready A4 pages in Chinese with signature lines (bs-cp0703-fm001..fm005) and the red copy of
/// 退回/换货品详单. Standalone documents: no navigation, print CSS.
enum PrintForms {
    static let css = """
    @page { size: A4; margin: 18mm 16mm; }
    * { box-sizing: border-box; }
    body { font: 14px/1.6 "Noto Serif CJK SC", "SimSun", "Songti SC", "WenQuanYi Micro Hei", serif; color: #000; margin: 0; background: #eee; }
    .sheet { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 18mm 16mm; background: #fff; }
    h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 0 0 4mm; }
    .code { display: flex; justify-content: space-between; font-size: 12px; margin-bottom: 4mm; }
    table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
    th, td { border: 1px solid #000; padding: 2mm 3mm; text-align: left; vertical-align: top; }
    th { background: #f3f3f3; font-weight: normal; }
    table.kv th { width: 28%; }
    .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 12mm; margin-top: 10mm; }
    .sign { border-bottom: 1px solid #000; height: 10mm; display: flex; align-items: flex-end; }
    .red { color: #b00; }
    .noprint { text-align: center; margin: 6mm; }
    @media print { body { background: #fff; } .sheet { margin: 0; width: auto; min-height: auto; padding: 0; } .noprint { display: none; } }
    """

    static func doc(title: String, code: String, number: String, rows: [(String, String?)], extra: HTML = .empty, signatures: [String], red: Bool = false) -> HTML {
        let cells: [HTML] = rows.map { "<tr><th>\($0.0)</th><td>\($0.1 ?? "")</td></tr>" }
        let signs: [HTML] = signatures.map { "<div class=\"sign\">\($0)：</div>" }
        return """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title) \(number)</title><style>\(HTML(raw: css))</style><script src="/assets/app.js" defer></script></head>
        <body>
        <p class="noprint"><button type="button" data-print id="print-button">打印 / Print</button></p>
        <div class="sheet\(red ? " red" : "")" id="form-sheet">
          <h1>\(title)</h1>
          <div class="code"><span>表单编号：\(code)</span><span>单号：\(number)</span></div>
          <table class="kv">\(cells)</table>
          \(extra)
          <div class="signatures">\(signs)</div>
        </div>
        </body>
        </html>
        """
    }

    static func date(_ t: Instant?) -> String? { PageKit.time(t) }

    static func unitsTable(_ r: RepairOrderView) -> HTML {
        let rows: [HTML] = r.units.map { "<tr><td>\($0.line)</td><td>\($0.serialNumber ?? "")</td><td>\($0.defect)</td></tr>" }
        return "<table><thead><tr><th>序号</th><th>机身编号</th><th>不良状况</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    /// bs-cp0703-fm001 返回品信息反馈单: details and the fee, faxed to the customer for the signed decision.
    static func feedback(_ r: RepairOrderView) -> HTML {
        doc(title: "返回品信息反馈单", code: "bs-cp0703-fm001", number: r.feedbackNumber ?? r.number, rows: [
            ("客户名称", r.customer.name), ("联系电话", r.customer.phone), ("返修单号", r.number), ("机型", r.model), ("数量", String(r.quantity)),
            ("出厂日期", r.shippedAt), ("主元器件损坏", r.diagnosis.map { $0.mainComponentDamaged ? "是" : "否" }),
            ("是否在保修期内", r.diagnosis.map { $0.inWarranty ? "是" : "否（已过保修期）" }), ("检测说明", r.diagnosis?.note),
            ("应收维修费用（元）", r.fee?.amount), ("顾客意见", r.customerDecision.map { $0.approved ? "同意维修" : "返回" }),
            ("顾客签名", r.customerDecision?.signedBy),
        ], extra: unitsTable(r), signatures: ["维修组开单人", "客服处理人", "顾客确认签名（注明“同意维修”）", "日期"])
    }

    /// bs-cp0703f-m002 维修收费单: only after the signed consent.
    static func fee(_ r: RepairOrderView) -> HTML {
        doc(title: "维修收费单", code: "bs-cp0703f-m002", number: r.chargeSlipNumber ?? "（尚未开具）", rows: [
            ("客户名称", r.customer.name), ("返修单号", r.number), ("反馈单号", r.feedbackNumber), ("机型", r.model), ("数量", String(r.quantity)),
            ("维修费用（元）", r.fee?.amount), ("顾客同意维修签名", r.customerDecision?.signedBy), ("同意日期", date(r.customerDecision?.at)),
        ], extra: unitsTable(r), signatures: ["客服开单人", "维修人员", "财务", "日期"])
    }

    /// bs-cp0703-fm003 返修品出库单: time, customer name, number of units, shipping method.
    static func outbound(_ r: RepairOrderView) -> HTML {
        let qc = r.qc.last { $0.passed }
        return doc(title: "返修品出库单", code: "bs-cp0703-fm003", number: r.dispatch?.number ?? "（尚未出库）", rows: [
            ("出库时间", date(r.dispatch?.at)), ("客户名称", r.customer.name), ("返修单号", r.number), ("机型", r.model), ("维修机数量", String(r.quantity)),
            ("发货方式", r.dispatch?.method), ("运单号", r.dispatch?.trackingNumber), ("品管检验", qc.map { "合格（\(date($0.at) ?? "")）" } ?? (r.status == "shipped" ? "不修返回" : "未检验")),
        ], extra: unitsTable(r), signatures: ["客服开单人", "品管检验员", "仓库发货人", "日期"])
    }

    /// bs-cp0703-fm005 维修服务报告.
    static func serviceReport(_ r: RepairOrderView) -> HTML {
        doc(title: "维修服务报告", code: "bs-cp0703-fm005", number: r.number, rows: [
            ("客户名称", r.customer.name), ("机型", r.model), ("数量", String(r.quantity)), ("接收日期", date(r.receivedAt)),
            ("检测结果", r.diagnosis.map { "主元器件\($0.mainComponentDamaged ? "损坏" : "完好")；\($0.inWarranty ? "保修期内" : "已过保修期")。\($0.note ?? "")" }),
            ("处理结果", r.customerDecision?.approved == false ? "顾客决定不维修，原样返回" : "已维修"),
            ("品管检验", r.qc.map { "\($0.passed ? "合格" : "不合格") \(date($0.at) ?? "") \($0.note ?? "")" }.joined(separator: "；")),
            ("出库", r.dispatch.map { "\($0.number) \($0.method)" }),
        ], extra: unitsTable(r), signatures: ["维修人员", "品管检验员", "客服部", "顾客签收"])
    }

    /// bs-cp0703-fm004 顾客投诉处理单.
    static func complaintForm(_ c: ComplaintView, names: [String: String]) -> HTML {
        let actions: [HTML] = (c.actions ?? []).map {
            "<tr><td>\($0.round)</td><td>\($0.corrective)</td><td>\($0.preventive)</td><td>\($0.dueDate)</td><td>\($0.approvedBy.flatMap { names[$0] } ?? "")</td></tr>"
        }
        let meetings: [HTML] = (c.meetings ?? []).map { "<tr><td>\(date($0.heldAt) ?? "")</td><td>\($0.participants.joined(separator: "、"))</td><td>\($0.minutes)</td></tr>" }
        let extra: HTML = """
        <table><thead><tr><th>轮次</th><th>纠正措施</th><th>预防措施</th><th>完成期限</th><th>管理者代表审核</th></tr></thead><tbody>\(actions)</tbody></table>
        <table><thead><tr><th>会审时间</th><th>与会人员</th><th>会审结论</th></tr></thead><tbody>\(meetings)</tbody></table>
        """
        return doc(title: "顾客投诉处理单", code: "bs-cp0703-fm004", number: c.number, rows: [
            ("顾客名称", c.customerName), ("投诉内容", c.subject), ("登记时间", date(c.registeredAt)),
            ("初步审查分类", AftersalesLabels.responsibility(c.responsibility).zh + " / " + AftersalesLabels.handling(c.handling).zh),
            ("原因分析（品管部）", c.rootCause), ("责任归属", c.responsibleOrgUnitName ?? (c.internalFault == false ? "非公司内部责任" : nil)),
            ("样品重检", c.samples.map { "数量 \($0.quantity)，重检 \($0.inspected)，不合格 \($0.failed)" }),
            ("顾客确认", c.customerConfirmation.map { ($0.accepted ? "顾客确认接受" : "顾客不接受") + ($0.comment.map { "：\($0)" } ?? "") }),
            ("效果验证", "品管部：\(c.verification.quality ? "有效" : "—")　客服部：\(c.verification.customerService ? "有效" : "—")"),
            ("结案", c.closedAt.map { "\(date($0) ?? "") \(c.closeNote ?? "")" }),
            ("回访", c.returnVisit.map { "\(date($0.at) ?? "") \($0.note ?? "")" }),
        ], extra: extra, signatures: ["客服部", "品管部", "责任部门主管", "管理者代表"])
    }

    /// 退回/换货品详单（红联）.
    static func returnSlip(_ r: ReturnView, names: [String: String]) -> HTML {
        doc(title: "退回/换货品详单（红联）", code: "退换货", number: r.slip?.number ?? "（尚未开具）", rows: [
            ("类别", r.kind == "exchange" ? "换货" : "退货"), ("客户名称", r.customerName), ("机型", r.model), ("机身编号", r.serialNumber),
            ("购买日期", r.purchaseDate), ("出厂日期", r.shippedAt), ("退/换货原因", r.reason),
            ("品管检验", r.inspection.map { "\($0.report)（责任：\(AftersalesLabels.responsibility($0.responsibility).zh)）" }),
            ("三个月质量规定", r.withinThreeMonths ? "出厂三个月内" : "超过三个月"), ("特批理由", r.override?.reason),
            ("业务员标注出货时间", r.slip?.salespersonShipDate), ("业务员标注原因", r.slip?.salespersonNote),
            ("销售部经理签字", r.slip?.signedBy.flatMap { names[$0] }), ("财务作账", r.slip?.bookedBy.flatMap { names[$0] }),
        ], signatures: ["客服部开单", "区域业务员", "销售部经理", "财务"], red: true)
    }
}
