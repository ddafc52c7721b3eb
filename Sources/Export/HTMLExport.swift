import CivilTime
import Domain
import Foundation
import Plot
import Understanding

/// `minga export --format html`: one self-contained page per export (styles and charts inline,
/// no script, nothing loaded from the network) for a UTP head or a facilitator to read or print:
/// agreements by state over time and by responsable, attendance per meeting date, the
/// diagnosis over time, the purpose and who has made it their own, and the coming meetings.
///
/// Every number the page shows in a table carries `data-cifra` (and the record it counts), so a
/// test can hold it against the JSON export of the same store.
public enum HTMLExport {
    public static func document(_ networks: [NetworkSnapshot], today: LocalDate, now: LocalDateTime) -> String {
        let title = networks.count == 1 ? "Informe de \(networks[0].network.name)" : "Informe de Minga"
        let body: [BodyNode] = networks.isEmpty
            ? [.p(.class("empty"), .text("El almacén todavía no tiene redes."))]
            : networks.map { report($0, today: today, now: now) }
        let page = HTML(
            .lang(.spanish),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Nothing may load from outside the file: a script or an image from the network
                // would be refused by the browser (and the browser test would see the error).
                .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"),
                      .content("default-src 'none'; style-src 'unsafe-inline'; img-src data:")),
                .meta(.name("generator"), .content("Minga")),
                .title(title),
                .style(ReportStyle.css)
            ),
            .body(
                .main(.group(body)),
                .footer(.p(.text("Generado por Minga el \(SpanishFormat.dateTime(now, today: LocalDate(year: 0, month: 1, day: 1))).")))
            )
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }

    // MARK: One network

    static func report(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> BodyNode {
        let n = s.network
        let kind = n.kind.label.prefix(1).uppercased() + n.kind.label.dropFirst()
        let subtitle = kind + (n.territory.map { " de \($0)" } ?? "") + n.regionClause + "."
        return .article(
            .class("network"),
            .data(named: "red", value: ReportText.attribute(n.id)),
            .header(
                .h1(.text(ReportText.safe(n.name))),
                .p(.class("subtitle"), .text(ReportText.safe(subtitle))),
                .p(.class("as-of"), .text("Informe al \(SpanishFormat.date(today, today: LocalDate(year: 0, month: 1, day: 1))).")),
                summary(s, today: today, now: now)
            ),
            agreementsSection(s, today: today),
            attendanceSection(s, today: today),
            diagnosisSection(s, today: today),
            targetsSection(s, today: today),
            purposeSection(s, today: today),
            .group(RecordSection.all(s).map(recordSection)),
            upcomingSection(s, today: today, now: now)
        )
    }

    /// The figures a UTP head looks at first.
    static func summary(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> BodyNode {
        let statuses = s.agreements.map { $0.status(on: today) }
        let open = statuses.filter(\.isOpen).count
        let overdue = statuses.filter { $0 == .vencido }.count
        let done = statuses.filter { $0 == .cumplido }.count
        var cards: [BodyNode] = [
            card(String(open), "acuerdos abiertos", figure: "acuerdos-abiertos"),
            card(String(overdue), overdue == 1 ? "acuerdo vencido" : "acuerdos vencidos", figure: "acuerdos-vencidos",
                 alert: overdue > 0),
            card(String(done), done == 1 ? "acuerdo cumplido" : "acuerdos cumplidos", figure: "acuerdos-cumplidos"),
        ]
        if let (m, at) = s.nextMeeting(after: now) {
            cards.append(.div(.class("card"),
                              .span(.class("figure small"), .text(ReportText.safe(capitalized(SpanishFormat.dateTime(at, today: today))))),
                              .span(.class("caption"), .text("próximo encuentro: " + ReportText.safe(m.title)))))
        }
        if let d = s.answeredDiagnoses.last {
            cards.append(.div(.class("card"), .span(.class("figure small"), .text(capitalized(d.level.label))),
                              .span(.class("caption"), .text("nivel en el último diagnóstico"))))
        }
        return .div(.class("cards"), .group(cards))
    }

    static func card(_ value: String, _ caption: String, figure: String, alert: Bool = false) -> BodyNode {
        .div(.class(alert ? "card alert" : "card"),
             .span(.class("figure"), .data(named: "cifra", value: figure), .text(value)),
             .span(.class("caption"), .text(caption)))
    }

    // MARK: Agreements

    /// The order states are stacked and listed in: done at the bottom, trouble on top.
    static let stackOrder: [Agreement.Status] = [.cumplido, .enProceso, .pendiente, .reprogramado, .vencido, .noCumplido]

    static func agreementsSection(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        guard !s.agreements.isEmpty else {
            return section("Acuerdos", [.p(.class("empty"), .text("Todavía no hay acuerdos registrados."))])
        }
        let days = AgreementTimeline.sampleDays(s.agreements, today: today)
        let columns = days.map { day -> SVGChart.Column in
            let states = s.agreements.compactMap { AgreementTimeline.status(of: $0, on: day) }
            let segments = stackOrder.map { st in (kind: "st-" + st.rawValue, value: Double(states.filter { $0 == st }.count)) }
            let caption = "Al \(SpanishFormat.date(day, today: today)): "
                + stackOrder.compactMap { st in
                    let k = states.filter { $0 == st }.count
                    return k > 0 ? "\(k) \(st.label)" : nil
                }.joined(separator: ", ")
            return SVGChart.Column(label: shortDate(day, today: today), segments: segments, caption: caption)
        }
        var people: [String] = []
        for a in s.agreements { for r in a.responsables where !people.contains(r) { people.append(r) } }
        let rows = people.map { person -> SVGChart.Column in
            let mine = s.agreements.filter { $0.responsables.contains(person) }.map { $0.status(on: today) }
            let segments = stackOrder.map { st in (kind: "st-" + st.rawValue, value: Double(mine.filter { $0 == st }.count)) }
            let caption = "\(person): " + stackOrder.compactMap { st in
                let k = mine.filter { $0 == st }.count
                return k > 0 ? "\(k) \(st.label)" : nil
            }.joined(separator: ", ")
            return SVGChart.Column(label: person, segments: segments, caption: caption)
        }.sorted { $0.total > $1.total }
        let shownRows = Array(rows.prefix(12))
        var nodes: [BodyNode] = [
            legend(stackOrder.filter { st in s.agreements.contains { AgreementTimeline.status(of: $0, on: today) == st } || st == .vencido }),
            figure(SVGChart.stackedColumns(columns, title: "Acuerdos por estado en el tiempo"),
                   caption: "Acuerdos por estado en el tiempo (cada barra cuenta los acuerdos registrados hasta ese día)."),
            figure(SVGChart.stackedRows(shownRows, title: "Acuerdos por responsable"),
                   caption: "Acuerdos por responsable, según su estado de hoy"
                       + (rows.count > shownRows.count ? " (y \(rows.count - shownRows.count) personas más)." : ".")),
        ]
        nodes.append(agreementsTable(s, today: today))
        return section("Acuerdos", nodes)
    }

    static func agreementsTable(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        let order = [Agreement.Status.vencido, .pendiente, .enProceso, .reprogramado, .cumplido, .noCumplido]
        let sorted = s.agreements.sorted { a, b in
            let (sa, sb) = (order.firstIndex(of: a.status(on: today)) ?? 0, order.firstIndex(of: b.status(on: today)) ?? 0)
            return sa != sb ? sa < sb : (a.number ?? 0) < (b.number ?? 0)
        }
        let rows: [Node<HTML.TableContext>] = sorted.map { a in
            let st = a.status(on: today)
            return .tr(
                .td(.class("id"), .text(a.id)),
                .td(.text(ReportText.safe(a.text))),
                .td(.text(ReportText.safe(a.responsables.joined(separator: ", ")))),
                .td(.class("date"), .text(a.deadline.map { SpanishFormat.date($0, today: today) } ?? "sin plazo")),
                .td(.span(.class("pill st-" + st.rawValue), .data(named: "cifra", value: "estado"),
                          .data(named: "acuerdo", value: ReportText.attribute(a.id)), .text(st.label)))
            )
        }
        return .table(
            .class("records"),
            .caption(.text("Todos los acuerdos, primero los vencidos.")),
            .thead(.tr(.th(.text("Id")), .th(.text("Acuerdo")), .th(.text("Responsables")), .th(.text("Plazo")), .th(.text("Estado")))),
            .tbody(.group(rows))
        )
    }

    // MARK: Attendance

    static func attendanceSection(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        let held = s.meetings.flatMap { m in m.schedule(through: today).filter { $0.date <= today }.map { (m, $0) } }
            .sorted { $0.1.date < $1.1.date }
        guard !held.isEmpty else {
            return section("Asistencia", [.p(.class("empty"), .text("Todavía no hay encuentros realizados."))])
        }
        let members = s.members.count
        let recent = Array(held.suffix(12))
        let columns = recent.map { m, o -> SVGChart.Column in
            let kind = o.status == .realizada ? "attended" : (o.status == .suspendida ? "suspended" : "missing")
            let value = o.status == .suspendida ? 0 : Double(o.attendees.count)
            let state = o.status == .suspendida ? "suspendido" : (o.status == .realizada ? "\(o.attendees.count) asistentes" : "sin acta")
            return SVGChart.Column(label: shortDate(o.date, today: today), segments: [(kind, value)],
                                   caption: "\(m.title), \(SpanishFormat.date(o.date, today: today)): \(state)",
                                   note: o.status == .suspendida ? "suspendido" : (o.status == .pendiente ? "sin acta" : nil))
        }
        let reference = members > 0 ? (value: Double(members), label: "\(members) miembros") : nil
        let rows: [Node<HTML.TableContext>] = held.reversed().map { m, o in
            let state: String
            switch o.status {
            case .realizada: state = "realizado"
            case .suspendida: state = "suspendido"
            case .pendiente: state = "sin acta"
            }
            return .tr(
                .td(.class("date"), .text(capitalized(SpanishFormat.date(o.date, today: today)))),
                .td(.text(ReportText.safe(m.title)), .span(.class("id"), .text(" " + m.id))),
                .td(.text(state)),
                .td(.class("num"), .data(named: "cifra", value: "asistentes"), .data(named: "encuentro", value: ReportText.attribute(m.id)),
                    .data(named: "fecha", value: o.date.iso), .text(String(o.attendees.count))),
                .td(.text(ReportText.safe(o.attendees.joined(separator: ", "))))
            )
        }
        let nodes: [BodyNode] = [
            figure(SVGChart.stackedColumns(columns, title: "Asistencia por encuentro", reference: reference),
                   caption: "Asistentes en cada fecha de encuentro" + (held.count > recent.count ? " (las últimas \(recent.count))." : ".")
                       + (members > 0 ? " La línea marca los \(members) miembros de la red." : "")),
            .table(.class("records"),
                   .caption(.text("Cada fecha de encuentro, la más reciente primero.")),
                   .thead(.tr(.th(.text("Fecha")), .th(.text("Encuentro")), .th(.text("Estado")), .th(.text("Asistentes")), .th(.text("Quiénes")))),
                   .tbody(.group(rows))),
        ]
        return section("Asistencia", nodes)
    }

    // MARK: Diagnosis

    static func diagnosisSection(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        // A round just opened, with no answers yet, has no level to draw.
        let diagnoses = s.answeredDiagnoses
        guard let last = diagnoses.last else {
            return section("Diagnóstico de la red", [.p(.class("empty"), .text("Todavía no hay diagnósticos. Escribe «hagamos el diagnóstico» en el chat para hacer el primero."))])
        }
        var nodes: [BodyNode] = [ladder(diagnoses, today: today)]
        let dims = Diagnosis.dimensions.filter { d in diagnoses.contains { $0.scores[d.key] != nil } }
        if diagnoses.count > 1 {
            let series = dims.enumerated().map { i, d in
                SVGChart.Series(kind: "dim\(i)", label: d.label, values: diagnoses.map { $0.scores[d.key] })
            }
            let labels = diagnoses.map { $0.date.map { shortDate($0, today: today) } ?? $0.id }
            nodes.append(.ul(.class("legend"), .group(dims.enumerated().map { i, d in
                .li(.span(.class("swatch dim\(i)")), .text(d.label))
            })))
            nodes.append(figure(SVGChart.lines(series, xLabels: labels, title: "Puntajes del diagnóstico en el tiempo"),
                                caption: "Promedio de las respuestas por dimensión (de 1 a 4) en cada diagnóstico."))
        }
        let header: Node<HTML.TableContext> = .thead(.tr(.th(.text("Dimensión")), .group(diagnoses.map { d in
            .th(.text(d.date.map { capitalized(SpanishFormat.date($0, today: today)) } ?? d.id))
        }), .th(.class("bars"), .text("Último"))))
        let rows: [Node<HTML.TableContext>] = dims.map { dim in
            let cells: [Node<HTML.TableRowContext>] = diagnoses.map { d in
                guard let v = d.scores[dim.key] else { return .td(.class("num"), .text("—")) }
                return .td(.class("num"), .data(named: "cifra", value: "puntaje"), .data(named: "diagnostico", value: ReportText.attribute(d.id)),
                           .data(named: "dimension", value: dim.key), .text(DiagnosisCalculator.decimal(v)))
            }
            let latest = last.scores[dim.key] ?? 0
            let meter: Node<HTML.TableRowContext> = .td(.class("bars"), .div(.class("meter"), .div(.class("meter-fill"),
                                          .attribute(named: "style", value: String(format: "width:%.0f%%", max(0, min(1, (latest - 1) / 3)) * 100)))))
            return .tr(.th(.text(capitalized(dim.label))), .group(cells), meter)
        }
        nodes.append(.table(.class("records scores"), .caption(.text("Puntajes por dimensión (1 a 4).")), header, .tbody(.group(rows))))
        if !last.reasons.isEmpty {
            nodes.append(.ul(.class("reasons"), .group(last.reasons.map { .li(.text(ReportText.safe($0))) })))
        }
        return section("Diagnóstico de la red", nodes)
    }

    /// Each indicator the network set a target for, today against the target; nothing without targets.
    static func targetsSection(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        let targets = s.network.indicatorTargets
        guard !targets.isEmpty else { return .group([]) }
        let now = DiagnosisCalculator.indicators(s, today: today, isGroup: PeopleParser.isGroup)
        let rows: [Node<HTML.TableContext>] = IndicatorTarget.catalog.compactMap { key, label, _ in
            guard let t = targets[key] else { return nil }
            let v = now[key]
            let mark = v.map { IndicatorTarget.reached($0, t) ? "cumplida" : "por alcanzar" } ?? "sin datos"
            return .tr(.data(named: "indicador", value: key), .th(.text(capitalized(label))),
                       .td(.class("num"), .text(v.map { IndicatorTarget.format(key, $0) } ?? "—")),
                       .td(.class("num"), .text(IndicatorTarget.format(key, t))), .td(.text(mark)))
        }
        let header: Node<HTML.TableContext> = .thead(.tr(.th(.text("Indicador")), .th(.text("Hoy")), .th(.text("Meta")), .th(.text("Estado"))))
        return section("Indicadores y metas", [.table(.class("records"), .caption(.text("Cada indicador frente a la meta que se puso la red.")),
                                                      header, .tbody(.group(rows)))])
    }

    /// The four steps of the ladder with the level each diagnosis reached, oldest first.
    static func ladder(_ diagnoses: [Diagnosis], today: LocalDate) -> BodyNode {
        let steps = Diagnosis.Level.allCases
        let last = diagnoses.last?.level
        let items: [Node<HTML.ListContext>] = steps.map { level in
            let reached = diagnoses.filter { $0.level == level }
            let when = reached.compactMap { $0.date.map { shortDate($0, today: today) } }.joined(separator: ", ")
            return .li(.class(level == last ? "step current" : (last.map { level < $0 } ?? false) ? "step past" : "step"),
                       .span(.class("step-name"), .text(capitalized(level.label))),
                       .span(.class("step-when"), .text(when.isEmpty ? " " : when)))
        }
        return .ol(.class("ladder"), .data(named: "cifra", value: "nivel"), .data(named: "valor", value: last?.rawValue ?? ""), .group(items))
    }

    // MARK: Purpose

    static func purposeSection(_ s: NetworkSnapshot, today: LocalDate) -> BodyNode {
        guard let p = s.purpose else {
            return section("Propósito común", [.p(.class("empty"), .text("Todavía no está escrito. Escribe «escribir el propósito» en el chat para acordarlo."))])
        }
        var nodes: [BodyNode] = [.blockquote(.text(ReportText.safe(p.statement)))]
        if !p.objectives.isEmpty { nodes.append(.ol(.class("objectives"), .group(p.objectives.map { .li(.text(ReportText.safe($0))) }))) }
        if let d = p.date {
            nodes.append(.p(.class("muted"), .text("Acordado el \(SpanishFormat.date(d, today: today))"
                + (p.participants.isEmpty ? "." : " por " + ReportText.safe(p.participants.joined(separator: ", ")) + "."))))
        }
        let names = s.members.map(\.name) + p.appropriations.map(\.member).filter { m in !s.members.contains { $0.name == m } }
        let done = names.filter { n in p.appropriations.contains { $0.member == n } }.count
        if !names.isEmpty {
            let share = Double(done) / Double(names.count)
            nodes.append(.div(.class("progress"),
                              .div(.class("meter"), .div(.class("meter-fill"), .attribute(named: "style", value: String(format: "width:%.0f%%", share * 100)))),
                              .p(.span(.class("figure-inline"), .data(named: "cifra", value: "apropiaciones"), .text(String(done))),
                                 .text(" de "),
                                 .span(.class("figure-inline"), .data(named: "cifra", value: "miembros"), .text(String(names.count))),
                                 .text(names.count == 1 ? " miembro escribió qué significa el propósito para su escuela." : " miembros escribieron qué significa el propósito para su escuela."))))
        }
        let rows: [Node<HTML.TableContext>] = names.map { name in
            if let a = p.appropriations.last(where: { $0.member == name }) {
                return .tr(.th(.text(ReportText.safe(name))),
                           .td(.text(ReportText.safe(a.text)), .if(a.commitment != nil, .span(.class("commitment"), .text(" Compromiso: " + ReportText.safe(a.commitment ?? ""))))),
                           .td(.class("date"), .text(a.date.map { SpanishFormat.date($0, today: today) } ?? "")))
            }
            return .tr(.class("missing"), .th(.text(ReportText.safe(name))), .td(.class("muted"), .text("Todavía no lo escribe.")), .td())
        }
        if !rows.isEmpty {
            nodes.append(.table(.class("records"), .caption(.text("Apropiación del propósito por miembro.")),
                                .thead(.tr(.th(.text("Miembro")), .th(.text("Qué significa para su escuela")), .th(.text("Fecha")))),
                                .tbody(.group(rows))))
        }
        return section("Propósito común", nodes)
    }

    // MARK: Upcoming meetings

    static func upcomingSection(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> BodyNode {
        let coming = upcoming(s, today: today, now: now, days: 60)
        guard !coming.isEmpty else {
            return section("Próximos encuentros", [.p(.class("empty"), .text("No hay encuentros agendados en los próximos dos meses."))])
        }
        let shown = coming.prefix(8)
        let items: [Node<HTML.ListContext>] = shown.map { m, o in
            var detail = SpanishFormat.duration(minutes: m.durationMinutes)
            // A date moved elsewhere alone shows its own place, not the series'.
            if let place = o.place ?? m.place { detail += ", " + PlaceValue.said(place) }
            return .li(.class(o.status == .suspendida ? "meeting suspended" : "meeting"),
                       .span(.class("when"), .text(capitalized(SpanishFormat.dateTime(o.start, today: today)))),
                       .span(.class("what"), .text(ReportText.safe(m.title)), .span(.class("id"), .text(" " + m.id))),
                       .span(.class("detail"), .text(o.status == .suspendida ? "Suspendido." : ReportText.safe(detail) + ".")),
                       .if(!m.agenda.isEmpty && o.status != .suspendida,
                           .span(.class("detail"), .text("Tabla: " + ReportText.safe(m.agenda.joined(separator: "; ")) + "."))))
        }
        var nodes: [BodyNode] = [.ul(.class("meetings"), .group(items))]
        if coming.count > shown.count { nodes.append(.p(.class("muted"), .text("Y \(coming.count - shown.count) más en los próximos dos meses."))) }
        return section("Próximos encuentros", nodes)
    }

    /// Meeting dates from `now` through `days` ahead, with their own record (moved or suspended).
    static func upcoming(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, days: Int) -> [(Meeting, Occurrence)] {
        s.meetings.flatMap { m in
            m.scheduledDates(from: today, to: today.adding(days: days)).map { (m, m.occurrence(on: $0)) }
        }.filter { $0.1.start >= now }.sorted { $0.1.start < $1.1.start }
    }

    // MARK: Pieces

    /// Organisations, norms, decisions, practices to institutionalise and learning results, as
    /// the Markdown report lists them.
    static func recordSection(_ r: RecordSection) -> BodyNode {
        section(r.title, [.ul(.class("records"), .forEach(r.items) { i in
            .li(.strong(.text(ReportText.safe(i.lead))), .text(ReportText.safe(i.joiner + i.text)),
                .if(!i.details.isEmpty, .ul(.forEach(i.details) { .li(.text(ReportText.safe($0))) })))
        })])
    }

    static func section(_ title: String, _ nodes: [BodyNode]) -> BodyNode {
        .section(.h2(.text(title)), .group(nodes))
    }

    static func figure(_ chart: BodyNode, caption: String) -> BodyNode {
        .element(named: "figure", nodes: [chart, .element(named: "figcaption", nodes: [.text(ReportText.safe(caption))])])
    }

    static func legend(_ states: [Agreement.Status]) -> BodyNode {
        .ul(.class("legend"), .group(states.map { st in .li(.span(.class("swatch st-" + st.rawValue)), .text(st.label)) }))
    }

    /// "2 dic", "15 ene 2027" (the year when it is not `today`'s).
    static func shortDate(_ d: LocalDate, today: LocalDate) -> String {
        let months = ["", "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]
        return "\(d.day) \(months[d.month])" + (d.year != today.year ? " \(d.year)" : "")
    }

    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
