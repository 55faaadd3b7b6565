#!/usr/bin/env bash
# Builds the app image and the .deb (mvn -Pdist) and checks them the way a user meets them: the app image's launcher
# runs the headless CLI (as root and as an unprivileged user) and prints the version; the .deb installs `portwatch` on
# the PATH with a menu entry and an icon, and `dpkg -r` removes every file again. Run from the repository root (CI runs
# it from .ci/run before the test suite). Stops only the processes it started, by pid.
set -euo pipefail
cd "$(dirname "$0")/../../.."

fail() { echo "check-package: $*" >&2; exit 1; }

mvn -B -q -Pdist package -DskipTests

version=$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
image=app/target/dist/portwatch
launcher="$image/bin/portwatch"
[ -x "$launcher" ] || fail "no launcher at $launcher"
[ "$("$launcher" --version)" = "portwatch $version" ] || fail "app image --version: $("$launcher" --version)"
# JavaFX is in the jlinked runtime as modules, its natives beside the JDK's, and the CDS archive holds its classes.
"$image/lib/runtime/bin/java" --list-modules | grep -q '^javafx.controls@' || fail "javafx.controls not in the runtime"
[ -f "$image/lib/runtime/lib/libglass.so" ] || fail "JavaFX natives not in the runtime's lib"

# The launcher asks no package manager who owns it (jpackage's ran rpm and dpkg -S twice per start: README,
# Performance): stand-ins first on the PATH record any call.
spy=$(mktemp -d)
for tool in rpm dpkg dpkg-query; do
    printf '#!/bin/sh\ntouch "%s/%s.ran"\nexit 1\n' "$spy" "$tool" >"$spy/$tool"
    chmod 755 "$spy/$tool"
done
[ "$(PATH="$spy:$PATH" "$launcher" --version)" = "portwatch $version" ] || fail "app image --version with the spies"
ran=$(cd "$spy" && ls -- *.ran 2>/dev/null | tr "\n" " " || true)
[ -z "$ran" ] || fail "the app image's launcher ran a package manager: $ran"
rm -rf "$spy"

# AppCDS (README, Performance): the launcher maps the app's own classes from lib/app/portwatch.jsa, on top of the
# runtime's archive. A copy of the image elsewhere does not match that archive (JDK 17 ties it to the class path's
# path): it must still start on the runtime's archive, and say nothing about it on standard output.
[ -f "$image/lib/app/portwatch.jsa" ] || fail "no app CDS archive (lib/app/portwatch.jsa): did the training run fail?"
image_log=$(JAVA_TOOL_OPTIONS=-Xlog:class+load "$launcher" --version 2>/dev/null)
grep -q '^\[.*\] dev\.portwatch\.Main source: shared objects file (top)$' <<<"$image_log" \
    || fail "the app image's launcher does not map the app's classes from lib/app/portwatch.jsa"
moved=$(mktemp -d)
cp -a "$image" "$moved/"
[ "$("$moved/portwatch/bin/portwatch" --version)" = "portwatch $version" ] \
    || fail "a copy of the app image elsewhere: --version said $("$moved/portwatch/bin/portwatch" --version 2>&1)"
moved_log=$(JAVA_TOOL_OPTIONS=-Xlog:class+load "$moved/portwatch/bin/portwatch" --version 2>/dev/null)
grep -q ' java\.lang\.Object source: shared objects file$' <<<"$moved_log" \
    || fail "a copy of the app image elsewhere does not map the runtime's CDS archive"
if grep -q '(top)' <<<"$moved_log"; then fail "a copy elsewhere mapped an archive made for another path"; fi
rm -rf "$moved"

# A listener held by another process, found by the app image's `list --json`, as root and as nobody.
coproc HOLDER { exec "$image/lib/runtime/bin/java" -cp "$image/lib/app/portwatch.jar" dev.portwatch.core.bench.ListenerHolder 0; }
holder_pid=$HOLDER_PID
trap 'kill "$holder_pid" 2>/dev/null || true' EXIT
read -r ready <&"${HOLDER[0]}"
[ "$ready" = "READY 0" ] || fail "listener holder said: $ready"
echo open >&"${HOLDER[1]}"
read -r opened port _ <&"${HOLDER[0]}"
[ "$opened" = OPENED ] || fail "listener holder did not open a port"
"$launcher" list --json | grep -q "\"port\" : $port," || fail "app image list --json did not show port $port"
setpriv --reuid=nobody --regid=nogroup --clear-groups -- env HOME=/nonexistent "$launcher" list --json \
    | grep -q "\"port\" : $port," || fail "app image list --json as nobody did not show port $port"

