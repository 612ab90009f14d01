import Foundation

/// Document-level normalization that keeps text readable: the output is what the
/// cleaner, the sentence splitter and the summaries see and show.
///
/// - CRLF and CR line ends become LF;
/// - BOMs, zero-width spaces and joiners, word joiners and soft hyphens are deleted;
/// - no-break and other Unicode spaces become a plain space;
/// - `Ð` (U+00D0, eth) becomes `Đ` and `ð` becomes `đ`;
/// - the result is Unicode NFC.
///
/// Case and tone placement are kept as written; the tokenizer folds them.
public enum TextNormalizer {
    /// Bytes that can begin a character the normalizer rewrites (CR, C2, CC, CD, E2, E3,
    /// EF). C3, the lead of Ð and ð, is checked apart: it begins many Vietnamese letters
    /// (â, ê, ô, á, à…), and a branch taken at each of them mispredicts.
    static let interestingLeadBytes: [Bool] = (0..<256).map { [0x0D, 0xC2, 0xCC, 0xCD, 0xE2, 0xE3, 0xEF].contains($0) }

    /// Whether the 16 bytes at `offset` (of at least `offset + 17`) may hold an
    /// interesting lead byte or an eth (C3 then 90 or B0; the pair may end at
    /// `offset + 16`): a few lane operations instead of sixteen table loads and branches.
    /// The tests can say yes wrongly (CC and CD, E2 and E3 are tested as pairs; the
    /// per-byte scan then looks), never no wrongly.
    @inline(__always)
    static func blockMayNeedRewrite(_ base: UnsafePointer<UInt8>, at offset: Int) -> Bool {
        let lanes = ByteLanes.load(base, at: offset)
        let next = ByteLanes.load(base, at: offset + 1)
        let evenLanes = lanes & 0xFE   // CC/CD and E2/E3 each test as one
        let leads = ByteLanes.equal(lanes, 0x0D) | ByteLanes.equal(lanes, 0xC2) | ByteLanes.equal(lanes, 0xEF)
            | ByteLanes.equal(evenLanes, 0xCC) | ByteLanes.equal(evenLanes, 0xE2)
        let eth = ByteLanes.equal(lanes, 0xC3) & ByteLanes.equal(next & 0xDF, 0x90)
        return ByteLanes.anyFlagged(leads | eth)
    }

    /// Normalizes `text`. O(n); text that is already clean NFC is only scanned.
    public static func normalize(_ text: String) -> String {
        var needsRewrite = false
        var needsNFC = false
        // Scan the UTF-8 bytes: only a few lead bytes can start a character of interest.
        var copy = text
        copy.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            var previous: UInt8 = 0
            var eth: UInt8 = 0   // 1 once Ð (C3 90) or ð (C3 B0) is seen
            TextNormalizer.interestingLeadBytes.withUnsafeBufferPointer { interesting in
                scan: while index < count {
                    // Most blocks of 16 bytes hold nothing of interest: skip them whole.
                    // (After a C3 the per-byte scan goes on, to see whether it began an eth.)
                    let block = ByteLanes.width
                    if index + block + 1 <= count && previous != 0xC3
                        && !TextNormalizer.blockMayNeedRewrite(bytes.baseAddress!, at: index) {
                        previous = bytes[index + block - 1]
                        index += block
                        continue
                    }
                    let blockEnd = min(count, index + block)
                    while index < blockEnd {
                        let byte = bytes[index]
                        // No branch: `(byte & 0xDF) == 0x90` holds for 0x90 and 0xB0 alone.
                        eth |= (previous == 0xC3 ? 1 : 0) & ((byte & 0xDF) == 0x90 ? 1 : 0)
                        previous = byte
                        // Most bytes start nothing of interest: one table load and a branch.
                        if !interesting[Int(byte)] { index += 1; continue }
                        switch byte {
                        case 0x0D:
                            needsRewrite = true
                        case 0xC2 where index + 1 < count && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0xAD):
                            needsRewrite = true                                   // NBSP, soft hyphen
                        case 0xCC, 0xCD:
                            if byte == 0xCC || (index + 1 < count && bytes[index + 1] <= 0xAF) { needsNFC = true }  // U+0300–U+036F
                        case 0xE2 where index + 2 < count:
                            let (b1, b2) = (bytes[index + 1], bytes[index + 2])
                            if (b1 == 0x80 && (b2 <= 0x8D || b2 == 0xAF)) || (b1 == 0x81 && (b2 == 0xA0 || b2 == 0x9F)) {
                                needsRewrite = true                               // U+2000–200D, 202F, 2060, 205F
                            }
                        case 0xE3 where index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
                            needsRewrite = true                                   // U+3000
                        case 0xEF where index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                            needsRewrite = true                                   // U+FEFF
                        default:
                            break
                        }
                        if needsRewrite && needsNFC { break scan }
                        index += 1
                    }
                }
            }
            if eth != 0 { needsRewrite = true }
        }
        var result = text
        if needsRewrite {
            var scalars = String.UnicodeScalarView()
            var previousWasCR = false
            for scalar in text.unicodeScalars {
                defer { previousWasCR = scalar.value == 0x0D }
                switch scalar.value {
                case 0x0D: scalars.append("\n")
                case 0x0A where previousWasCR: continue
                case 0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD: continue
                case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: scalars.append(" ")
                case 0x00D0: scalars.append("\u{0110}")
                case 0x00F0: scalars.append("\u{0111}")
                default: scalars.append(scalar)
                }
            }
            result = String(scalars)
        }
        if needsNFC {
            result = result.precomposedStringWithCanonicalMapping
        }
        return result
    }
}
