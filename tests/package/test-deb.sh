#!/usr/bin/env bash
# The Debian package, end to end on this machine: builds the packages with
# cpack -G DEB from a built tree, installs poolscope with dpkg -i (apt-get
# install -f for missing dependencies), runs the installed binary (--version,
# --help, a headless run on the embedded default, a dashboard screenshot under
# Xvfb), checks the man page, desktop file, AppStream metainfo, icons and shell
# completion, then removes the package with dpkg -r and checks that none of
# its files is left.
#
#   test-deb.sh BUILD_DIR
#
# Installs on the system, so it needs root (CI) or password-less sudo; without
# either it exits 77 (skipped), saying so. Refuses to run when poolscope is
# already installed: it would remove that installation at the end.
set -euo pipefail

build=$(realpath "${1:?usage: test-deb.sh BUILD_DIR}")
tmp=$(mktemp -d)
installed=0
sudo=""

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# Runs a command quietly; on failure shows its output and fails.
quiet() {
    local log=$tmp/step.log
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "$*"
    fi
}
cleanup() {
    if [ "$installed" = 1 ]; then
        $sudo dpkg -r poolscope >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "SKIPPED: test-deb.sh installs a package: run it as root or with password-less sudo"
        exit 77
    fi
fi
if dpkg-query -W -f='${Status}' poolscope 2>/dev/null | grep -q "install ok installed"; then
    fail "poolscope is already installed on this machine; this test installs and then removes" \
         "the package, so remove it first (dpkg -r poolscope)"
fi

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"

echo "== cpack -G DEB"
quiet cpack -G DEB -B "$tmp/packages" --config "$build/CPackConfig.cmake"
deb=$(find "$tmp/packages" -maxdepth 1 -name "poolscope_${version}_*.deb" -print -quit)
devdeb=$(find "$tmp/packages" -maxdepth 1 -name "libpoolscope-core-dev_${version}_*.deb" -print -quit)
[ -n "$deb" ] || fail "cpack made no poolscope_${version}_*.deb: $(ls "$tmp/packages")"
[ -n "$devdeb" ] || fail "cpack made no libpoolscope-core-dev_${version}_*.deb: $(ls "$tmp/packages")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = poolscope ] || fail "package name is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "package version is '$(field Version)', not $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Section)" ] || fail "no Section"
# dpkg-shlibdeps found the shared libraries the binary links.
for dep in libc6 libsqlite3-0 libpq5; do
    field Depends | grep -q "$dep" || fail "Depends lacks $dep: $(field Depends)"
done
if grep -q '^POOLSCOPE_GUI:BOOL=ON' "$build/CMakeCache.txt"; then
    field Depends | grep -q libqt6widgets6 || fail "Depends lacks libqt6widgets6: $(field Depends)"
fi
# Only poolscope goes to /usr/bin: no test or benchmark binaries.
bins=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep '^\./usr/bin/.' || true)
[ "$bins" = "./usr/bin/poolscope" ] || fail "unexpected files in /usr/bin: $bins"
devfiles=$(dpkg-deb -c "$devdeb" | awk '{print $NF}')
for f in include/poolscope/core/pool/Pool.h cmake/PoolScopeCore/PoolScopeCoreConfig.cmake \
         pkgconfig/poolscope-core.pc libpoolscope_core.a; do
    grep -q "$f" <<<"$devfiles" || fail "libpoolscope-core-dev lacks $f"
done

echo "== dpkg -i $(basename "$deb")"
installed=1
if ! $sudo dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then
    echo "dpkg -i left dependencies to install; apt-get install -f"
    quiet $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends
fi
dpkg-query -W -f='${Status}' poolscope | grep -q "install ok installed" \
    || { cat "$tmp/dpkg.log" >&2; fail "poolscope is not installed after dpkg -i"; }
files=$(dpkg -L poolscope)

bin=/usr/bin/poolscope
[ -x "$bin" ] || fail "$bin is not installed"
# The installed one, from a folder with nothing else, as a user would run it.
export HOME=$tmp/home
unset XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
cd "$HOME"

echo "== poolscope --version / --help"
[ "$($bin --version)" = "poolscope $version" ] || fail "--version printed '$($bin --version)'"
$bin --help >"$tmp/help.txt" || fail "--help failed"
grep -q -- '--headless' "$tmp/help.txt" || fail "--help does not mention --headless"

