#!/usr/bin/env python3
"""Random scenario + portfolio generator. usage: gen.py N SEED OUTROOT [SETTINGS]  (SETTINGS 2: edge cases)"""
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


def make(R, n, mode=1):
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

    lines = [f'name: case{n}']
    for k, val in sc.items():
        if isinstance(val, dict):
            lines.append(f'{k}:')
            for kk, vv in val.items():
                lines.append(f'  {kk}: {emit(vv)}')
        else:
            lines.append(f'{k}: {emit(val)}')
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
    return '\n'.join(lines) + '\n', text


def main():
    N, seed, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    for i in range(N):
        R = random.Random(seed * 100000 + i)
        random.seed(seed * 100000 + i + 7)
        y, c = make(R, i, int(sys.argv[4]) if len(sys.argv) > 4 else 1)
        dd = os.path.join(root, str(i))
        os.makedirs(dd, exist_ok=True)
        open(os.path.join(dd, 'case.yaml'), 'w').write(y)
        open(os.path.join(dd, 'portfolio.csv'), 'w').write(c)


if __name__ == '__main__':
    main()
