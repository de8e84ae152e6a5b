# Shared helpers for PoolScope's scripts. Source it; do not run it.

# Installs the Debian packages given as arguments when any is missing.
# Runs apt-get update first (required on a fresh machine).
poolscope_apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "== installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building PoolScope needs on Debian 12.
POOLSCOPE_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config git lld
    libsqlite3-dev libpq-dev libmariadb-dev
    libgtest-dev zlib1g-dev python3-prometheus-client
    libcpp-httplib-dev libssl-dev prometheus
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev libgl-dev xvfb xauth fonts-noto-cjk qt6-translations-l10n
    # Install files and packages: man page, icons, .deb (dpkg-shlibdeps), and
    # the checks of tests/package/ (desktop file, AppStream metainfo, man -w).
    help2man librsvg2-bin dpkg-dev desktop-file-utils appstream man-db
    # The Go database/sql peer of the attach tests (tests/peers), built offline.
    golang-go golang-github-lib-pq-dev golang-github-prometheus-client-golang-dev
)

# Configures and builds into $1 (default: build) with extra CMake arguments.
poolscope_build() {
    local dir="${1:-build}"
    shift || true
    cmake -S "$POOLSCOPE_ROOT" -B "$POOLSCOPE_ROOT/$dir" -G Ninja "$@" >/dev/null
    cmake --build "$POOLSCOPE_ROOT/$dir" -j "$(nproc)"
}

# Builds only the given targets in an already configured directory $1.
poolscope_build_targets() {
    local dir="$1"
    shift
    cmake --build "$POOLSCOPE_ROOT/$dir" -j "$(nproc)" --target "$@"
}
