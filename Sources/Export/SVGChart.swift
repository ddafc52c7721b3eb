import Foundation
import Plot

/// A node of the report's body (HTML or inline SVG).
typealias BodyNode = Node<HTML.BodyContext>

/// Small inline SVG charts built as Plot nodes: no script, no external file, so the report
/// opens anywhere without network access. Text inside a chart goes through `ReportText`, like
/// every other text of the report; attribute values are numbers and class names made here.
enum SVGChart {
    /// One bar made of segments (a stacked bar), or one point of a line, with its label.
    struct Column {
        var label: String
        /// (css class, value) in stacking order.
        var segments: [(kind: String, value: Double)]
        /// A tooltip-like description read by screen readers and shown on hover.
        var caption: String
        /// Written on the baseline when the column is empty ("suspendido").
        var note: String? = nil
        var total: Double { segments.reduce(0) { $0 + $1.value } }
    }

    /// One line of a line chart: a css class and a value per x position (nil: no point there).
    struct Series {
        var kind: String
        var label: String
        var values: [Double?]
    }

    // MARK: Charts

    /// Vertical stacked bars over labelled columns, with a light grid and the total on top.
    static func stackedColumns(_ columns: [Column], title: String, reference: (value: Double, label: String)? = nil) -> BodyNode {
        let width = 640.0, height = 240.0, left = 34.0, right = 8.0, top = 18.0, bottom = 34.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(columns.map(\.total).max() ?? 0, reference?.value ?? 0, 1)
        let ticks = niceTicks(maxValue)
        let yMax = ticks.last ?? maxValue
        func y(_ v: Double) -> Double { top + plotH - v / yMax * plotH }
        var nodes: [BodyNode] = grid(ticks: ticks, y: y, left: left, right: width - right)
        let slot = plotW / Double(max(columns.count, 1))
        let barW = min(56, slot * 0.62)
        for (i, c) in columns.enumerated() {
            let x = left + slot * Double(i) + (slot - barW) / 2
            var base = 0.0
            var parts: [BodyNode] = [element("title", [.text(ReportText.safe(c.caption))])]
            for s in c.segments where s.value > 0 {
                parts.append(rect(x: x, y: y(base + s.value), width: barW, height: y(base) - y(base + s.value), kind: s.kind))
                base += s.value
            }
            nodes.append(element("g", [.attribute(named: "class", value: "bar")] + parts))
            if c.total > 0 {
                nodes.append(label(x: x + barW / 2, y: y(c.total) - 4, text: number(c.total), anchor: "middle", kind: "value"))
            } else if let note = c.note {
                nodes.append(label(x: x + barW / 2, y: y(0) - 6, text: note, anchor: "middle", kind: "note"))
            }
            nodes.append(label(x: left + slot * Double(i) + slot / 2, y: height - bottom + 16, text: c.label, anchor: "middle", kind: "axis"))
        }
        if let reference {
            let ry = y(reference.value)
            nodes.append(line(x1: left, y1: ry, x2: width - right, y2: ry, kind: "reference"))
            nodes.append(label(x: width - right, y: ry - 4, text: reference.label, anchor: "end", kind: "reference-label"))
        }
        return svg(width: width, height: height, title: title, nodes)
    }

    /// Horizontal stacked bars, one row per labelled item (people), scaled to the longest.
    static func stackedRows(_ rows: [Column], title: String) -> BodyNode {
        let labelW = 170.0, width = 640.0, rowH = 26.0, top = 6.0
        let height = top * 2 + rowH * Double(max(rows.count, 1))
        let maxValue = max(rows.map(\.total).max() ?? 0, 1)
        let plotW = width - labelW - 40
        var nodes: [BodyNode] = []
        for (i, r) in rows.enumerated() {
            let y = top + rowH * Double(i)
            nodes.append(label(x: labelW - 8, y: y + rowH / 2 + 4, text: ReportText.shortened(r.label, 24), anchor: "end", kind: "axis"))
            var x = labelW
            var parts: [BodyNode] = [element("title", [.text(ReportText.safe(r.caption))])]
            for s in r.segments where s.value > 0 {
                let w = s.value / maxValue * plotW
                parts.append(rect(x: x, y: y + 4, width: w, height: rowH - 8, kind: s.kind))
                x += w
            }
            nodes.append(element("g", [.attribute(named: "class", value: "bar")] + parts))
            nodes.append(label(x: x + 6, y: y + rowH / 2 + 4, text: number(r.total), anchor: "start", kind: "value"))
        }
        return svg(width: width, height: height, title: title, nodes)
    }