echo "== poolscope --headless --duration 2 (embedded default)"
$bin --headless --duration 2 --interval 500 >"$tmp/headless.out" 2>"$tmp/headless.err" \
    || { cat "$tmp/headless.err" >&2; fail "the headless run failed"; }
[ "$(grep -c '"pool"' "$tmp/headless.out")" -ge 2 ] || { cat "$tmp/headless.out" >&2; fail "no snapshot lines"; }
[ -f "$HOME/.local/share/poolscope/embedded.db" ] \
    || fail "the embedded database is not in the XDG data folder (~/.local/share/poolscope)"

if grep -q '^POOLSCOPE_GUI:BOOL=ON' "$build/CMakeCache.txt"; then
    echo "== poolscope --screenshot under Xvfb"
    shot=$tmp/shot.png
    xvfb-run -a "$bin" --connect 'sim://?query_ms=2' --screenshot "$shot" --quit-after 2 \
        >"$tmp/gui.log" 2>&1 || { cat "$tmp/gui.log" >&2; fail "the screenshot run failed"; }
    [ -f "$shot" ] || fail "no screenshot written"
    [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
    [ "$(stat -c %s "$shot")" -gt 20000 ] || fail "the screenshot is only $(stat -c %s "$shot") bytes"
    # Settings share the data folder's name (~/.config/poolscope).
    [ ! -e "$HOME/.config/PoolScope" ] || fail "settings went to ~/.config/PoolScope"

    echo "== desktop file, AppStream metainfo, icons"
    desktop=/usr/share/applications/io.poolscope.PoolScope.desktop
    [ -f "$desktop" ] || fail "$desktop is not installed"
    quiet desktop-file-validate "$desktop"
    metainfo=/usr/share/metainfo/io.poolscope.PoolScope.metainfo.xml
    [ -f "$metainfo" ] || fail "$metainfo is not installed"
    quiet appstreamcli validate --no-net "$metainfo"
    grep -q "<release version=\"$version\"" "$metainfo" \
        || fail "the metainfo has no <release> for $version (resources/linux/io.poolscope.PoolScope.metainfo.xml)"
    [ -f /usr/share/icons/hicolor/scalable/apps/io.poolscope.PoolScope.svg ] || fail "no scalable icon"
    for size in 16 22 24 32 48 64 128 256; do
        png=/usr/share/icons/hicolor/${size}x${size}/apps/io.poolscope.PoolScope.png
        [ -f "$png" ] || fail "no ${size}x${size} icon"
        # PNG width: bytes 17-20 of the IHDR chunk, big-endian.
        width=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
        [ "$width" = "$size" ] || fail "the ${size}x${size} icon is $width pixels wide"
    done
fi

echo "== man page"
page=$(man -w poolscope 2>/dev/null) || fail "man -w poolscope finds no page"
zcat -f "$page" | grep -q -- 'headless' || fail "$page does not describe --headless"
[ -f /usr/share/poolscope/thresholds.json ] || fail "no /usr/share/poolscope/thresholds.json"

echo "== bash completion"
completion=/usr/share/bash-completion/completions/poolscope
[ -f "$completion" ] || fail "$completion is not installed"
[ -f /usr/share/zsh/vendor-completions/_poolscope ] || fail "no zsh completion"
# bash-completion's helpers, reduced to what the generated function uses.
reply=$(bash -c '
    _init_completion() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; split=false; }
    _filedir() { COMPREPLY=(FILES); }
    . "$1"
    COMP_WORDS=(poolscope --fail-on ""); COMP_CWORD=2; _poolscope; echo "${COMPREPLY[*]}"
    COMP_WORDS=(poolscope --hea); COMP_CWORD=1; _poolscope; echo "${COMPREPLY[*]}"
    COMP_WORDS=(poolscope --record ""); COMP_CWORD=2; _poolscope; echo "${COMPREPLY[*]}"
' _ "$completion")
[ "$reply" = $'warning danger\n--headless\nFILES' ] || fail "bash completion answered: $reply"

echo "== dpkg -r poolscope"
quiet $sudo dpkg -r poolscope
installed=0
if dpkg-query -W -f='${Status}' poolscope 2>/dev/null | grep -q "install ok installed"; then
    fail "poolscope is still installed after dpkg -r"
fi
left=""
while IFS= read -r f; do
    [ -n "$f" ] && [ ! -d "$f" ] && [ -e "$f" ] && left+="$f "
done <<<"$files"
[ -z "$left" ] || fail "dpkg -r left files behind: $left"
[ ! -e "$bin" ] || fail "$bin is still there"

echo "== Debian package: OK"
