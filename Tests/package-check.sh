#!/usr/bin/env bash
# `make package-check`: Serrano as another package's versioned dependency. Copies the working
# tree (tracked and new files, as they are) into a temporary git repository tagged 0.1.0, points
# the fixture package in Tests/PackageFixture at it by a file:// URL, builds the fixture and
# runs its own `generate` and `lint` through SerranoCommand.main(designs:).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
swift=${SWIFT:-swift}
work=$(mktemp -d "${TMPDIR:-/tmp}/serrano-package-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
step() { echo "package  $*"; }

step "cloning the working tree into $work/serrano, tagged 0.1.0"
mkdir "$work/serrano"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -xf - -C "$work/serrano"
git -C "$work/serrano" init -q
git -C "$work/serrano" add -A
git -C "$work/serrano" -c user.name=package-check -c user.email=package-check@localhost commit -qm "package-check snapshot"
git -C "$work/serrano" tag 0.1.0

step "building the fixture package (depends on Serrano from: \"0.1.0\"; the first build compiles all of Serrano)"
cp -R "$root/Tests/PackageFixture" "$work/user"
sed -i.orig "s|SERRANO_URL|file://$work/serrano|" "$work/user/Package.swift" && rm "$work/user/Package.swift.orig"
cd "$work/user"
if ! "$swift" build ${SWIFT_FLAGS:-} > build.log 2>&1; then
    echo "package  ✗ the fixture did not build:"; tail -40 build.log; exit 1
fi
grep -q "unsafe" build.log && { echo "package  ✗ SwiftPM complained about unsafe flags:"; grep unsafe build.log; exit 1; }
grep -q '"version" : "0.1.0"' Package.resolved || { echo "package  ✗ Serrano was not resolved as version 0.1.0:"; cat Package.resolved; exit 1; }
tool=$("$swift" build --show-bin-path)/dot-tool

step "dot-tool generate --all --out rtl"
"$tool" generate --all --out rtl
[ -f rtl/dot/DotEngine_lanes4.v ] && [ -f rtl/dot/DotEngine_lanes4.f ] || {
    echo "package  ✗ expected rtl/dot/DotEngine_lanes4.v and .f; found:"; ls -R rtl; exit 1; }

step "dot-tool lint rtl"
"$tool" lint rtl

step "dot-tool generate --design counter must refuse a design the tool does not have (exit 2)"
set +e; "$tool" generate --design counter --out rtl 2>/dev/null; code=$?; set -e
[ "$code" -eq 2 ] || { echo "package  ✗ exit $code, expected 2"; exit 1; }

step "✓ Serrano works as a versioned dependency ($(( $(date +%s) - start )) s)"
