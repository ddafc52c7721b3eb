/// How the diagnosis indicators are named and shown next to the targets a network sets for
/// them («queremos que el 80% de los acuerdos se cumplan a tiempo»).
public enum IndicatorTarget {
    /// Key, label, and whether it is a fraction (shown as %) rather than a count.
    public static let catalog: [(key: String, label: String, fraction: Bool)] = [
        ("encuentros_realizados", "encuentros realizados", true),
        ("asistencia_promedio", "asistencia promedio", true),
        ("acuerdos_cumplidos_a_tiempo", "acuerdos cumplidos a tiempo", true),
        ("reflexiones_registradas", "reflexiones registradas", false),
        ("miembros_que_lideraron", "miembros que lideraron algo", false),
        ("cobertura_apropiacion", "miembros que escribieron su apropiación del propósito", true),
    ]

    public static func label(_ key: String) -> String { catalog.first { $0.key == key }?.label ?? key }
    public static func isFraction(_ key: String) -> Bool { catalog.first { $0.key == key }?.fraction ?? true }

    /// «80%» for a fraction, «6» for a count.
    public static func format(_ key: String, _ value: Double) -> String {
        isFraction(key) ? "\(Int((value * 100).rounded()))%" : "\(Int(value.rounded()))"
    }

    /// Whether `value` reaches `target` (every indicator grows towards its target).
    public static func reached(_ value: Double, _ target: Double) -> Bool { value + 1e-9 >= target }
}
