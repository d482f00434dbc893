#!/usr/bin/env python3
"""Random scenario + portfolio generator. usage: gen.py N SEED OUTROOT [SETTINGS]
(SETTINGS 1: v1.1 scenarios; 2: v1.1 edge cases; 3: contract v1.2 - funding, prices, actuals)"""
import csv
import io
import json
import os
import random
import sys
from decimal import Decimal

ITEMS = ['venue_construction', 'venue_upkeep', 'operating_funds', 'cadre_pay_basic',
         'cadre_pay_performance', 'pension_topup']
NAMES = ['甲县', '乙县', '丙区', '南召县', 'Ash, West', 'Birch "B"', 'Cedar', '丁县', 'Elm']


def d(x):
    """decimal text"""
    s = format(Decimal(str(x)).normalize(), 'f')
    if '.' not in s:
        s += '.0' if random.random() < 0.3 else ''
    return s


def ymap(R, years, gen, scalar_prob=0.4):
    if not years or R.random() < scalar_prob:
        return gen()
    ks = sorted(R.sample(years, min(len(years), R.randint(1, 3))))
    return {k: gen() for k in ks}


def emit(v):
    if isinstance(v, dict):
        return '{' + ', '.join(f'{k}: {emit(x)}' for k, x in v.items()) + '}'
    if isinstance(v, list):
        return '[' + ', '.join(emit(x) for x in v) + ']'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, str):
        return v
    return str(v)


