import KefuDomain
import KefuPeople
import KefuPlatform

/// #15 leftovers TRN-03 (持证上岗): the home page's part "certificates expiring" — the viewer's own and, for a supervisor
/// or manager, those of its staff; soonest first, an expired one marked.
extension HomePage {
    func certificates(_ c: CertificateAlertsHome, _ l: AppLocale) -> HTML {
        let rows = c.items.map { x -> DataTable.Row in
            let state = x.status == "expired" ? Text("已过期", "Expired") : Text("即将到期", "Expiring")
            return DataTable.Row([.init("\(x.userName)"), .init("\(x.name)"), .init("\(x.number)"), .init("\(x.expiresOn)", class: "nowrap"),
                                  .init("<span class=\"badge certificate-\(x.status)\">\(state(l))</span>")],
                                 attributes: "class=\"home-certificate-row\" data-user=\"\(x.userId)\" data-status=\"\(x.status)\"")
        }
        let content = DataTable.render(id: "home-certificates-table", headers: [Text("人员", "Person"), Text("证书", "Certificate"), Text("证号", "No."),
                                                                             Text("有效期至", "Valid until"), Text("状态", "State")].map { $0(l) }, rows: rows)
        return section(id: "home-certificates", title: Text("证书到期提醒", "Certificates expiring"), count: c.total,
                       more: c.seesStaff ? (Text("查看员工资格", "Staff qualifications"), "/people/qualifications?flag=certificates")
                                         : (Text("请联系主管复审换证", "Ask your supervisor to renew it"), "/people/trainings"), l, content: content)
    }
}
