import Domain
import PlainJSON

/// Export v1 additions for the network's ties and governance: organizaciones, normas,
/// decisiones, institucionalizacion; learning results and the targets of the indicators.
extension JSONExport {
    static func territory(_ s: NetworkSnapshot) -> [(String, JSONValue)] {
        [
            ("resultados", .array(s.results.map(result))),
            ("organizaciones", .array(s.organizations.map(organization))),
            ("normas", .array(s.norms.map(norm))),
            ("decisiones", .array(s.decisions.map(decision))),
            ("institucionalizacion", .array(s.institutionalPractices.map(practice))),
            ("indicadores_metas", .object(s.network.indicatorTargets.keys.sorted().map { ($0, .number(s.network.indicatorTargets[$0]!)) })),
        ]
    }

    static func result(_ l: LearningResult) -> JSONValue {
        .object([
            ("id", .string(l.id)),
            ("fecha", .string(l.date?.iso)),
            ("medicion", .string(l.measure)),
            ("asignatura", .string(l.subject)),
            ("nivel", .string(l.level)),
            ("establecimiento", .string(l.school)),
            ("valor", .string(l.value)),
            ("objetivo", .string(l.objective)),
            ("fuente", .string(l.source)),
            ("registrado_por", .string(l.registeredBy)),
            ("historial", .array(l.history.map { c in
                .object([("fecha", .string(c.at)), ("campo", .string(c.field)), ("antes", .string(c.before)), ("nota", .string(c.note))])
            })),
        ])
    }

    static func objectiveDetail(_ d: ObjectiveDetail) -> JSONValue {
        .object([
            ("objetivo", .string(d.objective)),
            ("metas", .array(d.goals.map { g in
                .object([("indicador", .string(g.indicator)), ("linea_base", .string(g.baseline)), ("meta", .string(g.target)),
                         ("fecha", .string(g.date?.iso))])
            })),
            ("seguimiento", .array(d.checks.map { c in
                .object([("fecha", .string(c.date?.iso)), ("avance", .string(c.progress.rawValue)), ("valor", .string(c.value)),
                         ("evidencia", .string(c.evidence)), ("nota", .string(c.note))])
            })),
        ])
    }

    static func organization(_ o: Organization) -> JSONValue {
        .object([
            ("id", .string(o.id)),
            ("nombre", .string(o.name)),
            ("tipo", .string(o.kind.rawValue)),
            ("contacto", .string(o.contact)),
            ("desde", .string(o.since?.iso)),
            ("colaboracion", .string(o.collaboration)),
            ("proyectos", .strings(o.projects)),
            ("registrado_por", .string(o.registeredBy)),
        ])
    }

    static func norm(_ n: Norm) -> JSONValue {
        .object([
            ("id", .string(n.id)),
            ("texto", .string(n.text)),
            ("fecha", .string(n.date?.iso)),
            ("acordada_por", .strings(n.agreedBy)),
            ("estado", .string(n.state.rawValue)),
            ("motivo", .string(n.reason)),
            ("acordada_el", .string(n.agreedDay?.iso)),
            ("historial", .array(n.changes.map { c in
                .object([
                    ("fecha", .string(c.date?.iso)),
                    ("estado", .string(c.state.rawValue)),
                    ("motivo", .string(c.reason)),
                    ("por", .string(c.by)),
                    ("deshace", .bool(c.isUndo)),
                    ("antes", .object([
                        ("estado", .string(c.before.rawValue)),
                        ("fecha", .string(c.beforeDate?.iso)),
                        ("acordada_el", .string(c.beforeAgreedOn?.iso)),
                        ("acordada_por", .strings(c.beforeAgreedBy)),
                        ("motivo", .string(c.beforeReason)),
                    ])),
                ])
            })),
            ("registrado_por", .string(n.registeredBy)),
        ])
    }

    static func decision(_ d: Decision) -> JSONValue {
        .object([
            ("id", .string(d.id)),
            ("fecha", .string(d.date?.iso)),
            ("decision", .string(d.text)),
            ("modo", .string(d.mode.rawValue)),
            ("desacuerdo", .string(d.disagreement)),
            ("como_se_resolvio", .string(d.resolution)),
            ("encuentro", .string(d.meeting)),
            ("registrado_por", .string(d.registeredBy)),
        ])
    }

    static func practice(_ p: Practice) -> JSONValue {
        .object([
            ("id", .string(p.id.isEmpty ? nil : p.id)),
            ("practica", .string(p.practice)),
            ("reflexion", .string(p.reflection)),
            ("estado", .string(p.state.rawValue)),
            ("documento", .string(p.document?.rawValue)),
            ("evidencia", .string(p.evidence)),
            ("historial", .array(p.history.map { c in
                .object([("fecha", .string(c.date?.iso)), ("estado", .string(c.state.rawValue)), ("nota", .string(c.note))])
            })),
        ])
    }
}
