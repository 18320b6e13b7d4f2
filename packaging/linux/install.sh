#!/bin/sh
# Install Briefbook from this folder: for the current user (default) or for everyone (--system,
# as root). Works offline. The user's library lives in the user data folder, never in the app
# folder, so installing a new version or uninstalling keeps it.
#
#   ./install.sh               install for this user (~/.local)
#   sudo ./install.sh --system install for everyone (/opt/briefbook, /usr/local)
#   ./install.sh --uninstall   remove it again (add --system for a system install)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=user
action=install
for arg in "$@"; do
  case "$arg" in
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ "$mode" = system ]; then
  appdir=/opt/briefbook
  bindir=/usr/local/bin
  share=/usr/local/share
else
  appdir=${XDG_DATA_HOME:-$HOME/.local/share}/briefbook-app
  bindir=$HOME/.local/bin
  share=${XDG_DATA_HOME:-$HOME/.local/share}
fi

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$action" = uninstall ]; then
  rm -rf "$appdir"
  rm -f "$bindir/briefbook" "$share/applications/briefbook.desktop" \
        "$share/icons/hicolor/512x512/apps/briefbook.png" "$share/mime/packages/briefbook.xml"
  refresh
  echo "Briefbook removed (your library was not touched)."
  exit 0
fi

[ -x "$here/briefbook/briefbook" ] || { echo "install.sh: $here/briefbook/briefbook not found" >&2; exit 1; }

# copy the new version beside the old one, then swap, so a failed copy leaves the old one working
mkdir -p "$(dirname "$appdir")" "$bindir" "$share/applications" \
         "$share/icons/hicolor/512x512/apps" "$share/mime/packages"
rm -rf "$appdir.new"
cp -R "$here/briefbook" "$appdir.new"
rm -rf "$appdir.old"
[ -e "$appdir" ] && mv "$appdir" "$appdir.old"
mv "$appdir.new" "$appdir"
rm -rf "$appdir.old"

ln -sf "$appdir/briefbook" "$bindir/briefbook"
sed "s|^Exec=.*|Exec=\"$appdir/briefbook\" %f|; s|^TryExec=.*|TryExec=$appdir/briefbook|" \
  "$here/briefbook.desktop" > "$share/applications/briefbook.desktop"
cp "$here/briefbook.png" "$share/icons/hicolor/512x512/apps/briefbook.png"
cp "$here/briefbook-mime.xml" "$share/mime/packages/briefbook.xml"
refresh

echo "Briefbook $("$appdir/briefbook" --version | cut -d' ' -f2) installed in $appdir"
echo "Start it from the applications menu, or run: $bindir/briefbook"
case ":$PATH:" in *":$bindir:"*) ;; *) echo "(add $bindir to your PATH to run 'briefbook' from a terminal)" ;; esac
