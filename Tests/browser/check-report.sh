#!/usr/bin/env bash
# The HTML report in a real browser (issue 5): runs the Nanyang baseline, the risk scenario and
# the v1.2 scenarios (cost sharing, constant prices, the 2015 outturn) with --report, a sweep and
# a solve with --report (issue 11) and the cost-sharing scenario with --lang zh (issue 12),
# renders each report.html with headless Chromium to PNG, and checks that every chart drew
# something (png_regions.py: each chart's box must hold ink in several colours).
#
# Needs Debian's `chromium` and `fonts-noto-cjk` (so that Chinese county names render rather
# than empty boxes); installs them with apt-get when missing. When they cannot be installed
# (no apt-get, no network, not root and no sudo) it prints why and exits 77: skipped, which
# .ci/run does not count as a failure. Any other non-zero exit is a failure.
#
# Environment: GROUNDWORK = the groundwork binary to use (default: build it with
# `swift build --scratch-path ${SCRATCH:-.build}`); REPORT_CHECK_OUT = where the runs, the
# screenshots and a crop of each chart go (default: a new temporary directory; kept, and
# printed, so a person can look at them).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Tests/browser

skip() { echo "check-report: SKIPPED: $*" >&2; exit 77; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || skip "${missing[*]} missing and no apt-get to install them"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || skip "${missing[*]} missing; installing needs root or sudo"
    sudo="sudo -n"
  fi
  echo "check-report: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } \
    || skip "cannot install ${missing[*]} with apt-get (offline?)"
fi
command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
fc-list :lang=zh | grep -q . || { echo "check-report: FAIL: no font with Chinese glyphs after installing fonts-noto-cjk" >&2; exit 1; }

if [ -z "${GROUNDWORK:-}" ]; then
  scratch=${SCRATCH:-.build}
  swift build --product groundwork --scratch-path "$scratch" >&2
  GROUNDWORK="$(swift build --scratch-path "$scratch" --show-bin-path)/groundwork"
fi
out=${REPORT_CHECK_OUT:-$(mktemp -d -t groundwork-report-check.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# A copy of the page with a script that lists each chart's box (the report itself has none).
probe='<script>(function(){var c=[];document.querySelectorAll("figure.chart").forEach(function(f){var s=f.querySelector("svg");var r=s.getBoundingClientRect();var t=f.querySelector(".chart-title");c.push({id:f.id,title:t?t.textContent:"",x:r.left+window.scrollX,y:r.top+window.scrollY,width:r.width,height:r.height});});var p=document.createElement("pre");p.id="layout-probe";p.textContent=JSON.stringify({height:document.documentElement.scrollHeight,charts:c});document.body.appendChild(p);})();</script>'

chrome() { timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }

failures=0

# Renders DIR/report.html (NAME for the files in $out) and checks its EXPECTED charts.
render() {
  local name=$1 expected=$2 dir=$3
  local page="$dir/report.html"
  if grep -q 'http' "$page"; then
    echo "check-report: FAIL: $page refers to http(s) resources" >&2
    failures=$((failures + 1))
  fi
  sed "s|</body>|$probe</body>|" "$page" > "$out/$name-probe.html"
  chrome --window-size=1280,6000 --virtual-time-budget=3000 --dump-dom "file://$out/$name-probe.html" \
    | python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"layout-probe\">(.*?)</pre>", sys.stdin.read(), re.S); sys.stdout.write(html.unescape(m.group(1)) if m else "")' \
    > "$out/$name-layout.json"
  [ -s "$out/$name-layout.json" ] || { echo "check-report: FAIL: Chromium gave no layout for $page" >&2; failures=$((failures + 1)); return; }
  local height
  height=$(python3 -c 'import json,sys; print(max(6000, int(json.load(open(sys.argv[1]))["height"]) + 40))' "$out/$name-layout.json")
  chrome --window-size=1280,"$height" --virtual-time-budget=3000 --screenshot="$out/$name.png" "file://$page" >/dev/null
  mkdir -p "$out/$name-charts"
  echo "== $name: $out/$name.png (1280x$height)"
  python3 "$here/png_regions.py" "$out/$name.png" "$out/$name-layout.json" --crops "$out/$name-charts" --expect "$expected" \
    || failures=$((failures + 1))
}

# scenario file : charts expected. Baseline: 6, + 2 of who pays (funding.csv, every run); with
# uncertainty: + fan, breach probability, 2 tornados; with prices: + 1; with actuals: + planned
# against actual for each of the 2 closed years and the largest variances.
for entry in nanyang-baseline:8 nanyang-risk:12 nanyang-cost-sharing:8 nanyang-constant-prices:9 \
  nanyang-2015-outturn:11; do
  name=${entry%%:*}
  "$GROUNDWORK" run "scenarios/$name.yaml" --out "$out/$name" --report --quiet
  render "$name" "${entry##*:}" "$out/$name"
done

# Issue 11: a 2-D sweep (the breach-year heatmap, 21 x 13 cells) and a solve (the answer on the
# envelope chart): one chart each.
"$GROUNDWORK" sweep scenarios/nanyang-baseline.yaml --vary venues.unit_cost=150000:250000:5000 \
  --vary rural_income.growth=0.04:0.10:0.005 --out "$out/sweep" --report --quiet
render sweep 1 "$out/sweep"
cells=$(grep -o '<rect class="cell"' "$out/sweep/report.html" | wc -l)
[ "$cells" -eq 273 ] || { echo "check-report: FAIL: the sweep's heatmap has $cells cells, not 273" >&2; failures=$((failures + 1)); }
"$GROUNDWORK" solve scenarios/nanyang-venue-standard.yaml --vary venues.unit_cost=150000:400000:100 \
  --keep envelope --out "$out/solve" --report --quiet
render solve 1 "$out/solve"

# Issue 12: the cost-sharing report with --lang zh (8 charts, Chinese titles, items and levels).
# Its glyphs come from the page's first font, Noto Sans CJK SC (fonts-noto-cjk): it must be
# installed with Chinese coverage, or the titles would render as empty boxes.
"$GROUNDWORK" run scenarios/nanyang-cost-sharing.yaml --out "$out/zh" --report --lang zh --quiet
fc-list ':family=Noto Sans CJK SC:lang=zh' | grep -q . \
  || { echo "check-report: FAIL: Noto Sans CJK SC (the report's Chinese font) is not installed" >&2; failures=$((failures + 1)); }
render zh 8 "$out/zh"
if ! python3 -c 'import json,sys; t=[c["title"] for c in json.load(open(sys.argv[1]))["charts"]]; sys.exit(0 if t and all(any("\u4e00"<=ch<="\u9fff" for ch in x) for x in t) else 1)' "$out/zh-layout.json"; then
  echo "check-report: FAIL: a chart title of the zh report has no Chinese characters" >&2
  failures=$((failures + 1))
fi
echo "check-report: screenshots and chart crops in $out"
if [ "$failures" -gt 0 ]; then
  echo "check-report: FAIL ($failures)" >&2
  exit 1
fi
echo "check-report: ok"
