/// A record that keeps who registered it: the session's user name when it was saved (nil in
/// files from before the field existed). Stored and exported as `registrado_por`.
public protocol RegisteredBy {
    var registeredBy: String? { get set }
}

extension RegisteredBy {
    /// The same record, registered by `who` (unchanged when `who` is nil or blank).
    public func registered(by who: String?) -> Self {
        guard let who, who.contains(where: { !$0.isWhitespace }) else { return self }
        var copy = self
        copy.registeredBy = who
        return copy
    }
}

extension Agreement: RegisteredBy {}
extension Decision: RegisteredBy {}
extension Norm: RegisteredBy {}
extension Meeting: RegisteredBy {}
extension Occurrence: RegisteredBy {}
extension Organization: RegisteredBy {}
extension LearningResult: RegisteredBy {}
