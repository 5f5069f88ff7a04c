import KefuDomain
import KefuPlatform

/// The words of MAT-05's requests for a new item code, in the reader's language (pages and hand-off notices).
enum ItemRequestLabels {
    static func status(_ s: ItemRequestStatus) -> Text {
        switch s {
        case .draft: return Text("草稿", "Draft")
        case .submitted: return Text("已提交业务部", "Submitted to the department")
        case .forwarded: return Text("业务部已转报", "Forwarded to HQ")
        case .approved: return Text("已批准（已建编码）", "Approved (code created)")
        case .rejected: return Text("已驳回", "Rejected")
        }
    }

    static func status(_ raw: String) -> Text {
        ItemRequestStatus(rawValue: raw).map(status) ?? Text(raw, raw)
    }

    static func photo(_ k: ItemRequestPhotoKind) -> Text {
        switch k {
        case .distant: return Text("远景照片", "Distant view")
        case .closeUp: return Text("近景照片", "Close-up")
        case .spec: return Text("规格型号（铭牌）照片", "Spec / model plate")
        }
    }

    static func action(_ a: ItemRequestAction) -> Text {
        switch a {
        case .submit: return Text("提交业务部", "Submit to the department")
        case .forward: return Text("转报业务管理部", "Forward to HQ")
        case .approve: return Text("批准并建立编码", "Approve and create the code")
        case .reject: return Text("驳回", "Reject")
        }
    }

    /// What the timeline says a step of the audit trail was.
    static func event(_ action: String) -> Text {
        switch action {
        case "create": return Text("创建申请", "Request created")
        case "attach": return Text("上传照片", "Photo added")
        case "submit": return Text("提交业务部", "Submitted to the department")
        case "forward": return Text("业务部转报业务管理部", "Forwarded to HQ by the department")
        case "approve": return Text("业务管理部批准，建立存货编码", "Approved by HQ, item code created")
        case "reject": return Text("驳回", "Rejected")
        default: return Text(action, action)
        }
    }

    /// Who acts next, for the request page's status line.
    static func waitingFor(_ s: ItemRequestStatus) -> Text? {
        switch s {
        case .draft: return Text("待申请单位上传三张照片并提交", "Waiting for the requesting unit to add the three photos and submit")
        case .submitted: return Text("待业务部审核转报", "Waiting for the business department to forward it")
        case .forwarded: return Text("待业务管理部物资管理室审批", "Waiting for the HQ materials office to decide")
        case .approved, .rejected: return nil
        }
    }
}
