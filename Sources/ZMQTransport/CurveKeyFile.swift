import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CurveZMQ key files in czmq's certificate format (ZPL, RFC 4; what `zcert_save` writes), so that keys are
/// interchangeable with czmq tools:
///
///     NAME.key          public certificate, mode 0644 — give it to the other side
///         #   radfleet CURVE public key "NAME", generated 2026-11-23T10:40:00Z
///         #   ZeroMQ CURVE Public Certificate: copy it into the coordinator's authorised directory.
///         metadata
///             name = "NAME"
///         curve
///             public-key = "<40 Z85 characters>"
///
///     NAME.key_secret   secret certificate, mode 0600 (created so, never readable by others) — never copy it
///         (the same, with "Secret" in the comment and a `secret-key = "<40 Z85 characters>"` line after `public-key`)
///
/// Reading accepts any ZPL file with `public-key` (and, for a secret file, `secret-key`) entries, quoted or not;
/// `#` starts a comment line.
public enum CurveKeyFile {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case noKey(path: String, entry: String)
        case badKey(path: String, entry: String)
        case mismatch(path: String)
        case exposed(path: String, mode: Int)
        case exists(path: String)
        case cannotWrite(path: String, reason: String)
        case secretInAuthorisedDirectory(path: String)
        case noAuthorisedKeys(directory: String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): return "cannot read key file \(path): \(reason)"
            case let .noKey(path, entry): return "\(path) has no \(entry) entry (not a CURVE key file?)"
            case let .badKey(path, entry): return "\(path): \(entry) is not a 40-character Z85 key"
            case let .mismatch(path): return "\(path): public-key does not belong to secret-key"
            case let .exposed(path, mode):
                return "\(path) is readable by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)` (a secret key must be private)"
            case let .exists(path): return "\(path) exists; pass --force to replace it"
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
            case let .secretInAuthorisedDirectory(path):
                return "\(path) is a secret key file; only public .key files belong in the authorised directory (and the secret should be moved away and replaced)"
            case let .noAuthorisedKeys(directory): return "no public key files (*.key) in the authorised directory \(directory)"
            }
        }
    }

    // MARK: - Format

    /// The public certificate's text.
    public static func publicText(name: String, key: CurvePublicKey, generated: Date = Date()) -> String {
        header(name: name, kind: "public key", note: "ZeroMQ CURVE Public Certificate: copy it into the coordinator's authorised directory.", generated: generated)
            + "curve\n    public-key = \"\(key.z85)\"\n"
    }

    /// The secret certificate's text (public and secret key).
    public static func secretText(name: String, pair: CurveKeyPair, generated: Date = Date()) -> String {
        header(name: name, kind: "SECRET key", note: "ZeroMQ CURVE **Secret** Certificate: keep it private (mode 0600); never copy it.", generated: generated)
            + "curve\n    public-key = \"\(pair.publicKey.z85)\"\n    secret-key = \"\(pair.secretKey.z85)\"\n"
    }

    private static func header(name: String, kind: String, note: String, generated: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: generated)
        let safeName = String(name.unicodeScalars.filter { $0 != "\"" && $0 != "\n" && $0 != "\r" })
        return "#   radfleet CURVE \(kind) \"\(safeName)\", generated \(stamp) by radfleet keygen\n#   \(note)\nmetadata\n    name = \"\(safeName)\"\n"
    }

    /// The value of `entry` (`public-key`, `secret-key`) in ZPL text, if present.
    public static func entry(_ entry: String, in text: String) -> String? {
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard !line.hasPrefix("#"), line.hasPrefix(entry) else { continue }
            let rest = line.dropFirst(entry.count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { continue }
            let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            if value.first == "\"" || value.first == "'" {
                let quote = value.first!
                return String(value.dropFirst().prefix { $0 != quote })
            }
            return String(value.prefix { $0 != " " && $0 != "\t" })
        }
        return nil
    }

    public static func parsePublic(_ text: String, path: String) throws(Failure) -> CurvePublicKey {
        guard let z85 = entry("public-key", in: text) else { throw .noKey(path: path, entry: "public-key") }
        guard let key = CurvePublicKey(z85: z85) else { throw .badKey(path: path, entry: "public-key") }
        return key
    }

    public static func parseSecret(_ text: String, path: String) throws(Failure) -> CurveKeyPair {
        guard let z85 = entry("secret-key", in: text) else { throw .noKey(path: path, entry: "secret-key") }
        guard let secret = CurveSecretKey(z85: z85), let pair = try? CurveKeyPair(secretKey: secret) else {
            throw .badKey(path: path, entry: "secret-key")
        }
        if entry("public-key", in: text) != nil, try parsePublic(text, path: path) != pair.publicKey { throw .mismatch(path: path) }
        return pair
    }

    // MARK: - Files

    /// Reads a public key file (`NAME.key`; a secret file also holds the public key).
    public static func readPublic(_ path: String) throws(Failure) -> CurvePublicKey {
        try parsePublic(try read(path), path: path)
    }

    /// Reads a secret key file, refusing one that group or others could read (like ssh does).
    public static func readSecret(_ path: String) throws(Failure) -> CurveKeyPair {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let mode = Int(info.st_mode) & 0o777
        if mode & 0o077 != 0 { throw .exposed(path: path, mode: mode) }
        return try parseSecret(try read(path), path: path)
    }

    private static func read(_ path: String) throws(Failure) -> String {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= 64 << 10 else { throw Failure.unreadable(path: path, reason: "larger than 64 KiB") }
            return String(decoding: data, as: UTF8.self)
        } catch let f as Failure {
            throw f
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Every public key of the `*.key` files in `directory` (other files are ignored; a `*.key_secret` there is
    /// an error). Throws when there is none.
    public static func readAuthorised(directory: String) throws(Failure) -> [(file: String, key: CurvePublicKey)] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw .unreadable(path: directory, reason: (error as NSError).localizedDescription)
        }
        var keys: [(file: String, key: CurvePublicKey)] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            if name.hasSuffix(".key_secret") { throw .secretInAuthorisedDirectory(path: path) }
            guard name.hasSuffix(".key") else { continue }
            keys.append((name, try readPublic(path)))
        }
        if keys.isEmpty { throw .noAuthorisedKeys(directory: directory) }
        return keys
    }

    /// Writes `text` to `path` with `mode` from the moment the file exists: a temporary file in the same folder
    /// is created with O_EXCL and that mode, filled and synced, then linked into place (no replacing unless
    /// `replace`; then renamed over the old file, which never changes the new file's mode).
    public static func write(_ text: String, to path: String, mode: mode_t, replace: Bool) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var ok = fchmod(fd, mode) == 0
        let bytes = Array(text.utf8)
        var written = 0
        while ok && written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { ok = false } else { written += n }
        }
        ok = ok && fsync(fd) == 0
        let reason = ok ? "" : String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        defer { unlink(temporary) }
        if replace {
            guard rename(temporary, path) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        } else if link(temporary, path) != 0 {
            if errno == EEXIST { throw .exists(path: path) }
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
