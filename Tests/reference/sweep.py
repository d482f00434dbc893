#!/usr/bin/env python3
"""Exact reference of Groundwork MODEL.md v1.2 section 10: `sweep` and `solve`, each grid point
being the deterministic run of reference.py on the scenario with the value written in.
usage: sweep.py sweep SCENARIO.yaml --vary PATH=LO:HI:STEP [--vary ...] --out DIR
       sweep.py solve SCENARIO.yaml --vary PATH=LO:HI:STEP --keep envelope|total<=AMOUNT [--smallest] --out DIR"""
import copy
import os
import re
import sys
import tempfile
from fractions import Fraction as F

import reference as ref
from reference import RefError, fmt_cents, fmt_exact

# the parameters a grid may vary (section 10: those section 7 lets be uncertain, the annual
# cap and the two price rates) and their range (section 3)
PARAMETERS = {
    'venues.unit_cost': 'amount', 'venues.cost_growth': 'rate', 'venues.upkeep_rate': 'rate',
    'venues.annual_cap': 'amount',
    'operating_funds.per_village': 'amount', 'operating_funds.growth': 'rate',
    'rural_income.value': 'amount', 'rural_income.growth': 'rate',
    'pay.secretary_monthly': 'amount', 'pay.income_multiple': 'amount', 'pay.basic_share': 'share',
    'pay.performance_payout': 'amount',
    'pay.ratios.secretary': 'amount', 'pay.ratios.director': 'amount', 'pay.ratios.other': 'amount',
    'pension.per_person': 'amount', 'pension.growth': 'rate',
    'pension.former.turnover': 'share', 'pension.former.exit': 'share',
    'pension.former.initial_per_village': 'amount',
    'cadres.per_village.secretary': 'amount', 'cadres.per_village.director': 'amount',
    'cadres.per_village.other': 'amount',
    'envelope.amount': 'amount',
    'prices.inflation': 'price_rate', 'prices.discount_rate': 'price_rate',
}
NUMBER = re.compile(r'^-?[0-9]+(\.[0-9]+)?$')


def in_range(kind, x):
    return {'amount': x >= 0, 'rate': x >= -1, 'share': 0 <= x <= 1, 'price_rate': x > -1}[kind]


class Grid:
    def __init__(self, text):
        self.text = text
        path, eq, rest = text.partition('=')
        parts = rest.split(':')
        if not eq or len(parts) != 3 or not all(NUMBER.match(p) for p in parts):
            raise RefError(f'--vary {text}: a grid is PATH=LO:HI:STEP, each number -?DIGITS(.DIGITS)?')
        if path not in PARAMETERS:
            raise RefError(f'--vary {text}: {path} cannot be varied')
        self.path = path
        self.lo, self.hi, self.step = (F(p) for p in parts)
        if self.step <= 0 or self.lo > self.hi:
            raise RefError(f'--vary {text}: STEP > 0 and LO <= HI')
        self.K = ((self.hi - self.lo) / self.step).__floor__()
        for x in (self.lo, self.value(self.K)):
            if not in_range(PARAMETERS[path], x):
                raise RefError(f'--vary {text}: {fmt_exact(x)} is outside the range of {path} ({PARAMETERS[path]})')

    def value(self, k):
        return self.lo + k * self.step

    def __len__(self):
        return self.K + 1


def with_value(sc, path, value):
    """The scenario with the value written in: it replaces the whole parameter (a year map
    becomes that constant; a price rate adds a `prices` section where there is none)."""
    sc = copy.deepcopy(sc)
    keys = path.split('.')
    cur = sc
    for k in keys[:-1]:
        if not isinstance(cur.get(k), dict):
            cur[k] = {}
        cur = cur[k]
    cur[keys[-1]] = value
    return sc


def point(sc, name, grids, values):
    for g, v in zip(grids, values):
        sc = with_value(sc, g.path, v)
    return ref.run(sc, name)['figures']


def figure_cells(fig):
    if fig['envelope']:
        env = [fmt_cents(fig['envelope_used']), fmt_cents(fig['envelope_remaining']),
               '' if fig['breach_year'] is None else fig['breach_year']]
    else:
        env = ['', '', '']
    return [fmt_cents(fig['total'])] + env


def write_out(out, fname, header, rows):
    os.makedirs(out, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out, prefix='.' + fname)
    os.close(fd)
    ref.write_csv(tmp, header, rows)
    os.replace(tmp, os.path.join(out, fname))


