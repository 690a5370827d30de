import ArgumentParser
import Foundation
import ZMQTransport

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a CurveZMQ key pair: DIR/NAME.key (public, to share) and DIR/NAME.key_secret (secret, mode 0600).",
        discussion: """
        Both files are czmq certificates (ZPL text, interchangeable with czmq's zcert):

          NAME.key         #   radfleet CURVE public key "NAME", generated <time> by radfleet keygen
                           #   ZeroMQ CURVE Public Certificate: copy it into the coordinator's authorised directory.
                           metadata
                               name = "NAME"
                           curve
                               public-key = "<40 Z85 characters>"

          NAME.key_secret  the same with a SECRET comment and a `secret-key = "<40 Z85 characters>"` line after
                           public-key; created with mode 0600 (never readable by others, not even briefly).
                           Commands refuse a secret file that group or others can read.

        Run it on the coordinator (its NAME.key goes to every worker as --server-key) and on each worker and status
        client (their NAME.key files go into the coordinator's --authorized directory). Secret files never move.
        """
    )

    @Option(name: .long, help: "Folder for the two files (created with mode 0700 if missing).")
    var out: String

    @Option(name: .long, help: "Key name: letters, digits, '.', '-', '_' (e.g. the host name).")
    var name: String

    @Flag(name: .long, help: "Replace existing NAME.key / NAME.key_secret.")
    var force = false

    func validate() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        if name.isEmpty || name.hasPrefix(".") || !name.allSatisfy(allowed.contains) {
            throw ValidationError("--name must be letters, digits, '.', '-' or '_' and not start with '.': \(name)")
        }
    }

    func run() throws {
        try reportingErrors {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let publicPath = (out as NSString).appendingPathComponent(name + ".key")
            let secretPath = publicPath + "_secret"
            if !force {
                for path in [publicPath, secretPath] where FileManager.default.fileExists(atPath: path) {
                    throw CurveKeyFile.Failure.exists(path: path)
                }
            }
            let pair = try CurveKeyPair.generate()
            let now = Date()
            try CurveKeyFile.write(CurveKeyFile.secretText(name: name, pair: pair, generated: now), to: secretPath, mode: 0o600, replace: force)
            try CurveKeyFile.write(CurveKeyFile.publicText(name: name, key: pair.publicKey, generated: now), to: publicPath, mode: 0o644, replace: force)
            print("public key \(pair.publicKey.id)… written to \(publicPath) (share it)")
            print("secret key written to \(secretPath) (mode 0600; keep it here)")
        }
    }
}
