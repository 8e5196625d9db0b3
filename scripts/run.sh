#!/bin/sh
# make run: create a demo register under ./var if there is none, then show how
# to use it. (The web server arrives with the web issue; until then this stops
# after the register is ready.)
set -e
khipu=${1:-build/khipu}
db=${KHIPU_DB:-var/khipu.db}
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

Try:
  $khipu case list --as demo-prosecutor --limit 10
  $khipu case show 1 --as demo-prosecutor
  $khipu case show 1 --as demo-prosecutor --reveal
  $khipu case show 1 --as demo-analyst
  $khipu person search --as demo-prosecutor --name "quispe mamani"
  $khipu audit verify
  $khipu --help
MSG
