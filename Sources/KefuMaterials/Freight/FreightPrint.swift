import KefuDomain
import KefuPlatform

/// #13.4, #13.7: the printed freight record / approval form (运费审批单, A4 through the print stylesheets): the shipment,
/// route and vehicle, cost and reference price, the rule's verdict in words (FRT-03..06), who approved and when, and the
/// signature lines. The record page prints itself (`data-print`); controls and the timeline stay off paper.
enum FreightPrint {
    /// The rule's verdict as a sentence with its figures and the SPEC item it comes from.
    static func verdict(_ r: FreightView) -> Text {
        switch (r.mode, r.approvalNeeded) {
        case (.rentedVehicle, .none):
            return Text("租车运费 {0} 元，不超过参考价 {1} 元的 110%（{2} 元），无需申请（FRT-03）",
                        "Rented vehicle: {0} yuan is within 110 % of the reference price {1} yuan ({2} yuan); no application needed (FRT-03)")
                .with(r.cost, r.referencePrice ?? "—", r.referenceLimit ?? "—")
        case (.rentedVehicle, _):
            return Text("租车运费 {0} 元，超过参考价 {1} 元的 110%（{2} 元），由现场向业务部申请（FRT-04）",
                        "Rented vehicle: {0} yuan is above 110 % of the reference price {1} yuan ({2} yuan); the site applies to its department (FRT-04)")
                .with(r.cost, r.referencePrice ?? "—", r.referenceLimit ?? "—")
        case (.air, _):
            return Text("空运运费 {0} 元：空运不论金额，一律报业务部经理审批（FRT-05）",
                        "Air freight, {0} yuan: air freight is always approved by the department manager, whatever the price (FRT-05)").with(r.cost)
        case (.express, .none):
            return Text("快递运费 {0} 元，不超过 200 元，由现场决定（FRT-06）", "Express, {0} yuan: within 200 yuan, the site decides (FRT-06)").with(r.cost)
        case (.express, _):
            return Text("快递运费 {0} 元，超过 200 元，须书面报部门领导审批（FRT-06）",
                        "Express, {0} yuan: above 200 yuan, the department leadership approves in writing (FRT-06)").with(r.cost)
        }
    }

    /// The approval as it stands: not needed, awaiting whom, or decided by whom and when.
    static func approvalState(_ r: FreightView, _ l: AppLocale) -> HTML {
        switch r.status {
        case .notNeeded:
            return "\(Text("无需审批", "No approval needed"), l)"
        case .awaitingApproval:
            return "\(Text("待审批：", "Awaiting: "), l)\(FreightLabels.approverText(r.approvalNeeded), l)"
        case .approved, .rejected:
            let at = r.decidedMillis.map { Times.display($0) } ?? "—"
            return "\(FreightLabels.status(r.status), l) · \(r.deciderName ?? "—") · \(at)\(r.decisionComment.map { " · " + $0 } ?? "")"
        }
    }

    /// The toolbar with the print button (screen only).
    static func toolbar(_ l: AppLocale) -> HTML {
        """
        <div class="u8-toolbar no-print" id="freight-toolbar"><button type="button" id="freight-print" data-print>\(Text("打印运费审批单", "Print the freight approval form"), l)</button>
        <a class="button" href="\(FreightPages.path)">\(Text("返回运费记录", "Back to the freight records"), l)</a></div>
        """
    }

    /// The verdict and the approval, shown on screen and on paper, and the signature lines (paper only).
    static func verdictBlock(_ r: FreightView, _ l: AppLocale) -> HTML {
        """
        <dl class="facts" id="freight-verdict-facts">
        <dt>\(Text("规则判定", "The rule's verdict"), l)</dt><dd id="freight-verdict" data-approval="\(r.approvalNeeded.rawValue)">\(verdict(r), l)</dd>
        <dt>\(Text("审批情况", "Approval"), l)</dt><dd id="freight-approval-state" data-status="\(r.status.rawValue)">\(approvalState(r, l))</dd>
        </dl>
        """
    }

    static func signatures(_ l: AppLocale) -> HTML {
        DocumentPrint.signatures(l, roles: [Text("经办人", "Handled by"), Text("现场负责人", "Site lead"), Text("业务部审批", "Department approval"),
                                            Text("财务审核", "Accounts")])
    }
}