def check_envelope(sc, grids, keep):
    if 'envelope' not in sc:
        for g in grids:
            if g.path == 'envelope.amount':
                raise RefError(f'--vary {g.text}: the scenario has no envelope')
        if keep == 'envelope':
            raise RefError('--keep envelope: the scenario has no envelope')


def sweep(scenario, grids, out):
    sc, name = ref.load_scenario(scenario)
    check_envelope(sc, grids, None)
    paths = [g.path for g in grids]
    if len(set(paths)) != len(paths):
        raise RefError('a PATH is varied twice')
    n = 1
    for g in grids:
        n *= len(g)
    if n > 1_000_000:
        raise RefError(f'{n} combinations, at most 1,000,000')
    has_prices = 'prices' in sc or any(p.startswith('prices.') for p in paths)
    rows = []

    def rec(i, values):
        if i == len(grids):
            fig = point(sc, name, grids, values)
            row = [name] + [fmt_exact(v) for v in values] + figure_cells(fig) + [fig['venues_deferred']]
            if has_prices:
                row += [fmt_cents(fig['cumulative_real']), fmt_cents(fig['cumulative_pv'])]
            rows.append(row)
            return
        for k in range(len(grids[i])):
            rec(i + 1, values + [grids[i].value(k)])
    rec(0, [])
    header = ','.join(['scenario'] + paths + ['total', 'envelope_used', 'envelope_remaining', 'breach_year',
                                              'venues_deferred'] + (['total_real', 'total_pv'] if has_prices else []))
    write_out(out, 'sweep.csv', header, rows)


def solve(scenario, grid, keep, smallest, out):
    sc, name = ref.load_scenario(scenario)
    if keep == 'envelope':
        target = 'envelope'
        holds = lambda fig: fig['breach_year'] is None
    else:
        m = re.match(r'^total<=(-?[0-9]+(\.[0-9]+)?)$', keep.replace(' ', ''))
        if not m:
            raise RefError(f'--keep {keep}: `envelope` or `total<=AMOUNT`')
        amount = F(m.group(1))
        target = 'total<=' + fmt_exact(amount)
        holds = lambda fig: F(fig['total'], 100) <= amount
    check_envelope(sc, [grid], keep)
    memo = {}

    def at(k):
        if k not in memo:
            memo[k] = point(sc, name, [grid], [grid.value(k)])
        return memo[k]
    s, e = (grid.K, 0) if smallest else (0, grid.K)
    if not holds(at(s)):
        f = at(s)
        raise RefError(f'--keep {keep} fails at {grid.path}={fmt_exact(grid.value(s))}, the safe end of the grid '
                       f'(total {fmt_cents(f["total"])}, breach year {f["breach_year"] or "none"})')
    if holds(at(e)):
        ans, nxt = e, None
    else:
        lo, hi = s, e
        while abs(hi - lo) > 1:
            mid = (lo + hi) // 2
            if holds(at(mid)):
                lo = mid
            else:
                hi = mid
        ans, nxt = lo, hi
    row = [name, grid.path, target, fmt_exact(grid.value(ans))] + figure_cells(at(ans))
    if nxt is None:
        row += ['', '', '', '', '']
    else:
        row += [fmt_exact(grid.value(nxt))] + figure_cells(at(nxt))
    header = ('scenario,parameter,target,value,total,envelope_used,envelope_remaining,breach_year,'
              'next_value,next_total,next_envelope_used,next_envelope_remaining,next_breach_year')
    write_out(out, 'solve.csv', header, [row])


def main(argv):
    if not argv or argv[0] not in ('sweep', 'solve'):
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    grids, out, keep, smallest, files = [], None, None, False, []
    i = 0
    try:
        while i < len(args):
            a = args[i]
            if a in ('--vary', '--out', '--keep'):
                if i + 1 >= len(args):
                    raise RefError(f'{a} needs a value')
                v = args[i + 1]
                i += 2
                if a == '--vary':
                    grids.append(Grid(v))
                elif a == '--out':
                    out = v
                else:
                    keep = v
                continue
            if a == '--smallest':
                smallest = True
            elif a.startswith('--'):
                raise RefError(f'unknown option {a}')
            else:
                files.append(a)
            i += 1
        if len(files) != 1 or out is None or not grids:
            raise RefError('one SCENARIO.yaml, --vary and --out are needed')
        if cmd == 'sweep':
            if keep is not None or smallest:
                raise RefError('--keep and --smallest are options of solve')
            sweep(files[0], grids, out)
        else:
            if len(grids) != 1 or keep is None:
                raise RefError('solve takes one --vary and --keep')
            solve(files[0], grids[0], keep, smallest, out)
    except RefError as e:
        print(f'sweep.py: error: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
