#!/usr/bin/env bash
# The Debian package, as a clerk gets it: build it with `cargo deb`, install
# it with dpkg, then in an empty folder start a site with the installed
# gongshi alone (no repository, no themes/ folder): init, new village,
# check, build. The pages must be byte-identical to a build of the same
# content with the repository's themes/default/ copied in.
#
# Run as root (CI runs it from .ci/run): `tests/install.sh`. Needs cargo-deb
# (`cargo install --locked cargo-deb`). The package is removed afterwards
# unless it was installed before the script ran.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if ! command -v cargo-deb >/dev/null; then
  echo "install.sh: cargo-deb is missing: cargo install --locked cargo-deb" >&2
  exit 2
fi

# cargo deb builds the release binary (or reuses an up-to-date one) and
# prints the package's path.
deb=$(cargo deb --locked)
echo "install.sh: built $deb"

was_installed=false
if dpkg -s gongshi >/dev/null 2>&1; then was_installed=true; fi
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [ "$was_installed" = false ]; then dpkg -r gongshi >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

dpkg -i "$deb"
# The installed file, not one from ~/.cargo/bin earlier in PATH.
gongshi=/usr/bin/gongshi
files=$(dpkg -L gongshi)
for path in /usr/bin/gongshi /usr/share/man/man1/gongshi.1.gz /usr/share/man/zh_CN/man1/gongshi.1.gz \
  /usr/share/bash-completion/completions/gongshi /usr/share/doc/gongshi/copyright; do
  grep -qx "$path" <<<"$files" || { echo "install.sh: dpkg -L gongshi lacks $path" >&2; exit 1; }
done

cd "$work"
"$gongshi" --version
"$gongshi" --lang zh init site
cd site
"$gongshi" --lang zh new village gar/shiquanhe/deji --kind community --bo "བདེ་སྐྱིད་སྡེ་ཁུལ།" --zh "德吉社区"
"$gongshi" --lang zh check
"$gongshi" --lang zh build --today 2026-11-27
[ ! -e themes ] || { echo "install.sh: the site has a themes/ folder" >&2; exit 1; }
[ -f public/index.html ] || { echo "install.sh: no public/index.html" >&2; exit 1; }

# The same content with the repository's theme copied in builds the same pages.
cp -r "$work/site" "$work/with-theme"
rm -rf "$work/with-theme/public"
mkdir "$work/with-theme/themes"
cp -r "$repo/themes/default" "$work/with-theme/themes/"
"$gongshi" --lang zh build --root "$work/with-theme" --today 2026-11-27
diff -r "$work/site/public" "$work/with-theme/public"
echo "install.sh: the installed package works"