    /// Lines over labelled x positions on a fixed 1…4 scale (Likert averages).
    static func lines(_ series: [Series], xLabels: [String], title: String, yRange: ClosedRange<Double> = 1...4) -> BodyNode {
        let width = 640.0, height = 240.0, left = 60.0, right = 40.0, top = 14.0, bottom = 34.0
        let plotW = width - left - right, plotH = height - top - bottom
        func y(_ v: Double) -> Double { top + plotH - (v - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotH }
        let step = xLabels.count > 1 ? plotW / Double(xLabels.count - 1) : 0
        func x(_ i: Int) -> Double { xLabels.count > 1 ? left + step * Double(i) : left + plotW / 2 }
        let ticks = Array(stride(from: yRange.lowerBound, through: yRange.upperBound, by: 1))
        var nodes: [BodyNode] = grid(ticks: ticks, y: y, left: left, right: width - right)
        for (i, l) in xLabels.enumerated() {
            nodes.append(label(x: x(i), y: height - bottom + 16, text: l, anchor: "middle", kind: "axis"))
        }
        for s in series {
            let points = s.values.enumerated().compactMap { i, v in v.map { (x(i), y($0)) } }
            var parts: [BodyNode] = [element("title", [.text(ReportText.safe(s.label))])]
            if points.count > 1 {
                let path = points.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
                parts.append(element("polyline", [.attribute(named: "points", value: path), .attribute(named: "class", value: "line " + s.kind)]))
            }
            for p in points {
                parts.append(element("circle", [
                    .attribute(named: "cx", value: coordinate(p.0)), .attribute(named: "cy", value: coordinate(p.1)),
                    .attribute(named: "r", value: "4"), .attribute(named: "class", value: "dot " + s.kind),
                ]))
            }
            nodes.append(element("g", parts))
        }
        return svg(width: width, height: height, title: title, nodes)
    }

    // MARK: Pieces

    static func svg(width: Double, height: Double, title: String, _ nodes: [BodyNode]) -> BodyNode {
        element("svg", [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(height))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "class", value: "chart"),
            element("title", [.text(ReportText.safe(title))]),
        ] + nodes)
    }

    static func element(_ name: String, _ nodes: [BodyNode]) -> BodyNode { .element(named: name, nodes: nodes) }

    static func rect(x: Double, y: Double, width: Double, height: Double, kind: String) -> BodyNode {
        element("rect", [
            .attribute(named: "x", value: coordinate(x)), .attribute(named: "y", value: coordinate(y)),
            .attribute(named: "width", value: coordinate(max(width, 0))), .attribute(named: "height", value: coordinate(max(height, 0))),
            .attribute(named: "class", value: kind),
        ])
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, kind: String) -> BodyNode {
        element("line", [
            .attribute(named: "x1", value: coordinate(x1)), .attribute(named: "y1", value: coordinate(y1)),
            .attribute(named: "x2", value: coordinate(x2)), .attribute(named: "y2", value: coordinate(y2)),
            .attribute(named: "class", value: kind),
        ])
    }

    static func label(x: Double, y: Double, text: String, anchor: String, kind: String) -> BodyNode {
        element("text", [
            .attribute(named: "x", value: coordinate(x)), .attribute(named: "y", value: coordinate(y)),
            .attribute(named: "text-anchor", value: anchor), .attribute(named: "class", value: kind),
            .text(ReportText.safe(text)),
        ])
    }

    static func grid(ticks: [Double], y: (Double) -> Double, left: Double, right: Double) -> [BodyNode] {
        ticks.flatMap { t -> [BodyNode] in
            [line(x1: left, y1: y(t), x2: right, y2: y(t), kind: "grid"),
             label(x: left - 6, y: y(t) + 4, text: number(t), anchor: "end", kind: "axis")]
        }
    }

    /// 0 and a few round steps up to at least `maxValue` (counts: whole numbers).
    static func niceTicks(_ maxValue: Double) -> [Double] {
        let raw = maxValue / 4
        let steps: [Double] = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        let step = steps.first { $0 >= raw } ?? (raw.rounded(.up))
        let top = (maxValue / step).rounded(.up) * step
        return Array(stride(from: 0, through: top, by: step))
    }

    static func coordinate(_ v: Double) -> String { String(format: "%.1f", v) }

    /// "3", "2,5" (Spanish decimal comma).
    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",")
    }
}

/// Text as the report writes it: every user text passes through `safe` before Plot escapes it.
enum ReportText {
    /// Plot escapes `<` and `>` but keeps what looks like an entity (`&amp;`), so a `&` typed by a
    /// person is escaped here first: «Lenguaje &lt;3» is shown as typed, never as markup.
    static func safe(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;") }

    /// An attribute value: Plot writes attribute values as given, so quotes and markup are
    /// escaped here (record ids come from files a person may have edited).
    static func attribute(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// At most `n` characters, with an ellipsis when cut.
    static func shortened(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