def build(R, n, mode=1):
    start = R.randint(1990, 2050)
    end = min(2060, start + R.randint(0, 24))
    if mode == 2 and R.random() < 0.15:
        end = start
    years = list(range(start, end + 1))
    wide = list(range(start - 6, end + 3))
    # portfolio
    counties = R.sample(NAMES, R.randint(2, 5))
    rows = []
    for c in counties:
        for g in range(R.randint(1, 4)):
            vil = R.choice([0, 1, 3, 7, 12, 25, 40, 55])
            need = R.randint(0, min(vil, 9))
            r = {'county': c, 'group': f'g{g}', 'villages': vil, 'venues_needed': need}
            for col in ['secretaries', 'directors', 'others']:
                r[col] = '' if R.random() < 0.5 else d(R.choice([vil, vil * 2, vil + 0.5, 3.5, 0, 11.25]))
            r['population'] = '' if R.random() < 0.5 else str(R.randint(0, 90000))
            rows.append(r)
    cols = ['county', 'group', 'villages', 'venues_needed', 'secretaries', 'directors', 'others', 'population']
    if R.random() < 0.3:
        R.shuffle(cols)
    if R.random() < 0.2:
        cols = [c for c in cols if c not in ('directors', 'population')]
    import csv, io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols])
    total_need = sum(r['venues_needed'] for r in rows)

    sc = {}
    sc['horizon'] = {'start': start, 'end': end}
    sc['portfolio'] = 'portfolio.csv'
    if R.random() < 0.3:
        sc['cadres'] = {'per_village': {k: d(R.choice([1, 2, 0.5, 3, 1.5])) for k in
                                        R.sample(['secretary', 'director', 'other'], R.randint(1, 3))}}
    v = {}
    if R.random() < 0.5:
        ys = R.sample(years, min(len(years), R.randint(1, 4)))
        sch = {y: 0 for y in sorted(ys)}
        for _ in range(total_need):
            sch[R.choice(ys)] += 1
        v['schedule'] = sch
    else:
        k = min(len(years), R.randint(1, 4))
        ys = sorted(R.sample(years, k))
        unit = R.choice([Decimal('0.05'), Decimal('0.1'), Decimal('0.125'), Decimal('0.25'), Decimal('0.2')])
        m = int(1 / unit)
        if m < k:
            unit = Decimal('0.05'); m = 20
        parts = [1] * k
        for _ in range(m - k):
            parts[R.randrange(k)] += 1
        v['shares'] = {y: d(p * unit) for y, p in zip(ys, parts)}
    if R.random() < 0.8:
        v['unit_cost'] = ymap(R, wide, lambda: d(R.choice([150000, 160000, 123456.5, 99999.99, 200001, 75000.25])))
    if R.random() < 0.7:
        v['cost_growth'] = ymap(R, wide, lambda: d(R.choice([0.03, 0.025, -0.01, 0.015, 0.005, 0, 0.1] + ([-1, 0, 0, 0] if mode == 2 else []))))
    if R.random() < 0.8:
        v['payment_profile'] = R.choice(([[0, 1.0], [0.0, 0.5, 0.5], [1]] if mode == 2 else []) + [[1.0], [0.7, 0.3], [0.5, 0.5], [0.25, 0.5, 0.25], [0.4, 0.35, 0.25], [0.6, 0.4], [0.333, 0.333, 0.334]])
    if R.random() < 0.6:
        v['upkeep_rate'] = ymap(R, wide, lambda: d(R.choice([0.015, 0.02, 0.0125, 0.005, 0.03])))
    if R.random() < 0.4 and total_need:
        pp0 = Decimal(str(v.get('payment_profile', [1.0])[0]))
        base = Decimal(160000) * pp0
        if mode == 2 and R.random() < 0.6:
            uc = Decimal(R.choice([150000, 160000, 100000]))
            v['unit_cost'] = int(uc)
            v.pop('cost_growth', None)
            pp0 = Decimal(str(v.get('payment_profile', [1.0])[0]))
            v['annual_cap'] = ymap(R, wide, lambda: d(uc * pp0 * R.choice([0, 1, 2, 3]) + (uc * (1 - pp0) * R.choice([0, 1, 2]) if R.random() < 0.5 else 0)))
        else:
            v['annual_cap'] = ymap(R, wide, lambda: d((base * Decimal(R.choice([0.8, 1, 1.5, 2, 2.5, 3, 4, 6]))).quantize(Decimal('1'))))
    if R.random() < 0.4:
        v['payer'] = R.choice(['city', 'county'])
    sc['venues'] = v

    o = {}
    if R.random() < 0.7:
        o['per_village'] = ymap(R, wide, lambda: d(R.choice([70000, 65000.5, 12345.67, 80000, 70000.005])))
    if R.random() < 0.7:
        o['growth'] = ymap(R, wide, lambda: d(R.choice([0.02, 0.015, 0.035, -0.005, 0.0125])))
    if R.random() < 0.7:
        o['start'] = R.choice([start - R.randint(1, 6), R.choice(years), end + R.randint(1, 3)])
    if R.random() < 0.2:
        o['payer'] = R.choice(['city', 'county'])
    if o:
        sc['operating_funds'] = o

    p = {}
    pstart = R.choice([start - R.randint(1, 8), R.choice(years), R.choice(years)] + ([end + 1, end + 3] if mode == 2 else []))
    p['start'] = pstart
    every = R.randint(1, 4)
    p['adjust_every'] = every
    base_year = pstart - R.randint(0, 5) if R.random() < 0.8 else pstart + every - 1 - R.randint(0, every - 1)
    ri = {'base_year': base_year, 'value': d(R.choice([13200, 13206, 12006, 10000.5, 9999, 15000, 13218, 12600]))}
    ywide = list(range(base_year, end + 2))
    if R.random() < 0.8:
        ri['growth'] = ymap(R, list(range(base_year - 3, end + 2)), lambda: d(R.choice([0.09, 0.07, 0.08, 0.05, 0.1, 0.125, 0.06])))
    if R.random() < 0.4 and ywide:
        ks = sorted(R.sample(ywide, min(len(ywide), R.randint(1, 3))))
        if mode == 2:
            ks = sorted(set(ks) | {y for y in ywide if (y - pstart + 1) % every == 0 and y >= pstart and R.random() < 0.5})
        ri['values'] = {k: d(R.choice([15800, 15006, 18018, 20010, 16000.5, 17994])) for k in ks}
    sc['rural_income'] = ri
    if R.random() < 0.7:
        p['secretary_monthly'] = d(R.choice([1100, 1000, 1250, 1105, 999.5, 1101]))
    if R.random() < 0.4:
        p['income_multiple'] = d(R.choice([1.0, 1.2, 1.5, 0.9, 2]))
    if R.random() < 0.5:
        p['ratios'] = {k: d(R.choice([1.0, 0.8, 0.7, 0.75, 0.85, 0.9, 0.65, 0.55])) for k in
                       R.sample(['secretary', 'director', 'other'], R.randint(1, 3))}
    if R.random() < 0.4:
        p['basic_share'] = d(R.choice([0.7, 0.6, 0.75, 0.5, 0.65]))
    if R.random() < 0.6:
        p['performance_payout'] = ymap(R, wide, lambda: d(R.choice([1.0, 0.85, 0.9, 1.1, 0.5, 0.95])))
    p['round_to'] = d(R.choice([1, 5, 10, 0.5]))
    if R.random() < 0.2:
        p['payer'] = R.choice(['city', 'county'])
    sc['pay'] = p

    pe = {}
    if R.random() < 0.7:
        pe['per_person'] = ymap(R, wide, lambda: d(R.choice([1000, 1200, 999.5, 1000.25, 850])))
    if R.random() < 0.7:
        pe['growth'] = ymap(R, wide, lambda: d(R.choice([0.03, 0.025, 0.05, 0.015])))
    if R.random() < 0.6:
        pe['start'] = R.choice([start - R.randint(1, 6), R.choice(years), end + 1])
    if R.random() < 0.6:
        pe['former'] = {'covered': R.random() < 0.8, 'turnover': d(R.choice([0.06, 0.05, 0.1, 0.125])),
                        'exit': d(R.choice([0.04, 0.05, 0.1, 0.2])), 'initial_per_village': d(R.choice([0.5, 1, 0.25, 2]))}
    if R.random() < 0.2:
        pe['payer'] = R.choice(['city', 'county'])
    if pe:
        sc['pension'] = pe

    if R.random() < 0.6:
        e = {'amount': d(R.choice([4300000, 1e6, 50000000, 123456789.125, 2500000.5, 20000000]))}
        if R.random() < 0.5:
            a = R.choice(years); b = R.choice(years)
            e['from'], e['to'] = min(a, b), max(a, b)
        elif R.random() < 0.3:
            e['to'] = R.choice(years)
        if R.random() < 0.6:
            e['items'] = R.sample(ITEMS, R.randint(1, 6))
        if R.random() < 0.6:
            e['payer'] = R.choice(['city', 'county', 'both'])
        sc['envelope'] = e

    text = buf.getvalue()
    if mode == 2:
        if R.random() < 0.3:
            text = text.replace('\n', '\r\n')
        if R.random() < 0.3:
            text = '\ufeff' + text
        if R.random() < 0.3:
            text = text.replace('\n', '\n\n', 2)
        if R.random() < 0.3:
            text = text.replace(',12,', ', 12 ,')
    return sc, text, counties, years


