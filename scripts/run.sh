#!/bin/sh
# make run: create a demo register under ./var if there is none, then serve
# it on the web (KHIPU_LISTEN, default 127.0.0.1:8080) until Ctrl-C.
set -e
khipu=${1:-build/khipu}
db=${KHIPU_DB:-var/khipu.db}
listen=${KHIPU_LISTEN:-127.0.0.1:8080}
export KHIPU_DB="$db"
if [ ! -f "$db" ]; then
	mkdir -p "$(dirname "$db")"
	"$khipu" init
	"$khipu" demo --cases "${KHIPU_DEMO_CASES:-2000}" --seed 1 --password khipu-demo-2024
fi
cat <<MSG

Khipu register ready: $db (key file $db.key)
The data is synthetic. Users demo-admin, demo-prosecutor, demo-police,
demo-analyst, demo-auditor, demo-liaison; password khipu-demo-2024.

On the command line, try:
  $khipu case list --as demo-prosecutor --limit 10
  $khipu case show 1 --as demo-prosecutor --reveal
  $khipu person search --as demo-prosecutor --name "kispe uaman"     # approximate: Quispe Huamán
  $khipu token create --as demo-prosecutor     # a bearer token for /api/v1
  $khipu --help

In a browser: http://$listen/
  sign in as demo-prosecutor (or demo-analyst, demo-auditor, demo-admin...)
  with the password khipu-demo-2024; English with ?lang=en.
Serving now; Ctrl-C stops the server.
MSG
exec "$khipu" serve --listen "$listen"
