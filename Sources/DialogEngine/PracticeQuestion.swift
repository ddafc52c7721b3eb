/// A question for the practices to institutionalise: the answers list them, and no flow
/// takes it as a request to propose one.
public enum PracticeQuestion {
    /// «¿qué prácticas estamos institucionalizando?», «¿cuáles prácticas hay propuestas?»: the
    /// practices on their way to the PEI or PME, asked for as a list (plural, a question word first,
    /// a word of that path).
    public static func asks(_ t: [String]) -> Bool {
        // «¿cómo va la práctica de lectura?», «¿en qué estado está la práctica 1?»: one practice's
        // state is read in the list, which says each one's.
        if t.contains(where: { $0 == "practica" || $0 == "practicas" }),
           t.contains("estado") || zip(t, t.dropFirst()).contains(where: { ($0 == "como" || $0 == "que") && ["va", "van", "andan", "anda"].contains($1) }) { return true }
        guard t.contains("practicas"), let lead = t.first(where: { !["y", "oye", "ya", "bueno", "entonces"].contains($0) }),
              ["que", "cuales", "cuantas"].contains(lead) else { return false }
        return t.contains { $0.hasPrefix("institucionaliz") || ["propuestas", "aprobadas", "incorporadas", "revision"].contains($0) }
    }
}