def make(R, n, mode=1):
    """-> (scenario YAML, portfolio CSV, {other relative path: text})"""
    if mode == 3:
        return make3(R, n)
    sc, text, _, _ = build(R, n, mode)
    lines = [f'name: case{n}']
    for k, val in sc.items():
        if isinstance(val, dict):
            lines.append(f'{k}:')
            for kk, vv in val.items():
                lines.append(f'  {kk}: {emit(vv)}')
        else:
            lines.append(f'{k}: {emit(val)}')
    return '\n'.join(lines) + '\n', text, {}


# ---------------------------------------------------------------- SETTINGS 3: contract v1.2
# Funding shares by level (share maps with zero shares, levels in any written order, ties of
# the split), per-county overrides, envelope payer filters (a level, a list, all, both), prices
# (base year inside, before or after the horizon; year-map rates), actuals CSV files and
# extends (share maps replaced whole, null removing inherited sections). Built on top of a
# SETTINGS 1 or 2 scenario, so modes 1 and 2 draw exactly what they drew before.

LEVELS = ['central', 'province', 'city', 'county']
SECTIONS = ['venues', 'operating_funds', 'pay', 'pension']
SHARE_PRESETS = [
    {'province': '0.4', 'city': '0.35', 'county': '0.25'},
    {'central': '0.3', 'province': '0.5', 'county': '0.2'},
    {'city': '0.5', 'county': '0.5'},
    {'province': '0.5', 'county': '0.5'},
    {'central': '0', 'city': '0.6', 'county': '0.4'},
    {'central': '0.35', 'province': '0.4', 'county': '0.25'},
    {'central': '0.25', 'province': '0.25', 'city': '0.25', 'county': '0.25'},
    {'city': '1.0'},
    {'county': '1', 'province': '0'},
    {'central': '0.333', 'province': '0.333', 'city': '0.334'},
    {'central': '0.125', 'province': '0.375', 'city': '0.5', 'county': '0.0'},
    {'central': '0.6', 'county': '0.4'},
    {'province': '0.1', 'city': '0.2', 'county': '0.7'},
]


class Q(str):
    """a text scalar written double-quoted (county names)"""


