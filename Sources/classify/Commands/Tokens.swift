import ArgumentParser
import NLP

/// `classify tokens`: the syllables a model sees, to debug a surprising prediction.
struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Print the normalized tokens the vectorizer sees, one line per sentence.",
        discussion: """
        The article is cleaned first; the title is the first line. Tokens are lowercase \
        NFC syllables with tone marks in one canonical place (--tone-style), so hòa and \
        hoà print the same.

        Examples:
          classify tokens seeds/002_41c83e62ec92bec8.txt
          classify tokens --numbers keep --tone-style modern article.txt
          # the bigram features instead:
          classify tokens --ngrams 2 article.txt
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "classic (hòa, thủy) or modern (hoà, thuỷ) tone-mark placement.")
    var toneStyle: ToneMarkStyle = .classic

    @Option(help: "class (every number prints as <num>, as models see it) or keep.")
    var numbers: NumberHandling = .class

    @Flag(help: "Drop the team's Vietnamese stop words.")
    var stopWords = false

    @Option(help: "Print n-grams of this range (e.g. 2 or 1-2) instead of single syllables; n-grams join with _.")
    var ngrams: String = "1"

    enum NumberHandling: String, ExpressibleByArgument { case `class`, keep }

    func validate() throws {
        if NGramRange(parsing: ngrams) == nil { throw ValidationError("--ngrams takes N or N-M with 1 ≤ N ≤ M ≤ \(Analyzer.maximumNGram).") }
    }

    func run() throws {
        var reader = input.reader()
        let out = OutputWriter()
        let configuration = TokenizerConfiguration(toneStyle: toneStyle, numbersAsClass: numbers == .class,
                                                   removeStopWords: stopWords)
        let analyzer = Analyzer(tokenizer: Tokenizer(configuration), ngrams: NGramRange(parsing: ngrams)!)
        let cleaner = ArticleCleaner()
        let splitter = SentenceSplitter()
        var first = true
        let counts = try DocumentPipeline(jobs: input.jobs).run(&reader) { document -> [String] in
            let article = cleaner.clean(document.text)
            let lines = [article.title] + splitter.sentences(of: article).map(\.text)
            return lines.filter { !$0.isEmpty }.map { line in
                analyzer.features(in: line).map { $0.replacingOccurrences(of: " ", with: "_") }.joined(separator: " ")
            }
        } emit: { document, lines in
            if input.inputs.count > 1 || !first { out.writeLine((first ? "" : "\n") + "==> \(document.id) <==") }
            for line in lines { out.writeLine(line) }
            first = false
        }
        out.flush()
        if counts.failed > 0 { throw ExitCode(1) }
    }
}

extension ToneMarkStyle: ExpressibleByArgument {}