# The plain jar opens the window with JavaFX as modules (WindowLayer): no "unnamed module" warning.
jar_log=$(mktemp)
xvfb-run -a -s "-screen 0 1400x900x24" java -Dportwatch.startupProbe=exit -Dportwatch.configDir="$(mktemp -d)" \
    -jar app/target/portwatch.jar >"$jar_log" 2>&1 || fail "java -jar did not open the window: $(cat "$jar_log")"
grep -q "portwatch-startup:" "$jar_log" || fail "java -jar: the window never showed a scan: $(cat "$jar_log")"
if grep -q "Unsupported JavaFX configuration" "$jar_log"; then fail "java -jar loads JavaFX from the class path"; fi
rm -f "$jar_log"

deb=$(ls app/target/dist/portwatch_*.deb)
# The app's CDS archive never matches /usr/lib/portwatch (README, Install): the .deb leaves it out.
deb_files=$(dpkg-deb -c "$deb")
if grep -q 'portwatch\.jsa$' <<<"$deb_files"; then fail "the .deb carries the app image's CDS archive"; fi
if dpkg -s portwatch >/dev/null 2>&1; then
    echo "check-package: portwatch is installed on this machine already; not installing $deb over it"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# The libraries the runtime links (dpkg-shlibdeps listed them) that a fresh machine may lack, such as libasound2.
missing_deps=()
for dep in $(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' '); do
    dpkg -s "$dep" >/dev/null 2>&1 || missing_deps+=("$dep")
done
if [ "${#missing_deps[@]}" -gt 0 ]; then
    apt-get update
    apt-get install -y --no-install-recommends "${missing_deps[@]}" </dev/null
fi
dpkg -i "$deb" </dev/null
[ "$(command -v portwatch)" = /usr/bin/portwatch ] || fail "portwatch is not on the PATH after dpkg -i"
[ "$(portwatch --version)" = "portwatch $version" ] || fail "installed --version: $(portwatch --version)"
portwatch list --json | grep -q "\"port\" : $port," || fail "installed list --json did not show port $port"
# Installed under /usr/lib/portwatch the app's archive does not match (README, Install): the runtime's still maps.
installed_log=$(JAVA_TOOL_OPTIONS=-Xlog:class+load portwatch --version 2>/dev/null)
grep -q ' java\.lang\.Object source: shared objects file$' <<<"$installed_log" \
    || fail "the installed launcher does not map the runtime's CDS archive"
entry=$(ls /usr/share/applications/*portwatch*.desktop)
grep -q '^Exec=/usr/bin/portwatch' "$entry" || fail "menu entry does not start /usr/bin/portwatch"
icon=$(sed -n 's/^Icon=//p' "$entry")
[ -s "$icon" ] || fail "menu entry's icon $icon is missing"
# The privileged helper's pkexec files (README, --elevate): root-owned, and the launcher the policy names answers the
# helper protocol as root.
policy=/usr/share/polkit-1/actions/dev.portwatch.helper.policy
helper=/usr/lib/portwatch/portwatch-helper
[ "$(stat -c '%U %a' "$policy")" = "root 644" ] || fail "polkit policy missing or not root's 0644: $policy"
[ "$(stat -c '%U %a' "$helper")" = "root 755" ] || fail "helper launcher missing or not root's 0755: $helper"
grep -q "<annotate key=\"org.freedesktop.policykit.exec.path\">$helper</annotate>" "$policy" \
    || fail "the polkit policy does not name $helper"
hello=$(echo '{"type":"hello","version":1}' | "$helper" 2>/dev/null | head -1)
echo "$hello" | grep -q '"ok":true' && echo "$hello" | grep -q '"uid":0' \
    || fail "the installed helper did not answer hello as root: $hello"
dpkg -r portwatch </dev/null
[ ! -e /usr/bin/portwatch ] && [ ! -e /usr/lib/portwatch ] && [ ! -e "$entry" ] && [ ! -e "$policy" ] \
    || fail "dpkg -r left files behind"
dpkg -P portwatch </dev/null
echo "check-package: app image and .deb OK (portwatch $version)"
