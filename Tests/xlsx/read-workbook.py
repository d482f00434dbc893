#!/usr/bin/env python3
"""An independent reader of groundwork.xlsx (openpyxl), for the tests and the LibreOffice check.

  read-workbook.py dump WORKBOOK
      Every sheet as JSON on stdout: its name, frozen cell, autofilter, column widths and rows;
      each cell null or {"v": value (the cached value of a formula), "f": formula or null,
      "fmt": number format}.
  read-workbook.py compare WORKBOOK DIR [--sheets NAME,NAME...]
      Compares every sheet of an English workbook with DIR/NAME.csv (a sheet NAME (2) continues
      NAME): the header exactly; a text column (scenario, county, item, payer, measure,
      parameter, target) as the same text; every other cell a number equal to the CSV's, to
      the cent for an amount (two decimals), exactly for an integer, within 1e-12 (relative)
      for a decimal; an empty CSV field an empty cell. Values are the cached ones (a
      workbook recalculated by LibreOffice holds its own results there). Prints what it
      checked; exits 1 on the first 20 differences.
"""
import csv
import json
import os
import re
import sys

try:
    import openpyxl
except ImportError:
    sys.stderr.write("read-workbook.py: openpyxl is not installed: run `bash .ci/setup` "
                     "(it makes .build/venv with openpyxl) and use .build/venv/bin/python3\n")
    sys.exit(3)

TEXT_COLUMNS = {"scenario", "county", "item", "payer", "measure", "parameter", "target"}
CONTINUATION = re.compile(r"^(.*) \((\d+)\)$")


def dump(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    sheets = []
    for name in values.sheetnames:
        data, text = values[name], formulas[name]
        rows = []
        for value_row, formula_row in zip(data.iter_rows(), text.iter_rows()):
            cells = []
            for value_cell, formula_cell in zip(value_row, formula_row):
                formula = formula_cell.value if formula_cell.data_type == "f" else None
                if value_cell.value is None and formula is None:
                    cells.append(None)
                    continue
                value = value_cell.value
                if not isinstance(value, (int, float, str, bool)) and value is not None:
                    value = str(value)
                cells.append({"v": value, "f": formula, "fmt": value_cell.number_format,
                              "t": "s" if isinstance(value, str) else "n"})
            rows.append(cells)
        widths = {key: dim.width for key, dim in text.column_dimensions.items() if dim.width}
        charts = len(getattr(text, "_charts", []))
        sheets.append({"name": name, "freeze": text.freeze_panes, "autofilter": text.auto_filter.ref,
                       "widths": widths, "charts": charts, "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


def cents(text):
    match = re.fullmatch(r"(-?)(\d+)\.(\d\d)", text)
    if not match:
        return None
    value = int(match.group(2)) * 100 + int(match.group(3))
    return -value if match.group(1) else value


def same(text, value, column):
    """Whether cell `value` is the CSV field `text` of column `column`; else why not."""
    if text == "":
        return value is None or value == "", "expected an empty cell"
    if column in TEXT_COLUMNS:
        return isinstance(value, str) and value == text, "expected the text %r" % text
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False, "expected a number for %r" % text
    amount = cents(text)
    if amount is not None:
        return round(value * 100) == amount, "expected %s to the cent" % text
    if re.fullmatch(r"-?\d+", text):
        return value == int(text), "expected the integer %s" % text
    expected = float(text)
    return abs(value - expected) <= 1e-12 * max(1.0, abs(expected)), "expected %s" % text


def compare(path, directory, only):
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    parts = {}
    for name in book.sheetnames:
        match = CONTINUATION.match(name)
        base, number = (match.group(1), int(match.group(2))) if match else (name, 1)
        parts.setdefault(base, []).append((number, name))
    problems, checked, sheets = [], 0, 0
    for base in sorted(parts):
        csv_path = os.path.join(directory, base + ".csv")
        if (only and base not in only) or not os.path.exists(csv_path):
            continue
        with open(csv_path, newline="", encoding="utf-8-sig") as handle:
            records = list(csv.reader(handle))
        header, expected = records[0], records[1:]
        got = []
        for _, name in sorted(parts[base]):
            rows = list(book[name].iter_rows(values_only=True))
            if not rows or [str(v) for v in rows[0][:len(header)]] != header:
                problems.append("%s: header %r, the CSV's %r" % (name, rows[0] if rows else None, header))
            got += [(name, index + 2, row) for index, row in enumerate(rows[1:])]
            sheets += 1
        if len(got) != len(expected):
            problems.append("%s: %d rows, %s has %d" % (base, len(got), base + ".csv", len(expected)))
        for (name, line, row), record in zip(got, expected):
            for column, text in enumerate(record):
                value = row[column] if column < len(row) else None
                ok, why = same(text, value, header[column])
                checked += 1
                if not ok:
                    problems.append("%s!%s%d (%s): %r, %s" % (
                        name, openpyxl.utils.get_column_letter(column + 1), line, header[column], value, why))
    if only and not sheets:
        problems.append("none of the sheets %s is in %s" % (", ".join(sorted(only)), path))
    for problem in problems[:20]:
        print("DIFFERENT " + problem)
    print("read-workbook: %d cells of %d sheets compared with %s: %s" % (
        checked, sheets, directory, "%d differences" % len(problems) if problems else "all equal"))
    return 1 if problems else 0


def main(arguments):
    if len(arguments) >= 2 and arguments[0] == "dump":
        dump(arguments[1])
        return 0
    if len(arguments) >= 3 and arguments[0] == "compare":
        only = set()
        if len(arguments) == 5 and arguments[3] == "--sheets":
            only = set(arguments[4].split(","))
        return compare(arguments[1], arguments[2], only)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
