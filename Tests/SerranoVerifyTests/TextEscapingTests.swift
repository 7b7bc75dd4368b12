import SerranoSupport
import Testing

/// The one JSON string quoter: plain text is copied whole, the rest escaped scalar by scalar.
@Suite struct TextEscapingTests {
    @Test func plainTextIsQuotedWhole() {
        #expect(JSONText.quoted("Top.array.pe_3_4.sum") == "\"Top.array.pe_3_4.sum\"")
        #expect(JSONText.quoted("") == "\"\"")
        #expect(JSONText.quoted("é ⊛ 😀") == "\"é ⊛ 😀\"")
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONText.quoted("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(JSONText.quoted("a\\b") == "\"a\\\\b\"")
        #expect(JSONText.quoted("line\nnext\ttab\u{1}") == "\"line\\nnext\\u0009tab\\u0001\"")
        #expect(JSONText.quoted("😀\"") == "\"😀\\\"\"")
    }
}
