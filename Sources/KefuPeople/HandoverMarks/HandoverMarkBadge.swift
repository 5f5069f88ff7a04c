import KefuDomain
import KefuPlatform

extension PeoplePages {
    /// #15 leftovers (SHF-02): the roster calendar's "交接未完成" badge of one shift, a link to its handover when one exists.
    static func handoverMark(_ mark: HandoverCalendarMark?, _ l: AppLocale) -> HTML {
        guard let mark else { return .empty }
        guard let id = mark.handoverId else {
            let label = Text("交接未完成（未写交接）", "Handover not complete (none written)")(l)
            return HTML(raw: " <span class=\"badge handover-incomplete\" data-mark=\"missing\">\(HTML.escape(label))</span>")
        }
        let label = HandoverPages.statusLabel(mark.status)(l) + " " + (mark.handoverNumber ?? "")
        return HTML(raw: " <a class=\"badge handover-incomplete\" data-mark=\"pending\" href=\"/people/handovers/\(id)\">\(HTML.escape(label))</a>")
    }
}
