/// The report's style sheet, inline in the page (no web fonts, nothing to download). Colours
/// of agreement states are the same in charts, legends and labels; they keep their meaning in
/// grey print too (cumplido darkest among the good ones, vencido strong).
enum ReportStyle {
    static let css = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --paper: #ffffff; --soft: #f5f7fa; --accent: #0b6e69; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--soft); color: var(--ink);
      font: 15px/1.5 "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 24px 20px 8px; }
    footer { max-width: 980px; margin: 0 auto; padding: 0 20px 24px; color: var(--muted); font-size: 13px; }
    article.network { background: var(--paper); border-radius: 14px; box-shadow: 0 1px 3px rgba(0,0,0,.08);
      padding: 28px 32px; margin-bottom: 28px; }
    header h1 { margin: 0; font-size: 28px; color: var(--accent); }
    .subtitle { margin: 2px 0 0; font-size: 16px; }
    .as-of { margin: 2px 0 18px; color: var(--muted); }
    h2 { font-size: 20px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
    .card { background: var(--soft); border-radius: 10px; padding: 12px 14px; border-left: 4px solid var(--accent); }
    .card.alert { border-left-color: #c0392b; background: #fdf0ee; }
    .card .figure { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; }
    .card .figure.small { font-size: 16px; line-height: 1.3; }
    .card .caption { display: block; color: var(--muted); font-size: 13px; margin-top: 4px; }
    figure { margin: 14px 0 20px; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
    svg.chart { width: 100%; height: auto; display: block; }
    svg .grid { stroke: var(--line); stroke-width: 1; }
    svg .axis { fill: var(--muted); font-size: 11px; }
    svg .value { fill: var(--ink); font-size: 11px; font-weight: 600; }
    svg .note { fill: var(--muted); font-size: 11px; font-style: italic; }
    svg .reference { stroke: #9aa5b1; stroke-width: 1.5; stroke-dasharray: 5 4; }
    svg .reference-label { fill: var(--muted); font-size: 11px; }
    svg .bar:hover rect { opacity: .85; }
    .st-cumplido { fill: #2f9e44; background: #2f9e44; }
    .st-en_proceso { fill: #3b82f6; background: #3b82f6; }
    .st-pendiente { fill: #f2b705; background: #f2b705; }
    .st-reprogramado { fill: #8b5cf6; background: #8b5cf6; }
    .st-vencido { fill: #c0392b; background: #c0392b; }
    .st-no_cumplido { fill: #7b8794; background: #7b8794; }
    .attended { fill: var(--accent); }
    .missing { fill: #cbd2d9; }
    .suspended { fill: #cbd2d9; }
    .line { fill: none; stroke-width: 2.5; }
    .dim0 { stroke: #0b6e69; fill: #0b6e69; background: #0b6e69; }
    .dim1 { stroke: #d9480f; fill: #d9480f; background: #d9480f; }
    .dim2 { stroke: #3b82f6; fill: #3b82f6; background: #3b82f6; }
    .dim3 { stroke: #8b5cf6; fill: #8b5cf6; background: #8b5cf6; }
    .dim4 { stroke: #c2255c; fill: #c2255c; background: #c2255c; }
    .dim5 { stroke: #5c940d; fill: #5c940d; background: #5c940d; }
    .legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
    table.records { width: 100%; border-collapse: collapse; margin: 10px 0 6px; font-size: 14px; }
    table.records caption { text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 4px; }
    table.records th, table.records td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    table.records thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
    table.records tbody th { font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.date { white-space: nowrap; }
    .id { color: var(--muted); font-size: 12px; white-space: nowrap; }
    .pill { display: inline-block; padding: 1px 9px; border-radius: 999px; color: #fff; font-size: 12px; white-space: nowrap; }
    .pill.st-pendiente { color: #3d2e00; }
    tr.missing td, tr.missing th { color: var(--muted); }
    .muted { color: var(--muted); }
    .empty { color: var(--muted); font-style: italic; }
    blockquote { margin: 0 0 10px; padding: 10px 16px; border-left: 4px solid var(--accent); background: var(--soft);
      font-size: 17px; border-radius: 0 8px 8px 0; }
    .commitment { color: var(--muted); }
    .meter { height: 10px; background: var(--line); border-radius: 999px; overflow: hidden; min-width: 80px; }
    .meter-fill { height: 100%; background: var(--accent); border-radius: 999px; }
    .progress { margin: 12px 0; max-width: 520px; }
    .progress p { margin: 6px 0 0; }
    .figure-inline { font-weight: 700; }
    th.bars, td.bars { width: 22%; }
    .ladder { list-style: none; padding: 0; margin: 8px 0 14px; display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
    .ladder .step { background: var(--soft); border-radius: 8px; padding: 8px 10px; border-top: 4px solid var(--line); }
    .ladder .step.past { border-top-color: #9fd8d3; }
    .ladder .step.current { border-top-color: var(--accent); background: #e6f4f3; font-weight: 600; }
    .step-name { display: block; }
    .step-when { display: block; color: var(--muted); font-size: 12px; font-weight: 400; min-height: 1em; }
    .reasons { color: var(--muted); font-size: 14px; }
    ul.meetings { list-style: none; padding: 0; margin: 0; }
    li.meeting { padding: 10px 0; border-bottom: 1px solid var(--line); }
    li.meeting .when { display: block; font-weight: 600; }
    li.meeting .what { display: block; }
    li.meeting .detail { display: block; color: var(--muted); font-size: 14px; }
    li.meeting.suspended .when, li.meeting.suspended .what { text-decoration: line-through; color: var(--muted); }
    @media print { body { background: #fff; } article.network { box-shadow: none; padding: 0; } .card { break-inside: avoid; }
      section { break-inside: avoid-page; } }
    """
}
