import CCrypto

/// The folder name of one organization's report set (`--per-org`, SPEC 3.12): the org_id made
/// safe as a file name, so that no id can write outside `--out` or share a folder with another.
public enum OrganizationFolder {
    /// The longest name, in bytes.
    public static let maxBytes = 100

    /// Of the id's UTF-8 bytes, ASCII letters, digits, `.`, `_` and `-` are kept and every
    /// other byte is written `%XX` (upper-case hex); `.` and `..` become `%2E` and `%2E%2E`;
    /// a result longer than 100 bytes is cut to its first 91 bytes (never inside a `%XX`)
    /// followed by `~` and the first 8 lower-case hex digits of the SHA-256 of the raw id.
    public static func name(_ id: String) -> String {
        if id == "." { return "%2E" }
        if id == ".." { return "%2E%2E" }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        // Where each byte of the id starts in `out`, to cut between escapes.
        var starts: [Int] = []
        for byte in id.utf8 {
            starts.append(out.count)
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        guard out.count > maxBytes else { return String(decoding: out, as: UTF8.self) }
        // The escaped bytes that fit whole in the first 91.
        var keep = 0
        for start in starts {
            let end = start + (out[start] == UInt8(ascii: "%") ? 3 : 1)
            if end > 91 { break }
            keep = end
        }
        let digits = sha256(Array(id.utf8)).prefix(4).map { byte in
            String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
        return String(decoding: out[..<keep], as: UTF8.self) + "~" + digits
    }

    /// The SHA-256 digest of `bytes` (OpenSSL's libcrypto).
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }
}