def emit3(v):
    if v is None:
        return 'null'
    if isinstance(v, Q):
        return json.dumps(str(v), ensure_ascii=False)
    if isinstance(v, dict):
        return '{' + ', '.join(f'{emit3(k)}: {emit3(x)}' for k, x in v.items()) + '}'
    if isinstance(v, list):
        return '[' + ', '.join(emit3(x) for x in v) + ']'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    return str(v)


def yaml3(sc, name, first=()):
    lines = [f'name: {name}'] + list(first)
    for k, val in sc.items():
        if isinstance(val, dict) and val:
            lines.append(f'{k}:')
            for kk, vv in val.items():
                lines.append(f'  {emit3(kk)}: {emit3(vv)}')
        else:
            lines.append(f'{k}: {emit3(val)}')
    return '\n'.join(lines) + '\n'


def share_map(R):
    if R.random() < 0.5:
        m = dict(R.choice(SHARE_PRESETS))
    else:
        levels = R.sample(LEVELS, R.randint(1, 4))
        unit = 10 ** R.choice([1, 2, 2, 3, 4])
        cuts = sorted(R.randint(0, unit) for _ in range(len(levels) - 1))
        parts = [b - a for a, b in zip([0] + cuts, cuts + [unit])]
        m = {lv: d(Decimal(p) / Decimal(unit)) for lv, p in zip(levels, parts)}
    items = list(m.items())
    if R.random() < 0.4:
        R.shuffle(items)
    return dict(items)


def payer3(R):
    return R.choice(LEVELS) if R.random() < 0.35 else share_map(R)


def envelope_payer(R):
    r = R.random()
    if r < 0.3:
        return R.choice(LEVELS)
    if r < 0.7:
        return R.sample(LEVELS, R.randint(1, 4))
    return 'all' if r < 0.85 else 'both'


def prices3(R, start, end):
    if R.random() < 0.1:
        return {}
    p = {}
    r = R.random()
    if r < 0.45:
        p['base_year'] = R.randint(start, end)
    elif r < 0.75:
        p['base_year'] = start - R.randint(1, 10)
    elif r < 0.85:
        p['base_year'] = end + R.randint(1, 5)
    lo, hi = min(start, p.get('base_year', start)) - 3, max(end, p.get('base_year', start)) + 3
    span = list(range(lo, hi + 1))
    if R.random() < 0.85:
        p['inflation'] = ymap(R, span, lambda: d(R.choice([0.021, 0.026, 0.03, -0.01, 0, 0.05, 0.125, 0.015])))
    if R.random() < 0.8:
        p['discount_rate'] = ymap(R, span, lambda: d(R.choice([0.04, 0.03, 0.05, 0.1, 0, -0.02, 0.035, 0.0275])))
    items = list(p.items())
    R.shuffle(items)
    return dict(items)


def amount_text(R):
    whole = R.choice([0, R.randint(0, 999), R.randint(1000, 99999), R.randint(100000, 9999999),
                      R.randint(1000000, 60000000)])
    r = R.random()
    if r < 0.3:
        s = str(whole)
    elif r < 0.4:
        s = f'{whole}.'
    elif r < 0.65:
        s = f'{whole}.{R.randint(0, 9)}'
    else:
        s = f'{whole}.{R.randint(0, 99):02d}'
    if R.random() < 0.08:
        s = ' ' + s + ' '
    return s


def actuals3(R, counties, start, through):
    listed = counties if R.random() < 0.5 else R.sample(counties, R.randint(0, len(counties)))
    skip = set(R.sample(ITEMS, R.randint(0, 3)))
    keep = R.choice([0.3, 0.7, 1.0])
    cells = [(c, y, it) for c in counties for y in range(start, through + 1) for it in ITEMS
             if c in listed and it not in skip and R.random() < keep]
    if R.random() < 0.08:
        cells = []
    if R.random() < 0.5:
        R.shuffle(cells)
    cols = ['county', 'year', 'item', 'amount'] + (['note'] if R.random() < 0.6 else [])
    if R.random() < 0.4:
        R.shuffle(cols)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(cols)
    notes = ['', '', '', 'arrears of 2014', 'finished at 96.5%, site works', 'one "dearer" venue',
             '含欠款', 'two\nlines']
    for c, y, it in cells:
        r = {'county': c, 'year': y, 'item': it, 'amount': amount_text(R), 'note': R.choice(notes)}
        w.writerow([r[k] for k in cols])
    text = buf.getvalue()
    if R.random() < 0.2:
        text = text.replace('\n', '\r\n')
    if R.random() < 0.2:
        text = '\ufeff' + text
    if R.random() < 0.15:
        text = text + '\n'
    return text


