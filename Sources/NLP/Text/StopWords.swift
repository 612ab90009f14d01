/// Vietnamese stop words, written by this team for syllable tokens.
///
/// Function words only: conjunctions, prepositions, particles, pronouns, copulas,
/// aspect markers and quantifiers that occur in every kind of article. Content words
/// that merely are frequent in Party news (*đảng*, *chi*, *bộ*) are not here: they carry
/// the themes. The list is used only when ``TokenizerConfiguration/removeStopWords`` is on.
public enum StopWords {
    public static let vietnamese: [String] = [
        // conjunctions and connectives
        "và", "hoặc", "hay", "nhưng", "mà", "thì", "nên", "vì", "nếu", "tuy", "dù", "song",
        "còn", "cũng", "lại", "rằng", "là", "bởi", "do", "nhờ", "để", "cho", "nhằm",
        // prepositions and locatives
        "của", "với", "trong", "ngoài", "trên", "dưới", "tại", "ở", "từ", "đến", "tới",
        "về", "theo", "qua", "vào", "ra", "giữa", "cùng", "bằng", "sau", "trước", "khi",
        // aspect, modality and degree
        "đã", "đang", "sẽ", "vừa", "mới", "từng", "vẫn", "đều", "chỉ", "rất", "quá",
        "hơn", "nhất", "lắm", "cả", "luôn", "thường", "bị", "được", "phải", "có", "không",
        "chưa", "cần",
        // determiners, quantifiers, classifiers
        "các", "những", "mọi", "mỗi", "một", "nhiều", "ít", "này", "kia", "đó",
        "ấy", "nọ", "đây", "cái", "chiếc", "sự", "việc", "điều", "nào", "gì", "bao",
        // pronouns and particles
        "tôi", "ta", "chúng", "mình", "họ", "nó", "ông", "bà", "anh", "chị", "em",
        "ạ", "nhé", "à", "ư", "thế", "vậy", "như", "nhau", "đi",
    ]
}
