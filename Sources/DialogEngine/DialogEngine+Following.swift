extension DialogEngine {
    /// Requests kept for later, `more` added after `following`. One that says other fields of a
    /// request of the same flow already waiting («el propósito es…», then «los objetivos serían:
    /// 1) …») completes it: one run later, with both messages' words and values, not two.
    static func adding(_ more: [FollowingRequest], to following: [FollowingRequest]?) -> [FollowingRequest]? {
        var out = following ?? []
        for item in more {
            if !item.values.isEmpty, let i = out.firstIndex(where: { $0.flow == item.flow && !$0.values.isEmpty }),
               Set(out[i].values.keys).isDisjoint(with: item.values.keys) {
                out[i].values.merge(item.values) { old, _ in old }
                let first = out[i].request.trimmingCharacters(in: .whitespaces)
                out[i].request = first + (first.last.map { ".;:!".contains($0) } ?? true ? " " : ". ") + item.request
            } else {
                out.append(item)
            }
        }
        return out.isEmpty ? nil : out
    }
}
