import Testing

@testable import SLAConfig
@testable import SLAModel
@testable import SLATime

@Suite struct TOMLKeyLinesTests {
    private func path(_ keys: String...) -> ConfigPath {
        ConfigPath(components: keys.map { .key($0) })
    }

    @Test func headersDottedAndInlineKeys() {
        let text = """
            # comment with = and [brackets]
            top = 1
            a.b = "x"                 # line 3
            [t]
            k = { x = 1, y = { z = 2 } }
            "quoted key" = 3
            'lit.key' = 4
            [ t . "sub" ]
            s = 5
            [[arr]]
            e = 6
            [[arr]]
            [arr.inner]
            f = 7
            """
        let lines = TOMLKeyLines(text: text)
        #expect(lines.line(of: path("top")) == 2)
        #expect(lines.line(of: path("a")) == 3)
        #expect(lines.line(of: path("a", "b")) == 3)
        #expect(lines.line(of: path("t")) == 4)
        #expect(lines.line(of: path("t", "k", "y", "z")) == 5)
        #expect(lines.line(of: path("t", "quoted key")) == 6)
        #expect(lines.line(of: path("t", "lit.key")) == 7)
        #expect(lines.line(of: path("t", "sub")) == 8)
        #expect(lines.line(of: path("t", "sub", "s")) == 9)
        // Arrays of tables: each element by its index, and a sub-table under the latest element.
        let arr0 = ConfigPath(components: [.key("arr"), .index(0)])
        let arr1 = ConfigPath(components: [.key("arr"), .index(1)])
        #expect(lines.line(of: arr0) == 10)
        #expect(lines.line(of: arr0.appending("e")) == 11)
        #expect(lines.line(of: arr1) == 12)
        #expect(lines.line(of: arr1.appending("inner")) == 13)
        #expect(lines.line(of: arr1.appending("inner").appending("f")) == 14)
        // Unknown paths fall back to their longest known prefix.
        #expect(lines.line(of: path("t", "sub", "nothing")) == 8)
        #expect(lines.line(of: path("nowhere")) == nil)
    }

    @Test func multiLineValuesCountTheirLines() {
        let text = """
            a = \"\"\"
            one
            two \\
              three\"\"\"
            b = '''
            x = 1
            '''
            c = [
              1,   # a comment ]
              [2, 3],
              "four",
            ]
            d = "with \\"escaped\\" quote and # not a comment"
            e = 5
            "\\u0041" = 6
            """
        let lines = TOMLKeyLines(text: text)
        #expect(lines.line(of: path("a")) == 1)
        #expect(lines.line(of: path("b")) == 5)
        #expect(lines.line(of: path("x")) == nil)  // inside a string
        #expect(lines.line(of: path("c")) == 8)
        #expect(lines.line(of: ConfigPath(components: [.key("c"), .index(1)])) == 10)
        #expect(lines.line(of: ConfigPath(components: [.key("c"), .index(2)])) == 11)
        #expect(lines.line(of: path("d")) == 13)
        #expect(lines.line(of: path("e")) == 14)
        #expect(lines.line(of: path("A")) == 15)
    }

    @Test func crlfLineEnds() {
        let lines = TOMLKeyLines(text: "a = 1\r\n[t]\r\nb = 2\r\n")
        #expect(lines.line(of: path("t", "b")) == 3)
    }

    @Test func keysAreQuotedInDescriptionsOnlyWhenNeeded() {
        #expect(path("input", "cases", "values", "severity", "P1").description == "input.cases.values.severity.P1")
        #expect(path("a", "Sev 1", "x.y").description == "a.\"Sev 1\".\"x.y\"")
        #expect(ConfigPath(components: [.key("h"), .index(3)]).description == "h")
    }
}
