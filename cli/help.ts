/** --help texts. Kept next to each other so the exit codes read the same everywhere. */

const EXIT_CODES = `Exit codes:
  0  verified
  1  verification failed: tampering, inconsistency, bad signature (message says which)
  2  usage or input error: bad arguments, unreadable/unsupported file, unusable key
  3  network: the instance is unreachable or did not answer as its API says`;

export const MAIN_HELP = `terrane: verify Terrane's audit log, offline and against a running region.

Usage:
  terrane verify <file.tlog-proof> --key <log key> [options]   check one entry's proof offline
  terrane verify <package.zip> --jwks <url | file>             check an evidence package offline
  terrane audit verify --url <instance> [options]              check a region's whole log
  terrane audit proof --url <instance> --index N [--out file]  download one entry's proof
  terrane <command> --help                                     options of a command

Every command takes --json for one machine-readable JSON object on stdout.

${EXIT_CODES}
`;

export const VERIFY_HELP = `Usage: terrane verify <file> [--key <key> | --jwks <url | file>] [options]

Verifies a downloaded file offline; the file's type is detected:
  - C2SP tlog-proof files (.tlog-proof, first line "c2sp.org/tlog-proof@v1"): the checkpoint's
    signature by the log's key (--key), witness cosignatures if witness keys are given, and the
    inclusion proof of the entry at its index. Terrane's proofs carry the entry's leaf bytes
    (its RFC 8785 canonical JSON) in the "extra" line; its leaf hash is recomputed from those
    bytes, so the entry printed is exactly the one the signed tree holds.
  - Revocation receipts (the JSON downloaded from a tenant's keys page, body.type
    "terrane.revocation-receipt/v1"): the region's Ed25519 signature over the RFC 8785 JSON of
    the body, under the --key you give.
  - Attestations and the attestation index (DSSE envelopes): the signature under the region's
    "attestation" key (--jwks or --key), the subject against the predicate.
  - Evidence packages (.zip): the manifest's signature under the "attestation" key of --jwks
    (without --jwks, the package's own keys/jwks.json, with a warning: that only shows the
    package is intact), every file's SHA-256 and size and no unlisted file, the attestations,
    both audit checkpoints under the "audit-log" key, the consistency proof between them, every
    audit entry's inclusion proof, the populations' row counts and the sample re-drawn from its
    seed. Every failure is listed as "FAILED: <file>: <what>".

Options:
  --key <key>           the log's key (required for tlog-proofs; repeatable for rotated keys):
                        a note verifier key "terrane/<region>+<id>+<base64>", a file holding
                        such keys (one per line), or a JWKS file (e.g. the region's
                        /.well-known/jwks.json; its "audit-log" key is used)
  --jwks <url | file>   the region's JWKS (/.well-known/jwks.json) for attestations and
                        evidence packages: its "attestation" key is used (and, for packages,
                        its "audit-log" key)
  --index <file>        (attestations) also require the attestation to be listed, under its own
                        digest, in this signed attestation index (checked with the same keys)
  --previous <file>     (attestation indexes) also require the index to be newer than this one,
                        to keep every attestation it listed, and to name it as its previous
                        version when the two are consecutive
  --key-name <name>     note key name for JWKS entries without terrane_verifier_key
                        (e.g. terrane/eu-central-1)
  --entry <file>        the entry's JSON instead of the proof's extra line (needed when the
                        proof has none; must equal it when it has); non-canonical JSON is
                        re-serialised as RFC 8785 first
  --witness-key <key>   a witness's cosignature/v1 key (string, file or JWKS "witness" key);
                        repeatable
  --quorum <N>          how many of the witness keys must have cosigned (default: all given)
  --origin <origin>     require this log origin, e.g. terrane/eu-central-1
  --json                machine-readable result on stdout
  -h, --help

${EXIT_CODES}
  (Inside a tlog-proof or an evidence package, anything malformed or not matching is exit 1;
  a missing entry, a witness key given as --key, a ZIP that is not an evidence package, or a
  file of no supported type is exit 2.)
`;

export const AUDIT_VERIFY_HELP = `Usage: terrane audit verify --url <instance URL> [options]

Checks a region's whole audit log from outside:
  - the signed checkpoint (GET /api/v1/audit/checkpoint), with the log key from --key, or the
    key the instance serves (GET /api/v1/audit/key), pinned in the state file on first use;
    a different key on a later run is a failure
  - witness cosignatures: keys from --witness-key, or discovered from the peer regions the
    instance lists (each peer's own /api/v1/audit/witness-key), pinned in the state file
  - consistency with the last checkpoint verified from this machine (consistency proof): a log
    rewritten or rolled back since fails
  - every leaf hash (GET /api/v1/audit/leaves, 1000 at a time): the root recomputed from them
    must be the signed root; if not, the first differing entry is located and the problem
    named (changed, deleted, inserted, reordered, truncated)

Scope: the public API serves leaf hashes, not entry contents, so this checks the tree and its
signatures. Whether each stored entry still hashes to its leaf is checked by the region's own
background verifier, and single entries by their proofs (terrane verify <file.tlog-proof>).

Options:
  --url <url>           the region instance's base URL (required)
  --state <file>        state file (default ~/.terrane/audit-state.json), keyed by log origin
  --key <key>           the log's key instead of the served one (string, file or JWKS);
                        replaces the pinned key
  --key-name <name>     note key name for JWKS entries without terrane_verifier_key
  --witness-key <key>   a witness's cosignature/v1 key; repeatable; disables discovery
  --quorum <N>          witnesses that must have cosigned (default: all --witness-key given;
                        0 for discovered witnesses, which are reported either way)
  --timeout <seconds>   per request (default 30)
  --json                machine-readable result on stdout (progress stays on stderr)
  -h, --help

Progress goes to stderr every 100,000 leaves.

${EXIT_CODES}
`;

export const AUDIT_PROOF_HELP = `Usage: terrane audit proof --url <instance URL> --index N [--size M] [--out file]

Downloads the C2SP tlog-proof of entry N (GET /api/v1/audit/proof?index=N&format=tlog-proof),
against the latest checkpoint or the signed checkpoint of size M. Without --out the proof is
written to stdout. Public proofs carry no entry content; verify them with
  terrane verify <file> --key <log key> --entry <entry.json>

Options:
  --url <url>  --index <N>  --size <M>  -o, --out <file>  --timeout <seconds>  --json  -h, --help

${EXIT_CODES}
`;

export const AUDIT_HELP = `Usage:
  terrane audit verify --url <instance URL> [options]   check a region's whole log
  terrane audit proof --url <instance URL> --index N    download one entry's proof

See terrane audit verify --help, terrane audit proof --help.

${EXIT_CODES}
`;
