import Testing
@testable import NLP

@Suite struct StandaloneScalarsTests {
    /// Every scalar the set holds, checked against Swift's own grapheme breaking: next
    /// to a space, a comma, a letter or another of them, it stays a Character of its own.
    @Test func everyMemberStaysACharacterOfItsOwn() {
        let members = (UInt32(0)..<0x2100).compactMap(Unicode.Scalar.init).filter(StandaloneScalars.contains)
        #expect(members.count > 1_000)
        let neighbours: [Unicode.Scalar] = [" ", ",", "a", "đ", "\u{1EA1}", "\u{201C}"]
        for scalar in members {
            for neighbour in neighbours {
                var before = String.UnicodeScalarView(), after = String.UnicodeScalarView()
                before.append(neighbour); before.append(scalar)
                after.append(scalar); after.append(neighbour)
                #expect(String(before).count == 2 && String(after).count == 2, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func marksJoinersAndLineEndsAreNotMembers() {
        for value: UInt32 in [0x0D, 0x0A, 0x0301, 0x0323, 0x200D, 0x200B, 0xFE0F, 0x1F3FB, 0x0600, 0x1100] {
            #expect(!StandaloneScalars.contains(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }
}
