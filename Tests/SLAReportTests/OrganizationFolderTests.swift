import Testing

@testable import SLAReport

/// SPEC 3.12: per-customer folder names, worked out by hand (the SHA-256 digits from Python's
/// hashlib, an independent implementation).
@Suite struct OrganizationFolderTests {
    @Test("Unsafe bytes are escaped; nothing can leave --out or name a device")
    func escapes() {
        #expect(OrganizationFolder.name("ORG-0001_a.b") == "ORG-0001_a.b")
        #expect(OrganizationFolder.name("../../etc") == "..%2F..%2Fetc")
        #expect(OrganizationFolder.name("a/b") == "a%2Fb")
        #expect(OrganizationFolder.name(".") == "%2E")
        #expect(OrganizationFolder.name("..") == "%2E%2E")
        #expect(OrganizationFolder.name("...") == "...")
        // "CON" is kept: only bytes are escaped; the name is always a plain file name here.
        #expect(OrganizationFolder.name("CON") == "CON")
        #expect(OrganizationFolder.name("a\u{0}b\nc d") == "a%00b%0Ac%20d")
        // ü is C3 BC in UTF-8.
        #expect(OrganizationFolder.name("Zürich") == "Z%C3%BCrich")
        #expect(OrganizationFolder.name("100%") == "100%25")
    }

    @Test("Long ids are cut at 91 bytes, never inside an escape, then ~ and 8 hex digits")
    func longIDs() {
        // 300 x: 91 x, then ~ and sha256("x" * 300)[:8].
        let long = OrganizationFolder.name(String(repeating: "x", count: 300))
        #expect(long == String(repeating: "x", count: 91) + "~0d4e2ca9")
        #expect(long.utf8.count == 100)
        // 88 bytes of "ab", then "/" escaped as %2F (bytes 88-90), then é (%C3%A9) would cross 91:
        // cut after %2F.
        let id = String(repeating: "ab", count: 44) + "/é/zz"
        #expect(OrganizationFolder.name(id) == String(repeating: "ab", count: 44) + "%2F~38c495dc")
        // 90 bytes then an escape: the escape does not fit whole, so the cut is at 90.
        let edge = OrganizationFolder.name(String(repeating: "y", count: 90) + "/" + String(repeating: "y", count: 20))
        #expect(edge.hasPrefix(String(repeating: "y", count: 90) + "~"))
        #expect(edge.utf8.count == 99)
        // Exactly 100 bytes is not cut.
        #expect(OrganizationFolder.name(String(repeating: "z", count: 100)) == String(repeating: "z", count: 100))
        // Two ids that agree on their first 91 bytes get different names.
        let a = OrganizationFolder.name(String(repeating: "q", count: 120) + "a")
        let b = OrganizationFolder.name(String(repeating: "q", count: 120) + "b")
        #expect(a != b)
    }
}