def make3(R, n):
    base_mode = 2 if R.random() < 0.35 else 1
    sc, text, counties, years = build(R, n, base_mode)
    start, end = years[0], years[-1]
    files = {}
    for sec in SECTIONS:
        if R.random() < 0.55:
            sc.setdefault(sec, {})['payer'] = payer3(R)
    if R.random() < 0.55:
        fc = {}
        for c in R.sample(counties, R.randint(1, min(3, len(counties)))):
            fc[Q(c)] = {s: payer3(R) for s in R.sample(SECTIONS, R.randint(1, 3))}
        sc['funding'] = {'counties': fc}
    if 'envelope' in sc:
        if R.random() < 0.8:
            sc['envelope']['payer'] = envelope_payer(R)
    elif R.random() < 0.4:
        sc['envelope'] = {'amount': d(R.choice([4300000, 55250000, 1e6, 20000000.5])), 'payer': envelope_payer(R)}
    if R.random() < 0.55:
        sc['prices'] = prices3(R, start, end)
    if R.random() < 0.6:
        through = R.choice([start, start, start + 1, R.randint(start, end)])
        through = min(through, end)
        path = R.choice(['actuals.csv', 'data/actuals.csv'])
        sc['actuals'] = {'file': path, 'through': through} if R.random() < 0.5 else {'through': through, 'file': path}
        files[path] = actuals3(R, counties, start, through)
    if R.random() < 0.3:
        # the scenario becomes a parent in parent/base.yaml, and a what-if extends it
        base = sc
        base['portfolio'] = '../portfolio.csv'
        if 'actuals' in base:
            base['actuals']['file'] = '../' + base['actuals']['file']
        child = {}
        if R.random() < 0.5:
            base['venues']['payer'] = share_map(R)
            child['venues'] = {'payer': payer3(R)}
        if 'funding' in base and R.random() < 0.6:
            c = R.choice(list(base['funding']['counties']))
            sec = R.choice(list(base['funding']['counties'][c]))
            child['funding'] = {'counties': {c: {sec: payer3(R)}}}
        elif R.random() < 0.3:
            child['funding'] = {'counties': {Q(R.choice(counties)): {R.choice(SECTIONS): payer3(R)}}}
        if 'envelope' in base:
            r = R.random()
            if r < 0.25:
                child['envelope'] = None
            elif r < 0.55:
                child['envelope'] = {'payer': envelope_payer(R)}
        if 'prices' in base:
            r = R.random()
            if r < 0.25:
                child['prices'] = None
            elif r < 0.5:
                child['prices'] = {'discount_rate': d(R.choice([0.04, 0.06]))}
        elif R.random() < 0.3:
            child['prices'] = {'inflation': d(R.choice([0.02, 0.03]))}
        if 'actuals' in base and R.random() < 0.3:
            child['actuals'] = None
        if 'annual_cap' in base['venues'] and R.random() < 0.4:
            child.setdefault('venues', {})['annual_cap'] = R.choice([None, '~'])
        if R.random() < 0.3:
            child['operating_funds'] = {'growth': ymap(R, list(range(start - 2, end + 2)),
                                                       lambda: d(R.choice([0.01, 0.03])), 0)}
        files['parent/base.yaml'] = yaml3(base, 'base')
        return yaml3(child, f'case{n}', ['extends: parent/base.yaml', 'portfolio: portfolio.csv']
                     if R.random() < 0.3 else ['extends: parent/base.yaml']), text, files
    return yaml3(sc, f'case{n}'), text, files


def main():
    N, seed, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    for i in range(N):
        R = random.Random(seed * 100000 + i)
        random.seed(seed * 100000 + i + 7)
        y, c, extra = make(R, i, int(sys.argv[4]) if len(sys.argv) > 4 else 1)
        dd = os.path.join(root, str(i))
        os.makedirs(dd, exist_ok=True)
        open(os.path.join(dd, 'case.yaml'), 'w').write(y)
        open(os.path.join(dd, 'portfolio.csv'), 'w').write(c)
        for rel, text in extra.items():
            os.makedirs(os.path.dirname(os.path.join(dd, rel)), exist_ok=True)
            with open(os.path.join(dd, rel), 'w', encoding='utf-8', newline='') as f:
                f.write(text)


if __name__ == '__main__':
    main()
