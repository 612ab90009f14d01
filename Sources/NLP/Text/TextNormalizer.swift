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
    /// Normalizes `text`. O(n); text that is already clean NFC is only scanned.
    public static func normalize(_ text: String) -> String {
        var needsRewrite = false
        var needsNFC = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D, 0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0x00A0, 0x2000...0x200A,
                 0x202F, 0x205F, 0x3000, 0x00D0, 0x00F0:
                needsRewrite = true
            case 0x0300...0x036F:
                needsNFC = true
            default:
                continue
            }
            if needsRewrite && needsNFC { break }
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
