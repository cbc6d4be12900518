/**
 * verify.sh, shipped at the top of every evidence package (docs/evidence.md): checks the manifest's
 * signature, every file's size and SHA-256, the attestations' signatures, the audit checkpoints'
 * signatures and the populations' row counts with POSIX sh, sha256sum, openssl and base64 only.
 * The proofs and the sample need `terrane verify` (cli/verify/evidence.ts).
 *
 * Kept as a String.raw template, so the script holds no backquote and no dollar-brace (it uses
 * $(…) and $var); tests/evidence/verify-sh.test.ts runs it under dash on real packages.
 */
export const VERIFY_SH: string = String.raw`#!/bin/sh
# verify.sh: checks this Terrane evidence package with POSIX sh, sha256sum, openssl (3.0 or
# later, for Ed25519) and base64. Run it as: sh verify.sh
#
#   1. manifest.sig.json is a DSSE envelope whose payload is exactly manifest.json, signed
#      with keys/attestation.pem over DSSE's pre-authentication encoding (PAE);
#   2. every file manifest.json lists is here with its size and SHA-256, and nothing else is;
#   3. each attestations/*.intoto.json and drills/*.intoto.json is a DSSE envelope signed
#      with keys/attestation.pem;
#   4. audit/checkpoint.txt and audit/newest-checkpoint.txt carry the audit log's signature
#      (keys/audit-log.pem, under the name in keys/audit-log.vkey);
#   5. each population file has the row count manifest.json gives.
#
# It trusts the keys in keys/: a forger who rewrote the whole package would swap them too.
# Compare them with the region's published /.well-known/jwks.json (the attestation key's "x"
# is printed below), or run: npx terrane verify <package.zip> --jwks <that URL>, which also
# checks the audit log's inclusion and consistency proofs and re-draws the sample.
#
# Exit 0: everything checked out. Exit 1: something did not (every FAILED line says what).
# Exit 2: a tool is missing.

set -u
# Bytes, not characters: sizes, sed and comparisons behave the same in every locale.
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")" || exit 2

for tool in sha256sum openssl base64 sed wc od tr cmp grep find mktemp tail; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "verify.sh needs $tool" >&2
    exit 2
  }
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

failures=0
: >"$tmp/failures"

# fail <file> <what>: one FAILED line naming the file; keeps going.
fail() {
  printf 'FAILED: %s: %s\n' "$1" "$2" | tee -a "$tmp/failures"
  failures=$((failures + 1))
}
ok() {
  printf 'OK: %s\n' "$1"
}

# size <file>: its size in bytes (the arithmetic drops the padding some wc print).
size() {
  echo $(($(wc -c <"$1")))
}

# b64decode <text> <out>: standard base64, refused unless re-encoding gives the same text, so a
# signed value has exactly one spelling.
b64decode() {
  printf '%s' "$1" | base64 -d >"$2" 2>/dev/null || return 1
  [ "$(base64 <"$2" | tr -d '\n')" = "$1" ]
}

# ed25519 <public key pem> <message file> <signature file>: openssl's verdict.
ed25519() {
  openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in "$2" -sigfile "$3" >/dev/null 2>&1
}

# A DSSE envelope as Terrane writes it: one line of RFC 8785 JSON with one signature.
ENVELOPE='^{"payload":"\([A-Za-z0-9+/=]*\)","payloadType":"\([^"\\]*\)","signatures":\[{"keyid":"\([^"\\]*\)","sig":"\([A-Za-z0-9+/=]*\)"}]}$'

# dsse <envelope file> <payload type> <payload out>: checks the envelope's signature with
# keys/attestation.pem over PAE(type, payload) and writes the payload. On failure, sets $why.
dsse() {
  why=
  if [ "$(($(wc -l <"$1")))" -gt 1 ] || [ -z "$(sed -n "s|$ENVELOPE|x|p" "$1")" ]; then
    why="not a one-signature DSSE envelope"
    return 1
  fi
  type=$(sed -n "s|$ENVELOPE|\\2|p" "$1")
  if [ "$type" != "$2" ]; then
    why="payloadType is $type, not $2"
    return 1
  fi
  if ! b64decode "$(sed -n "s|$ENVELOPE|\\1|p" "$1")" "$3"; then
    why="the payload is not canonical base64"
    return 1
  fi
  if ! b64decode "$(sed -n "s|$ENVELOPE|\\4|p" "$1")" "$tmp/sig" || [ "$(size "$tmp/sig")" -ne 64 ]; then
    why="the signature is not 64 bytes of canonical base64"
    return 1
  fi
  # PAE = "DSSEv1" SP len(type) SP type SP len(payload) SP payload, lengths in decimal bytes.
  printf 'DSSEv1 %s %s %s ' "$(printf '%s' "$type" | wc -c | tr -d ' ')" "$type" "$(size "$3")" >"$tmp/pae"
  cat "$3" >>"$tmp/pae"
  if ! ed25519 keys/attestation.pem "$tmp/pae" "$tmp/sig"; then
    why="the signature by $(sed -n "s|$ENVELOPE|\\3|p" "$1") does not verify with keys/attestation.pem"
    return 1
  fi
}

for f in manifest.json manifest.sig.json keys/attestation.pem keys/audit-log.pem keys/audit-log.vkey; do
  [ -f "$f" ] || fail "$f" "missing"
done

# --- 1. The manifest's signature ---------------------------------------------------------

if [ -f manifest.sig.json ] && [ -f manifest.json ]; then
  if ! dsse manifest.sig.json application/vnd.terrane.evidence-manifest+json "$tmp/manifest"; then
    fail manifest.sig.json "$why"
  elif ! cmp -s "$tmp/manifest" manifest.json; then
    fail manifest.json "differs from the payload signed in manifest.sig.json (changed after signing)"
  else
    ok "manifest.json is signed in manifest.sig.json by keys/attestation.pem"
  fi
fi
# The attestation key as the JWKS publishes it ("x", base64url), to compare by eye.
x=$(openssl pkey -pubin -in keys/attestation.pem -outform DER 2>/dev/null | tail -c 32 | base64 | tr '+/' '-_' | tr -d '=\n')
echo "   keys/attestation.pem has x = $x: it must be the \"attestation\" key of the region's /.well-known/jwks.json"

# --- 2. Every file, its size and SHA-256 --------------------------------------------------

FILE='^{"path":"\([A-Za-z0-9._/-]*\)","sha256":"\([0-9a-f]\{64\}\)","size":\([0-9]\{1,\}\)},\{0,1\}$'
sed -n "s|$FILE|\\1 \\2 \\3|p" manifest.json >"$tmp/files" 2>/dev/null
if [ "$(sed -n '/^{"path":/p' manifest.json 2>/dev/null | wc -l)" -ne "$(wc -l <"$tmp/files")" ]; then
  fail manifest.json "a file line does not read as {\"path\",\"sha256\",\"size\"}"
fi
checked=0
while read -r path sum bytes; do
  # Paths stay inside the package.
  case "/$path/" in
  */../* | */./* | *//*)
    fail "$path" "unsafe path in manifest.json"
    continue
    ;;
  esac
  if [ ! -f "$path" ]; then
    fail "$path" "listed in manifest.json but missing"
    continue
  fi
  actual=$(size "$path")
  [ "$actual" -eq "$bytes" ] || fail "$path" "size is $actual bytes, manifest.json says $bytes"
  actual=$(sha256sum <"$path" | sed 's/ .*//')
  [ "$actual" = "$sum" ] || fail "$path" "sha256 is $actual, manifest.json says $sum"
  checked=$((checked + 1))
done <"$tmp/files"

# Anything here that the manifest does not list was added after signing.
sed 's/ .*//' "$tmp/files" >"$tmp/listed"
find . -type f | sed 's|^\./||' >"$tmp/present"
while IFS= read -r f; do
  case "$f" in
  manifest.json | manifest.sig.json) continue ;;
  esac
  grep -Fqx -e "$f" "$tmp/listed" || fail "$f" "present but not listed in manifest.json"
done <"$tmp/present"
ok "$checked files checked against manifest.json (size and sha256)"

# --- 3. Attestations ----------------------------------------------------------------------

attestations=0
for f in attestations/*.intoto.json; do
  [ -f "$f" ] || continue
  if dsse "$f" application/vnd.in-toto+json "$tmp/statement"; then
    attestations=$((attestations + 1))
  else
    fail "$f" "$why"
  fi
done
ok "$attestations attestations signed by keys/attestation.pem"

# Residency drill reports are in-toto statements in DSSE envelopes, signed the same way.
drills=0
for f in drills/*.intoto.json; do
  [ -f "$f" ] || continue
  if dsse "$f" application/vnd.in-toto+json "$tmp/statement"; then
    drills=$((drills + 1))
  else
    fail "$f" "$why"
  fi
done
[ "$drills" -eq 0 ] || ok "$drills drill reports signed by keys/attestation.pem"

# --- 4. The audit log's checkpoints (C2SP signed notes) -----------------------------------

# keys/audit-log.vkey is "<name>+<key id, 8 hex>+<base64(0x01 || public key)>".
vkey=$(sed -n 1p keys/audit-log.vkey 2>/dev/null)
keyname=$(printf '%s\n' "$vkey" | sed 's/+.*//')
keyid=$(printf '%s\n' "$vkey" | sed -n 's/^[^+]*+\([0-9a-fA-F]\{8\}\)+.*/\1/p' | tr 'A-F' 'a-f')
# The PEM must hold the very key the vkey names, or the key id check below means nothing.
openssl pkey -pubin -in keys/audit-log.pem -outform DER 2>/dev/null | tail -c 32 >"$tmp/log-pem-raw"
# (The key's base64 may itself hold "+": cut after the second one, not the last.)
if ! b64decode "$(printf '%s\n' "$vkey" | sed 's/^[^+]*+[^+]*+//')" "$tmp/log-vkey-raw" ||
  [ "$(size "$tmp/log-vkey-raw")" -ne 33 ] ||
  ! tail -c 32 "$tmp/log-vkey-raw" | cmp -s - "$tmp/log-pem-raw"; then
  fail keys/audit-log.vkey "is not the key in keys/audit-log.pem"
fi
EMDASH=$(printf '\342\200\224')

# note <file>: the log's signature line "<em dash> <name> base64(key id || signature)" must
# verify over the text above the blank line, its final newline included. Lines by other
# names (witness cosignatures) are not checked here.
note() {
  sed '/^$/,$d' "$1" >"$tmp/note-text"
  sed '1,/^$/d' "$1" >"$tmp/note-signatures"
  found=
  while read -r mark name b64; do
    [ "$mark" = "$EMDASH" ] && [ "$name" = "$keyname" ] || continue
    b64decode "$b64" "$tmp/note-sig" && [ "$(size "$tmp/note-sig")" -eq 68 ] || continue
    [ "$(od -An -tx1 -N4 "$tmp/note-sig" | tr -d ' \n')" = "$keyid" ] || continue
    found=1
    break
  done <"$tmp/note-signatures"
  if [ -z "$found" ]; then
    fail "$1" "no signature by $keyname+$keyid"
    return
  fi
  tail -c 64 "$tmp/note-sig" >"$tmp/note-ed25519"
  if ed25519 keys/audit-log.pem "$tmp/note-text" "$tmp/note-ed25519"; then
    ok "$1 is signed by $keyname (tree size $(sed -n 2p "$tmp/note-text"))"
  else
    fail "$1" "the signature by $keyname does not verify with keys/audit-log.pem"
  fi
}
for f in audit/checkpoint.txt audit/newest-checkpoint.txt; do
  if [ -f "$f" ]; then note "$f"; else fail "$f" "missing"; fi
done
# The manifest names the checkpoint it proves against.
want=$(sed -n 's/.*"audit_log":{"checkpoint_size":\([0-9]\{1,\}\),.*/\1/p' manifest.json 2>/dev/null)
if [ -f audit/checkpoint.txt ] && [ "$(sed -n 2p audit/checkpoint.txt)" != "$want" ]; then
  fail audit/checkpoint.txt "tree size $(sed -n 2p audit/checkpoint.txt), manifest.json says $want"
fi

# --- 5. Populations -----------------------------------------------------------------------

# One line each: {"name":"…","path":"…","query":"…","rows":N,"sha256":"…"}. The query may hold
# escaped quotes, so the path is read from the front and the row count from the back.
sed -n '/^{"name":"/p' manifest.json >"$tmp/populations" 2>/dev/null
populations=0
while IFS= read -r line; do
  name=$(printf '%s\n' "$line" | sed -n 's|^{"name":"\([^"\\]*\)",.*|\1|p')
  path=$(printf '%s\n' "$line" | sed -n 's|^{"name":"[^"\\]*","path":"\([A-Za-z0-9._/-]*\)",.*|\1|p')
  rows=$(printf '%s\n' "$line" | sed -n 's|.*"rows":\([0-9]\{1,\}\),"sha256":"[0-9a-f]\{64\}"},\{0,1\}$|\1|p')
  if [ -z "$path" ] || [ -z "$rows" ]; then
    fail manifest.json "a population line does not read as {\"name\",\"path\",\"query\",\"rows\",\"sha256\"}"
    continue
  fi
  if [ ! -f "$path" ]; then
    fail "$path" "population $name is missing"
    continue
  fi
  lines=$(($(wc -l <"$path")))
  [ "$lines" -eq "$rows" ] || fail "$path" "population $name has $lines lines, manifest.json says $rows"
  populations=$((populations + 1))
done <"$tmp/populations"
ok "$populations populations have the row counts manifest.json gives"

# --- Verdict ------------------------------------------------------------------------------

echo
echo "Not checked here: the audit entries' inclusion proofs (audit/proofs.jsonl), the consistency"
echo "proof (audit/consistency.json) and the sample (samples.json). Check them with:"
echo "   npx terrane verify <package.zip> --jwks https://<region>/.well-known/jwks.json"
echo
if [ "$failures" -eq 0 ]; then
  tenant=$(sed -n 's/.*"slug":"\([^"\\]*\)".*/\1/p' manifest.json | sed -n 1p)
  echo "OK: the evidence package of $tenant verified ($checked files, $attestations attestations, $populations populations)"
  exit 0
fi
echo "FAILED: $failures problem(s):"
cat "$tmp/failures"
exit 1
`;
