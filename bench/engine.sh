# The engine of a benchmark that runs on either (bench/search/run.sh, bench/queues/run.sh), sourced with the script's
# arguments: `--engine sqlite|postgres` (or `--engine=…`) sets ENGINE, default sqlite; anything else exits 64.
ENGINE=sqlite
case ${1:-} in
  --engine) ENGINE=${2:-} ;;
  --engine=*) ENGINE=${1#--engine=} ;;
  "") ;;
  *) echo "bench: unknown argument '$1' (--engine sqlite|postgres)" >&2; exit 64 ;;
esac
[[ $ENGINE == sqlite || $ENGINE == postgres ]] || { echo "bench: --engine sqlite or postgres" >&2; exit 64; }
