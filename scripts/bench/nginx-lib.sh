# Shared by the benchmark scripts: start nginx serving $work/www on 127.0.0.1-127.0.0.16:$port
# (loopback only), with ETags (or the server directives given as $3) and long keep-alive. Installs nginx-light when it is missing.
start_nginx() {
  local work="$1" port="$2" extra="${3:-etag on;}" listens=""
  command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
  mkdir -p "$work/logs"
  for i in $(seq 1 16); do listens="$listens listen 127.0.0.$i:$port;"; done
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/logs/error.log;
pid $work/nginx.pid;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 60s; default_type application/rss+xml;
  server { $listens root $work/www; $extra } }
CONF
  nginx -p "$work" -c "$work/nginx.conf"
}

stop_nginx() { nginx -p "$1" -c "$1/nginx.conf" -s stop 2>/dev/null || true; }

# The feedwatch to measure: $FEEDWATCH_BIN (e.g. an older commit's build, for a before/after in one
# run), else this checkout's release build. Sets $bin.
feedwatch_bin() {
  if [ -n "${FEEDWATCH_BIN:-}" ]; then bin="$FEEDWATCH_BIN"; else
    bin="$("$(dirname "${BASH_SOURCE[0]}")/../build-release.sh" 2>/dev/null)"
  fi
}
