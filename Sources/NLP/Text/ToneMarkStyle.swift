/// Where the tone mark sits on the open syllables `oa`, `oe` and `uy`, the only
/// places where Vietnamese publishers disagree.
///
/// - `classic` puts it on the first vowel: *hòa, khỏe, thủy, ủy, tòa* (most
///   Party-committee websites, and this project's default).
/// - `modern` puts it on the second: *hoà, khoẻ, thuỷ, uỷ, toà* (most national papers).
///
/// Tokens are always rewritten into one style, so that both spellings of a word
/// become one feature. The style is part of a model's tokenizer configuration, so
/// training and prediction always agree.
public enum ToneMarkStyle: String, Codable, Sendable, CaseIterable {
    case classic
    case modern
}

/// Moves the tone of one lowercase syllable to its canonical vowel.
///
/// The rule, applied to a syllable with exactly one toned vowel and one vowel
/// cluster (anything else, such as a foreign word, is left untouched):
/// 1. `qu` and `gi` before another vowel are consonants (*quý*, *già*).
/// 2. A vowel with its own diacritic (ă â ê ô ơ ư) takes the tone; of two, the last
///    (*người*, *chuyện*).
/// 3. A single vowel takes it.
/// 4. With a final consonant, the last vowel of the cluster takes it (*hoàng*, *huỳnh*).
/// 5. Open three-vowel clusters: the middle one (*khoái*, *khuỷu*).
/// 6. Open two-vowel clusters: the first (*mùa*, *hài*), except `oa`, `oe`, `uy`,
///    which follow `style`.
enum TonePlacement {
    /// Rewrites `letters[0..<count]` (lowercase scalars) in place; returns whether it
    /// moved the tone. O(count).
    @inline(__always) @discardableResult
    static func canonicalize(_ letters: UnsafeMutablePointer<UInt32>, count: Int, style: ToneMarkStyle) -> Bool {
        guard count >= 2 && count <= 8 else { return false }
        var clusterStart = -1
        var clusterEnd = -1       // exclusive
        var tonedIndex = -1
        var tone = 0
        for index in 0..<count {
            let scalar = letters[index]
            if let vowel = VietnameseLetters.vowel(scalar) {
                if clusterStart < 0 {
                    clusterStart = index
                } else if clusterEnd != index {
                    return false    // a second vowel cluster: not one Vietnamese syllable
                }
                clusterEnd = index + 1
                if vowel.tone != 0 {
                    if tonedIndex >= 0 { return false }
                    tonedIndex = index
                    tone = vowel.tone
                }
            } else if !isVietnameseConsonant(scalar) {
                return false
            }
        }
        guard tonedIndex >= 0 else { return false }

        // qu, gi + vowel: the u / i belongs to the initial consonant.
        if clusterStart == 1 && clusterEnd - clusterStart >= 2 {
            let first = VietnameseLetters.vowel(letters[1])!.base
            if (letters[0] == 0x71 /* q */ && first == VietnameseLetters.Base.u)
                || (letters[0] == 0x67 /* g */ && first == VietnameseLetters.Base.i) {
                clusterStart = 2
            }
        }
        let length = clusterEnd - clusterStart
        guard length >= 1 else { return false }

        var target = -1
        for index in clusterStart..<clusterEnd
        where VietnameseLetters.Base.hasDiacritic[VietnameseLetters.vowel(letters[index])!.base] {
            target = index
        }
        if target < 0 {
            if length == 1 {
                target = clusterStart
            } else if clusterEnd < count {
                target = clusterEnd - 1
            } else if length >= 3 {
                target = clusterStart + 1
            } else {
                let first = VietnameseLetters.vowel(letters[clusterStart])!.base
                let second = VietnameseLetters.vowel(letters[clusterStart + 1])!.base
                let B = VietnameseLetters.Base.self
                let ambiguous = (first == B.o && (second == B.a || second == B.e)) || (first == B.u && second == B.y)
                target = ambiguous && style == .modern ? clusterStart + 1 : clusterStart
            }
        }
        guard target != tonedIndex else { return false }
        var old = VietnameseLetters.vowel(letters[tonedIndex])!
        old.tone = 0
        letters[tonedIndex] = VietnameseLetters.compose(old)
        var new = VietnameseLetters.vowel(letters[target])!
        new.tone = tone
        letters[target] = VietnameseLetters.compose(new)
        return true
    }

    /// A quick test, from what the tokenizer counted while scanning, that
    /// ``canonicalize(_:count:style:)`` would leave `letters` as they are; `false`
    /// means only "look closer". It covers the two common cases, with no vowel
    /// carrying a diacritic (`lastDiacriticVowel == 0`), where rule 2 cannot apply:
    /// - a final consonant and the tone on the last vowel (*hoàng*, *toán*): rule 4;
    /// - in the classic style, an open two-vowel syllable with the tone on the first
    ///   vowel and no `qu`/`gi` before it (*của*, *tại*, *này*): rule 6.
    ///
    /// `vowels` and `tonedVowel` (1-based) count the syllable's vowels; with more than
    /// one vowel cluster, `canonicalize` changes nothing either. O(1).
    @inline(__always)
    static func isCanonical(_ letters: UnsafeMutablePointer<UInt32>, count: Int, vowels: Int, tonedVowel: Int,
                            lastDiacriticVowel: Int, style: ToneMarkStyle) -> Bool {
        guard count >= 1 else { return false }
        return isCanonical(last: letters[count - 1], startsWithQOrG: letters[0] == 0x71 || letters[0] == 0x67,
                           vowels: vowels, tonedVowel: tonedVowel, lastDiacriticVowel: lastDiacriticVowel, style: style)
    }

    /// ``isCanonical(_:count:vowels:tonedVowel:lastDiacriticVowel:style:)`` from what it
    /// reads of the letters: the `last`, and whether the first is `q` or `g`.
    @inline(__always)
    static func isCanonical(last: UInt32, startsWithQOrG: Bool, vowels: Int, tonedVowel: Int,
                            lastDiacriticVowel: Int, style: ToneMarkStyle) -> Bool {
        guard lastDiacriticVowel == 0 else { return false }
        if VietnameseLetters.vowel(last) == nil { return tonedVowel == vowels }
        return style == .classic && vowels == 2 && tonedVowel == 1 && !startsWithQOrG
    }

    @inline(__always)
    private static func isVietnameseConsonant(_ scalar: UInt32) -> Bool {
        (scalar >= 0x61 && scalar <= 0x7A) || scalar == 0x0111   // a-z (vowels never reach here), đ
    }
}
