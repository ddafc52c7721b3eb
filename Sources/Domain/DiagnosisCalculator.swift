import CivilTime

/// Indicators computed from what the store holds, and the ladder level they support together
/// with the Likert answers (domain.md §2: intercambio → coordinación → colaboración →
/// comunidad de práctica).
public enum DiagnosisCalculator {
    /// Indicators as of `today`. Fractions are 0…1; an indicator without data is absent.
    /// `isGroup` tells a responsable that is a group («Educadoras de párvulo (5)») from a person:
    /// an agreement a group holds is joint work.
    public static func indicators(_ s: NetworkSnapshot, today: LocalDate, isGroup: (String) -> Bool = { _ in false }) -> [String: Double] {
        var out: [String: Double] = [:]
        // Every past occurrence counts: each date of a series is a meeting the network planned.
        let past = s.meetings.flatMap { m in
            m.schedule(through: today.adding(days: -1)).filter { $0.date < today }.map { (m, $0) }
        }
        if !past.isEmpty {
            let held = past.filter { !$0.1.attendees.isEmpty }
            out["encuentros_realizados"] = Double(held.count) / Double(past.count)
            let rates = held.map { m, o -> Double in
                let invited = max(m.participants.count, o.attendees.count, 1)
                return min(1, Double(o.attendees.count) / Double(s.members.isEmpty ? invited : max(invited, 1)))
            }
            if !rates.isEmpty { out["asistencia_promedio"] = rates.reduce(0, +) / Double(rates.count) }
        }
        let due = s.agreements.filter { a in
            a.status == .cumplido || a.status == .noCumplido || (a.deadline.map { $0 < today } ?? false)
        }
        if !due.isEmpty {
            let onTime = due.filter { a in
                guard a.status == .cumplido else { return false }
                guard let deadline = a.deadline else { return true }
                let doneAt = a.history.last { $0.status == .cumplido }.flatMap { $0.done ?? LocalDate(iso: $0.at.prefix(10)) }
                return doneAt.map { $0 <= deadline } ?? true
            }
            out["acuerdos_cumplidos_a_tiempo"] = Double(onTime.count) / Double(due.count)
        }
        out["reflexiones_registradas"] = Double(s.reflections.count)
        // Distributed leadership: who led a meeting, wrote a reflection or carried out an agreement.
        var leaders = Set(s.reflections.compactMap(\.author))
        for a in s.agreements where a.status == .cumplido { leaders.formUnion(a.responsables) }
        // A meeting counts once it happened, not when someone is down to lead it.
        for m in s.meetings { leaders.formUnion(m.leaders(through: today)) }
        out["miembros_que_lideraron"] = Double(leaders.count)
        // Collaborative work: agreements held by two or more people, or by a group (the guidance
        // sheet warns against isolated tasks).
        let live = s.agreements.filter { $0.status != .borrado }
        if !live.isEmpty {
            let joint = live.filter { $0.responsables.count >= 2 || $0.responsables.contains(where: isGroup) }
            out["acuerdos_conjuntos"] = Double(joint.count) / Double(live.count)
        }
        if !s.members.isEmpty {
            let appropriated = Set(s.purpose?.appropriations.map(\.member) ?? [])
            out["cobertura_apropiacion"] = min(1, Double(appropriated.count) / Double(s.members.count))
        }
        return out
    }

    /// The level and two lines explaining it.
    public static func level(scores: [String: Double], indicators: [String: Double], snapshot s: NetworkSnapshot)
        -> (Diagnosis.Level, [String]) {
        let values = Array(scores.values)
        let mean = values.isEmpty ? 1 : values.reduce(0, +) / Double(values.count)
        var level: Diagnosis.Level = mean < 2 ? .intercambio : mean < 2.75 ? .coordinacion : mean < 3.4 ? .colaboracion : .comunidadDePractica
        var why = ["Promedio de las respuestas: " + decimal(mean) + " de 4."]
        // Evidence caps: each step of the ladder needs what the store can show.
        if level > .intercambio, s.purpose == nil || s.meetings.isEmpty {
            level = .intercambio
            why.append("Falta " + (s.purpose == nil ? "escribir el propósito común" : "un calendario de encuentros") + " para pasar a coordinación.")
        } else if level > .coordinacion, (indicators["acuerdos_cumplidos_a_tiempo"] ?? 0) < 0.6 {
            level = .coordinacion
            why.append("Para colaboración, la mayoría de los acuerdos debería cumplirse a tiempo y con evidencia.")
        } else if level > .colaboracion,
                  s.reflections.count < 2 || !s.reflections.contains(where: \.institutionalize) || (indicators["miembros_que_lideraron"] ?? 0) < 2 {
            level = .colaboracion
            why.append("Para ser comunidad de práctica faltan prácticas sistematizadas e institucionalizadas y liderazgo más repartido.")
        } else {
            let weakest = Diagnosis.dimensions.filter { scores[$0.key] != nil }.min { scores[$0.key]! < scores[$1.key]! }
            if let weakest { why.append("Lo más bajo es \(weakest.label) (\(decimal(scores[weakest.key]!))): es un buen foco para avanzar.") }
        }
        return (level, why)
    }

    /// The round a member's answer joins today: the latest one when it is this semester's, or
    /// when a facilitator opened it explicitly less than `openDays` ago (a round opened late in
    /// one semester still gathers the answers that come early in the next). Nil: start one.
    public static func openRound(_ s: NetworkSnapshot, today: LocalDate, openDays: Int = 90) -> Diagnosis? {
        guard let last = s.diagnoses.last(where: { $0.round != nil }) else { return nil }
        if last.round == Diagnosis.round(of: today) { return last }
        if last.openedBy != nil, let opened = last.date, opened.days(until: today) < openDays { return last }
        return nil
    }

    /// The round before `round` (the latest other one), to speak of a trend only between rounds.
    public static func previousRound(_ s: NetworkSnapshot, before d: Diagnosis) -> Diagnosis? {
        let earlier = s.diagnoses.prefix { $0.id != d.id }
        return earlier.last { $0.round != d.round && !$0.responses.isEmpty }
    }

    /// Members who have not answered in the round, in the network's order.
    public static func missing(_ d: Diagnosis, members: some Collection<Member>) -> [String] {
        let answered = Set(d.responses.compactMap(\.member).map { Slug.make($0) })
        return members.map(\.name).filter { !answered.contains(Slug.make($0)) }
    }

    /// Recomputes the round's means, level, reasons and indicators after its answers changed.
    public static func refresh(_ d: inout Diagnosis, snapshot: NetworkSnapshot, today: LocalDate, isGroup: (String) -> Bool = { _ in false }) {
        d.scores = d.meanScores
        d.indicators = indicators(snapshot, today: today, isGroup: isGroup)
        (d.level, d.reasons) = level(scores: d.scores, indicators: d.indicators, snapshot: snapshot)
        // With several people, each comment says whose it is.
        d.comments = d.responses.flatMap { r in
            r.comments.map { d.responses.count > 1 ? (r.member.map { "\($0) · " } ?? "") + $0 : $0 }
        }
    }

    /// "2,5" (Spanish decimal comma, one decimal; whole numbers without decimals).
    public static func decimal(_ d: Double) -> String {
        let tenths = Int((d * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10),\(abs(tenths % 10))"
    }
}
