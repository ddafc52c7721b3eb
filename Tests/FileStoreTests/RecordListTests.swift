import Domain
import Testing

/// `RecordList` behaves as an array whose copies never see each other's changes, across the
/// boundaries of its chunks.
@Suite struct RecordListTests {
    /// More than two chunks' worth, so every operation crosses a chunk boundary.
    let size = 150

    @Test func appendAndReadAcrossChunks() {
        var list = RecordList<Int>()
        for i in 0..<size { list.append(i) }
        #expect(list.count == size)
        #expect(Array(list) == Array(0..<size))
        #expect(list[63] == 63 && list[64] == 64 && list[size - 1] == size - 1)
        #expect(RecordList(0..<size) == list)
        #expect(list.last == size - 1)
    }

    /// A copy taken before a change (what a turn holds) keeps what it saw: appending, editing
    /// one record, dropping or inserting one.
    @Test func copiesDoNotShareChanges() {
        var list = RecordList(0..<size)
        let held = list
        list.append(size)
        list[10] = -10
        list[100] = -100
        #expect(Array(held) == Array(0..<size))
        #expect(list.count == size + 1 && list[10] == -10 && list[100] == -100 && list[size] == size)

        var other = held
        other.remove(at: 5)
        other.insert(99_999, at: 70)
        #expect(Array(held) == Array(0..<size))
        var expected = Array(0..<size)
        expected.remove(at: 5)
        expected.insert(99_999, at: 70)
        #expect(Array(other) == expected)
    }

    @Test func removingAndInserting() {
        var list = RecordList(0..<size)
        list.removeAll { $0 % 3 == 0 }
        #expect(Array(list) == (0..<size).filter { $0 % 3 != 0 })
        list.remove(at: list.count - 1)
        #expect(list.last == (0..<size).last { $0 % 3 != 0 && $0 != size - 1 })
        list.insert(-1, at: 0)
        list.insert(-2, at: list.count)
        #expect(list.first == -1 && list.last == -2)
        list.append(contentsOf: [7, 8])
        #expect(Array(list.suffix(2)) == [7, 8])
        list.removeAll()
        #expect(list.isEmpty && list == [])
    }

    /// Dropping records at the end down to a chunk boundary, then appending again.
    @Test func shrinkingToAChunkBoundary() {
        var list = RecordList(0..<128)
        let held = list
        list.removeAll { $0 >= 64 }
        #expect(list.count == 64)
        list.append(1000)
        #expect(list[64] == 1000 && list.count == 65)
        #expect(Array(held) == Array(0..<128))
    }

    @Test func withChunksVisitsEveryRecordWithItsIndex() {
        let list = RecordList(0..<size)
        var seen: [Int] = []
        list.withChunks { records, base in
            for i in records.indices {
                #expect(records[i] == base + i)
                seen.append(records[i])
            }
        }
        #expect(seen == Array(0..<size))
    }

    /// Built from an array (the store's way: whole chunks copied as slices) it is the same list
    /// as built record by record, at every size around a chunk boundary, and a change after it
    /// touches neither the array nor a copy.
    @Test(arguments: [0, 1, 63, 64, 65, 128, 129, 150])
    func fromAnArrayAsFromASequence(count: Int) {
        let array = (0..<count).map { "r\($0)" }
        var list = RecordList(array)
        let bySequence = RecordList(array.lazy.map { $0 })
        #expect(list.count == count && Array(list) == array)
        #expect(list == bySequence && Array(bySequence) == array)
        var seen = 0
        list.withChunks { records, base in
            #expect(base == seen && records.count == Swift.min(64, count - base))
            seen += records.count
        }
        #expect(seen == count)
        let held = list
        list.append("new")
        if count > 0 { list[count - 1] = "changed" }
        #expect(Array(held) == array && array.count == count)
        #expect(list.count == count + 1 && list.last == "new")
    }
}
