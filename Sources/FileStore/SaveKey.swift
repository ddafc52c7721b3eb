/// The idempotency key of the save in progress. A session sets it around a record write; the
/// file store reserves the new id under it before writing, so a save repeated after a kill -9
/// (the record written, the session not yet) returns the record already saved instead of a copy.
public enum SaveKey {
    @TaskLocal public static var current: String?
}
