import KefuDomain
import KefuPlatform

/// The scorecard's charts (#15.5): horizontal bars per agent drawn by the server as inline SVG, whole numbers only
/// (basis points scaled to pixels), no chart library; an agent without data has a label and no bar ("—").
enum ScorecardCharts {
    static let width = 720, labelWidth = 160, barHeight = 18, gap = 8

    /// One bar per row for a percentage in basis points, with a dashed target line when given.
    static func bars(id: String, title: String, rows: [(name: String, basisPoints: Int?)], color: String, targetBasisPoints: Int? = nil) -> HTML {
        let plot = width - labelWidth - 80
        var out = ""
        for (i, r) in rows.enumerated() {
            let y = 30 + i * (barHeight + gap)
            out += "<text x=\"8\" y=\"\(y + 13)\">\(HTML.escape(String(r.name.prefix(12))))</text>"
            guard let bp = r.basisPoints else {
                out += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 13)\" fill=\"#6b7280\">—</text>"
                continue
            }
            let w = plot * min(max(bp, 0), 10_000) / 10_000
            out += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"\(color)\"/>"
            out += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 13)\">\(ScorecardRules.text(bp))%</text>"
        }
        let bottom = 30 + rows.count * (barHeight + gap)
        if let target = targetBasisPoints {
            let x = labelWidth + plot * target / 10_000
            out += "<line x1=\"\(x)\" y1=\"24\" x2=\"\(x)\" y2=\"\(bottom)\" stroke=\"#c81e1e\" stroke-dasharray=\"4 3\"/>"
            out += "<text x=\"\(x + 3)\" y=\"\(bottom + 8)\" fill=\"#c81e1e\">\(target / 100)%</text>"
        }
        let height = bottom + 10
        return HTML(raw: """
        <svg class="chart" id="\(id)" role="img" aria-label="\(HTML.escape(title))" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg" font-size="12">
        <text x="8" y="18" font-weight="600">\(HTML.escape(title))</text>\(out)</svg>
        """)
    }
}
