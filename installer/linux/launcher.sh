#!/usr/bin/env bash
# Assay's launcher in the Linux app-image and packages (installed as bin/assay by the packager).
#
# It replaces jpackage's native launcher, which asks rpm and dpkg at every start which package it
# belongs to (`rpm -qf`, `dpkg -S`: 0.2 s here, more on a desktop with thousands of packages), and
# starts the bundled Java runtime with the class path and JVM options of lib/app/<name>.cfg, the
# file jpackage wrote and the AOT cache was trained with. No other process is started.
self="$(readlink -f "${BASH_SOURCE[0]}")" || exit 3
root="${self%/*/*}"
app="$root/lib/app"
cfg="$app/${self##*/}.cfg"
if [[ ! -r "$cfg" ]]; then
  echo "assay: $cfg is missing; reinstall Assay" >&2
  exit 3
fi

classpath=""
main=""
options=()
while IFS= read -r line || [[ -n "$line" ]]; do
  case "$line" in
    app.classpath=*)
      entry="${line#app.classpath=}"
      classpath="${classpath:+$classpath:}${entry//\$APPDIR/$app}"
      ;;
    app.mainclass=*) main="${line#app.mainclass=}" ;;
    java-options=*)
      option="${line#java-options=}"
      options+=("${option//\$APPDIR/$app}")
      ;;
  esac
done <"$cfg"

exec "$root/lib/runtime/bin/java" "-Djpackage.app-path=$self" "${options[@]}" \
  -cp "$classpath" "$main" "$@"
