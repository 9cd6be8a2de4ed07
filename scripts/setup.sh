#!/usr/bin/env bash
# Installs berpa's build and test dependencies from Debian when any is missing.
# Idempotent: does nothing (and needs no network) when all are present.
set -euo pipefail

pkgs=(build-essential cmake pkg-config
      libicu-dev libhunspell-dev hunspell libxml2-dev libxml2-utils libjson-c-dev
      libtesseract-dev tesseract-ocr tesseract-ocr-aze tesseract-ocr-script-latn libleptonica-dev
      libpng-dev libjpeg-dev
      fonts-dejavu-core check jing python3 time jq
      chromium python3-html5lib)   # the review page test (tests/review.sh)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
