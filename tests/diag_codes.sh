#!/usr/bin/env bash
# diag_codes.sh BERPA MANPAGE: every code in the library's diagnostics
# table (berpa --diagnostics) is documented in berpa(1), and the manual
# documents no code the table lacks.
set -euo pipefail
berpa=$1 man=$2
table=$("$berpa" --diagnostics | cut -f1 | sort -u)
[ -n "$table" ] || { echo "diag_codes: berpa --diagnostics printed nothing" >&2; exit 1; }
documented=$(sed -n '/^\.Sh DIAGNOSTICS/,/^\.Sh /p' "$man" | sed -n 's/^\.It Cm \([a-z0-9-]*\).*/\1/p' | sort -u)
if [ "$table" != "$documented" ]; then
  echo "diag_codes: the table and berpa(1) disagree:" >&2
  diff <(echo "$table") <(echo "$documented") >&2 || true
  exit 1
fi
echo "diag_codes: $(echo "$table" | wc -l) codes, all documented"
