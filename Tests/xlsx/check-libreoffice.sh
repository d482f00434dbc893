#!/usr/bin/env bash
# Tests/xlsx/check-libreoffice.sh ENGINE [PNG_DIR]
# Tests/xlsx/check-libreoffice.sh --workbook WORKBOOK CSV_DIR
#
# groundwork.xlsx recalculated by another spreadsheet: runs ENGINE with --xlsx on the Nanyang
# baseline, the risk scenario and any cost-sharing scenario in scenarios/, sets every cached
# formula result of each workbook to 0, lets headless LibreOffice open it with "recalculate on
# load: always" (a throwaway profile) and save it again, and checks with openpyxl that every
# recalculated summary, funding and headline cell equals summary.csv, funding.csv and
# headline.csv to the cent. Zeroing the cached results first makes sure the numbers compared
# are LibreOffice's own, not the ones groundwork wrote.
#
# It also renders each workbook's charts sheet to PNG_DIR/SCENARIO-charts.png (and the
# baseline's in Chinese to nanyang-baseline-zh-charts.png), through LibreOffice's PDF export
# and pdftoppm, for a person to look at. PNG_DIR defaults to .build/xlsx-png.
#
# With --workbook, only the recalculation check, of one workbook against the CSV files in
# CSV_DIR (the Swift tests use it on the workbook of MODEL.md's example-funding).
#
# Installs libreoffice-calc and poppler-utils when missing; exits 77 (skipped) with a loud
# message only when LibreOffice cannot be installed.
set -euo pipefail

usage() {
  echo "usage: $0 ENGINE [PNG_DIR] | $0 --workbook WORKBOOK CSV_DIR" >&2
  exit 2
}
[ $# -ge 1 ] || usage
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
repository=$(cd "$(dirname "$0")/../.." && pwd)
single=""
if [ "$1" = "--workbook" ]; then
  [ $# -eq 3 ] || usage
  single=$(absolute "$2")
  single_csv=$(cd "$3" && pwd)
else
  engine=$(absolute "$1")
  png_dir=${2:-$repository/.build/xlsx-png}
  mkdir -p "$png_dir"
  png_dir=$(cd "$png_dir" && pwd)
fi
cd "$repository"

install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=900 update -qq >/dev/null 2>&1 || true
  $sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq "$@" >/dev/null 2>&1
}
if ! command -v soffice >/dev/null 2>&1; then
  echo "check-libreoffice: installing libreoffice-calc" >&2
  if ! install libreoffice-calc || ! command -v soffice >/dev/null 2>&1; then
    echo "" >&2
    echo "check-libreoffice: *** SKIPPED: LibreOffice (libreoffice-calc) cannot be installed here ***" >&2
    echo "" >&2
    exit 77
  fi
fi
if [ -z "$single" ] && ! command -v pdftoppm >/dev/null 2>&1; then
  echo "check-libreoffice: installing poppler-utils (pdftoppm)" >&2
  install poppler-utils || { echo "check-libreoffice: cannot install poppler-utils" >&2; exit 1; }
fi
python=$repository/.build/venv/bin/python3
if ! "$python" -c 'import openpyxl' >/dev/null 2>&1; then
  bash .ci/setup
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/groundwork-libreoffice.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Recalculate formulas on load: always (0), for Excel 2007 and newer files.
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
soffice_run() {
  soffice -env:UserInstallation="file://$work/profile" --headless "$@" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log" >&2
    return 1
  }
}

# Every cached formula result of a workbook set to 0.
zero_cached() {
  "$python" - "$1" "$2" <<'PY'
import re, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
count = 0
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text, n = re.subn(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1<v>0</v>", data.decode("utf-8"))
            count += n
            data = text.encode("utf-8")
        zout.writestr(item, data)
print(count)
PY
}

# The charts sheet of a workbook as PNG: one PDF page per sheet, the page with the title.
render_charts() {
  local workbook=$1 title=$2 png=$3
  local folder=$work/pdf-$(basename "$png" .png)
  soffice_run --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
    --outdir "$folder" "$workbook"
  local pdf=$folder/$(basename "$workbook" .xlsx).pdf
  local pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for page in $(seq 1 "$pages"); do
    if pdftotext -f "$page" -l "$page" "$pdf" - | grep -qF "$title"; then
      pdftoppm -f "$page" -l "$page" -r 110 -png -singlefile "$pdf" "${png%.png}"
      echo "check-libreoffice: charts sheet (PDF page $page of $pages) -> $png"
      return 0
    fi
  done
  echo "check-libreoffice: no page of $pdf shows \"$title\"" >&2
  return 1
}

# Zeroes the cached results of WORKBOOK, has LibreOffice recalculate it and compares the
# summary, funding and headline sheets with the CSVs in DIR.
check_recalculated() {
  local workbook=$1 directory=$2 name=$3
  local zeroed sheets=summary,headline
  zeroed=$(zero_cached "$workbook" "$work/$name.xlsx")
  soffice_run --convert-to xlsx --outdir "$work/recalculated" "$work/$name.xlsx"
  [ -e "$directory/funding.csv" ] && sheets=summary,funding,headline
  echo "check-libreoffice: $name: $zeroed cached formula results set to 0, recalculated by LibreOffice:"
  "$python" Tests/xlsx/read-workbook.py compare "$work/recalculated/$name.xlsx" "$directory" --sheets "$sheets"
}

if [ -n "$single" ]; then
  check_recalculated "$single" "$single_csv" "$(basename "$single" .xlsx)"
  exit $?
fi

scenarios=(scenarios/nanyang-baseline.yaml scenarios/nanyang-risk.yaml)
for extra in scenarios/*cost-sharing*.yaml scenarios/*funding*.yaml; do
  [ -e "$extra" ] && scenarios+=("$extra")
done

failures=0
for scenario in "${scenarios[@]}"; do
  name=$(basename "$scenario" .yaml)
  out=$work/run-$name
  "$engine" run "$scenario" --out "$out" --xlsx --quiet
  check_recalculated "$out/groundwork.xlsx" "$out" "$name" || failures=$((failures + 1))
  render_charts "$out/groundwork.xlsx" "Yearly outlay by item" "$png_dir/$name-charts.png" \
    || failures=$((failures + 1))
done

"$engine" run scenarios/nanyang-baseline.yaml --out "$work/run-zh" --xlsx --lang zh --quiet
render_charts "$work/run-zh/groundwork.xlsx" "年度支出（分项目）" "$png_dir/nanyang-baseline-zh-charts.png" \
  || failures=$((failures + 1))

if [ "$failures" -gt 0 ]; then
  echo "check-libreoffice: $failures problem(s)" >&2
  exit 1
fi
echo "check-libreoffice: ${#scenarios[@]} workbooks recalculated by LibreOffice equal their CSVs; charts in $png_dir"
