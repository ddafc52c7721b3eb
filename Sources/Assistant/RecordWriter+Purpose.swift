import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// The purpose (with its history), each member's appropriation, and new members.
extension RecordWriter {
    func savePurpose(_ v: [String: SlotValue], snapshot: NetworkSnapshot) throws -> [String: String] {
        let today = clock.today()
        var p = snapshot.purpose ?? Purpose(statement: "")
        let edited = snapshot.purpose != nil
        if edited { p.history.append(Purpose.Version(date: p.date, statement: p.statement, objectives: p.objectives)) }
        p.statement = v["enunciado"]?.textValue ?? ""
        p.objectives = v["objetivos"]?.listValue ?? []
        p.participants = v["participantes"]?.listValue ?? []
        p.date = today
        try store.savePurpose(p, network: snapshot.network.id)
        let missing = snapshot.members.map(\.name).filter { name in !p.appropriations.contains { $0.member == name } }
        var resumen = edited ? "actualicé el propósito común; la versión anterior quedó en el historial." : "quedó escrito el propósito común de la red."
        resumen += " Ahora cada miembro puede contarme qué significa para su escuela: basta con que escriba «mi apropiación del propósito»."
        if !missing.isEmpty && missing.count <= 6 { resumen += " Faltan: \(SlotValue.joinSpanish(missing))." }
        return ["id": snapshot.network.id, "resumen": resumen]
    }

    func saveAppropriation(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        guard var p = snapshot.purpose else { throw StoreError.notFound("el propósito de la red") }
        let who = user.name ?? user.id
        p.appropriations.removeAll { $0.member == who }
        p.appropriations.append(Purpose.Appropriation(member: who, text: v["significado"]?.textValue ?? "",
                                                      commitment: v["compromiso"]?.textValue, date: clock.today()))
        try store.savePurpose(p, network: snapshot.network.id)
        return ["id": snapshot.network.id]
    }

    func saveMember(_ v: [String: SlotValue], snapshot: NetworkSnapshot) throws -> [String: String] {
        let name = v["nombre"]?.textValue ?? "Sin nombre"
        let roleLabels = ["director": "director/a", "jefe_utp": "jefe/a UTP", "docente": "docente", "sostenedor": "sostenedor/a",
                          "supervisor": "supervisor/a", "educadora": "educador/a de párvulos", "otro": "otro"]
        let role = v["rol"]?.textValue.map { roleLabels[$0] ?? $0 }
        // "Rosa", added earlier by first name alone as a responsable, is the "Rosa Díaz" who now
        // introduces herself: complete that record instead of keeping two.
        let first = TextFold.fold(name).split(separator: " ").first.map(String.init)
        let stubs = snapshot.members.filter {
            !TextFold.fold($0.name).contains(" ") && TextFold.fold($0.name) == first && name.contains(" ")
                && $0.role == nil && $0.school == nil && $0.contact == nil && $0.strengths == nil
        }
        let existing = snapshot.members.first { $0.name == name || $0.id == Slug.make(name) } ?? (stubs.count == 1 ? stubs[0] : nil)
        let m = Member(id: existing?.id ?? "", name: name, role: role, school: v["establecimiento"]?.textValue.map(SpanishFormat.properName),
                       contact: v["contacto"]?.textValue, since: existing?.since ?? clock.today(), strengths: v["fortalezas"]?.textValue)
        try store.saveMember(m, network: snapshot.network.id)
        return ["id": existing?.id ?? Slug.make(name)]
    }

    func saveReflection(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        let tags = (v["etiquetas"]?.textValue ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "#" })
            .flatMap { part -> [String] in
                let t = part.trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? [] : [t.hasPrefix("y ") ? String(t.dropFirst(2)) : t]
            }
            .map { $0.lowercased() }
        var institutionalize = false
        if case .bool(let b)? = v["institucionalizar"] { institutionalize = b }
        let r = try store.addReflection(Reflection(
            id: "", date: clock.today(), author: user.name, practice: v["practica"]?.textValue ?? "",
            whatHappened: v["que_paso"]?.textValue, successFactors: v["factores_exito"]?.textValue,
            improvements: v["por_mejorar"]?.textValue, adjustments: v["ajustes"]?.textValue,
            learnings: v["aprendizajes"]?.textValue, tags: tags,
            meeting: v["encuentro"].flatMap(FlowHooks.intValue).map { "E-\($0)" },
            agreement: v["acuerdo"].flatMap(FlowHooks.intValue).map { "A-\($0)" },
            institutionalize: institutionalize), network: snapshot.network.id, key: key)
        return ["id": r.id, "numero": r.number.map(String.init) ?? r.id]
    }

    func saveDiagnosis(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        let today = clock.today()
        var scores: [String: Double] = [:]
        for d in Diagnosis.dimensions { if case .number(let n)? = v[d.key] { scores[d.key] = n } }
        let indicators = DiagnosisCalculator.indicators(snapshot, today: today)
        let (level, reasons) = DiagnosisCalculator.level(scores: scores, indicators: indicators, snapshot: snapshot)
        let d = try store.addDiagnosis(Diagnosis(id: "", date: today, author: user.name, level: level, scores: scores,
                                                 indicators: indicators, reasons: reasons), network: snapshot.network.id, key: key)
        var text = "La red está en el nivel «\(level.label)» (\(level.rank + 1) de 4: intercambio → coordinación → colaboración → comunidad de práctica).\n"
        text += reasons.joined(separator: "\n")
        text += "\n" + Answers.indicatorLines(indicators)
        if let previous = snapshot.diagnoses.last {
            let before = previous.scores.values.reduce(0, +) / Double(max(1, previous.scores.count))
            let now = scores.values.reduce(0, +) / Double(max(1, scores.count))
            let trend = level > previous.level ? "subió" : level < previous.level ? "bajó" : "se mantiene"
            text += "\nComparado con el diagnóstico anterior (\(previous.date.map { SpanishFormat.date($0, today: today) } ?? previous.id)): el nivel \(trend)"
                + (level != previous.level ? " desde «\(previous.level.label)»" : "")
                + ", y el promedio pasó de \(DiagnosisCalculator.decimal(before)) a \(DiagnosisCalculator.decimal(now))."
        }
        text += "\nQuedó guardado como el diagnóstico \(d.number ?? 0) (\(d.id))."
        return ["id": d.id, "numero": d.number.map(String.init) ?? d.id, "resumen": text]
    }
}
