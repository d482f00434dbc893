#!/usr/bin/env python3
"""Independent exact-arithmetic reference of Groundwork MODEL.md v1.1 sections 4.1-4.5, 5, 8
(deterministic outputs only).  usage: reference.py SCENARIO.yaml... --out DIR"""
import csv
import io
import os
import sys
from fractions import Fraction as F

import yaml

ITEMS = ['venue_construction', 'venue_upkeep', 'operating_funds', 'cadre_pay_basic',
         'cadre_pay_performance', 'pension_topup']
ROLES = ['secretary', 'director', 'other']
HEAD_COLS = {'secretary': 'secretaries', 'director': 'directors', 'other': 'others'}


class ExactLoader(yaml.SafeLoader):
    pass


def _float(loader, node):
    s = loader.construct_scalar(node).replace('_', '')
    return F(s)


ExactLoader.add_constructor('tag:yaml.org,2002:float', _float)


def is_yearmap(v):
    return isinstance(v, dict) and v and all(isinstance(k, int) and not isinstance(k, bool) for k in v)


def merge(parent, child):
    out = dict(parent)
    for k, v in child.items():
        if isinstance(v, dict) and not is_yearmap(v) and isinstance(out.get(k), dict) and not is_yearmap(out[k]):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
        if k == 'schedule':
            out.pop('shares', None)
        if k == 'shares':
            out.pop('schedule', None)
    return out


def strip_nulls(d):
    if isinstance(d, dict):
        return {k: strip_nulls(v) for k, v in d.items() if v is not None}
    return d


def load(path, seen=()):
    path = os.path.abspath(path)
    with open(path, encoding='utf-8') as f:
        d = yaml.load(f, Loader=ExactLoader) or {}
    base = os.path.dirname(path)
    if 'portfolio' in d and d['portfolio'] is not None:
        d['portfolio'] = os.path.join(base, d['portfolio'])
    if d.get('extends'):
        parent = load(os.path.join(base, d['extends']), seen + (path,))
        parent.pop('name', None)
        d = merge(parent, d)
    return d


def num(v):
    if isinstance(v, F):
        return v
    return F(v)


def mapval(m, y):
    if not isinstance(m, dict):
        return num(m)
    ks = sorted(m)
    val = m[ks[0]]
    for k in ks:
        if k <= y:
            val = m[k]
    return num(val)


def get(d, path, default):
    cur = d
    for p in path.split('.'):
        if not isinstance(cur, dict) or p not in cur or cur[p] is None:
            return default
        cur = cur[p]
    return cur


STATS = {}


def stat(k):
    STATS[k] = STATS.get(k, 0) + 1


def round_half_away(x, unit, tag=None):
    q = x / unit
    if tag and q.denominator == 2:
        stat(tag)
    n = (abs(q) + F(1, 2)).__floor__()
    return (n if q >= 0 else -n) * unit


def cents(x):
    """exact Fraction -> integer cents, half away from zero"""
    return int(round_half_away(F(x), F(1, 100), 'cent_tie') * 100)


def fmt_cents(c):
    s = '-' if c < 0 else ''
    c = abs(c)
    return f"{s}{c // 100}.{c % 100:02d}"


def fmt_income(x):
    v = round_half_away(x, F(1, 10**6))
    c = int(v * 10**6)
    s = '-' if c < 0 else ''
    c = abs(c)
    whole, frac = divmod(c, 10**6)
    fs = f"{frac:06d}".rstrip('0')
    return f"{s}{whole}" + (f".{fs}" if fs else '')


def read_portfolio(path, cadres):
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        if all((v or '').strip() == '' for v in r.values()):
            continue
        vil = int(r['villages'].strip())
        row = {'county': r['county'], 'villages': vil, 'need': int(r['venues_needed'].strip())}
        for role in ROLES:
            c = HEAD_COLS[role]
            v = (r.get(c) or '').strip()
            row[role] = F(v) if v != '' else vil * num(cadres[role])
        out.append(row)
    return out


def hamilton(total, weights, order_earlier_first=True):
    """weights: list of Fractions summing to 1; ties to earlier index"""
    quotas = [total * w for w in weights]
    fl = [q.__floor__() for q in quotas]
    left = total - sum(fl)
    idx = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - fl[i]), i))
    if 0 < left < len(weights) and quotas[idx[left - 1]] - fl[idx[left - 1]] == quotas[idx[left]] - fl[idx[left]]:
        stat('hamilton_tie')
    for i in idx[:left]:
        fl[i] += 1
    return fl


def allocate(n, remaining):
    R = sum(remaining)
    if n == 0:
        return [0] * len(remaining)
    assert R >= n, (n, R)
    base = [n * r // R for r in remaining]
    rem = [n * r % R for r in remaining]
    left = n - sum(base)
    idx = sorted(range(len(remaining)), key=lambda i: (-rem[i], i))
    if 0 < left < len(remaining) and rem[idx[left - 1]] == rem[idx[left]]:
        stat('alloc_tie')
    for i in idx[:left]:
        base[i] += 1
    return base


def project(sc, name):
    hz = sc['horizon']
    start, end = int(hz['start']), int(hz['end'])
    years = list(range(start, end + 1))
    cadres = {'secretary': get(sc, 'cadres.per_village.secretary', 1),
              'director': get(sc, 'cadres.per_village.director', 1),
              'other': get(sc, 'cadres.per_village.other', 3)}
    rows = read_portfolio(sc['portfolio'], cadres)
    counties = []
    for r in rows:
        if r['county'] not in counties:
            counties.append(r['county'])

    # payers
    payer = {it: 'city' for it in ITEMS}
    payer['pension_topup'] = 'county'
    vp = get(sc, 'venues.payer', None)
    if vp:
        payer['venue_construction'] = payer['venue_upkeep'] = vp
    op = get(sc, 'operating_funds.payer', None)
    if op:
        payer['operating_funds'] = op
    pp_ = get(sc, 'pay.payer', None)
    if pp_:
        payer['cadre_pay_basic'] = payer['cadre_pay_performance'] = pp_
    pnp = get(sc, 'pension.payer', None)
    if pnp:
        payer['pension_topup'] = pnp

    amounts = {(c, y, it): F(0) for c in counties for y in years for it in ITEMS}

    # ---- 4.1 venues
    unit_cost = get(sc, 'venues.unit_cost', 150000)
    cost_growth = get(sc, 'venues.cost_growth', 0)
    profile = [num(x) for x in get(sc, 'venues.payment_profile', [1])]
    upkeep_rate = get(sc, 'venues.upkeep_rate', 0)
    cap = get(sc, 'venues.annual_cap', None)
    total_need = sum(r['need'] for r in rows)
    planned = {y: 0 for y in years}
    sched = get(sc, 'venues.schedule', None)
    shares = get(sc, 'venues.shares', None)
    if sched is not None:
        for y, n in sched.items():
            planned[y] += int(n)
        assert sum(planned.values()) == total_need, 'schedule does not sum'
    elif shares is not None:
        ys = sorted(shares)
        cnt = hamilton(total_need, [num(shares[y]) for y in ys])
        for y, n in zip(ys, cnt):
            planned[y] += n
    else:
        assert total_need == 0, 'no schedule'
    P = {}
    for y in years:
        P[y] = F(1) if y == start else P[y - 1] * (1 + mapval(cost_growth, y))
    K = {y: mapval(unit_cost, y) * P[y] for y in years}
    built = {}
    deferred = 0
    for y in years:
        want = planned[y] + deferred
        if cap is None:
            n = want
        else:
            due = sum(built[c] * K[c] * profile[y - c] for c in built if 0 < y - c < len(profile))
            room = mapval(cap, y) - due
            unit = K[y] * profile[0]
            if unit == 0:
                n = want if room >= 0 else want  # n x 0 <= room holds iff room >= 0
                if room < 0:
                    n = 0
            elif room < 0:
                n = 0
            else:
                n = min(want, int(room // unit))
                if n < want and (n * unit == room):
                    stat('cap_exact')
                if n < want:
                    stat('cap_binds')
        built[y] = n
        deferred = want - n
    # allocation
    remaining = [r['need'] for r in rows]
    row_built = {}
    for y in years:
        a = allocate(built[y], remaining)
        for i in range(len(rows)):
            row_built[(i, y)] = a[i]
            remaining[i] -= a[i]
    county_built = {(c, y): 0 for c in counties for y in years}
    for i, r in enumerate(rows):
        for y in years:
            county_built[(r['county'], y)] += row_built[(i, y)]
    for c in counties:
        for y in years:
            con = F(0)
            upk = F(0)
            for cy in years:
                if cy > y:
                    break
                nb = county_built[(c, cy)]
                if not nb:
                    continue
                k = y - cy
                if k < len(profile):
                    con += nb * K[cy] * profile[k]
                if y > cy:
                    upk += nb * mapval(upkeep_rate, y) * K[cy]
            amounts[(c, y, 'venue_construction')] = con
            amounts[(c, y, 'venue_upkeep')] = upk
    after = F(0)
    for cy in years:
        for k, p in enumerate(profile):
            if cy + k > end:
                after += built[cy] * K[cy] * p
    venues_built = sum(built.values())

    # ---- 4.2 operating funds
    of_pv = get(sc, 'operating_funds.per_village', 70000)
    of_g = get(sc, 'operating_funds.growth', 0)
    of_start = int(get(sc, 'operating_funds.start', start))
    Q = {}
    q = F(1)
    for y in range(of_start, end + 1):
        if y > of_start:
            q = q * (1 + mapval(of_g, y))
        Q[y] = q
    for r in rows:
        for y in years:
            if y >= of_start:
                amounts[(r['county'], y, 'operating_funds')] += mapval(of_pv, y) * r['villages'] * Q[y]

    # ---- 4.3 income and pay
    base_year = int(get(sc, 'rural_income.base_year', 2014))
    value = num(sc['rural_income']['value'])
    ig = get(sc, 'rural_income.growth', 0)
    ivals = get(sc, 'rural_income.values', {}) or {}
    for vy in ivals:
        assert vy >= base_year, 'values year before base_year'
    I = {}
    last = max([end] + list(ivals))
    for y in range(base_year, last + 1):
        if y == base_year:
            I[y] = value
        else:
            I[y] = I[y - 1] * (1 + mapval(ig, y))
        if y in ivals:
            I[y] = num(ivals[y])
    pstart = int(get(sc, 'pay.start', 2015))
    smon = num(get(sc, 'pay.secretary_monthly', 1100))
    every = int(get(sc, 'pay.adjust_every', 3))
    imult = num(get(sc, 'pay.income_multiple', 1))
    ratios = {'secretary': num(get(sc, 'pay.ratios.secretary', 1)),
              'director': num(get(sc, 'pay.ratios.director', F(8, 10))),
              'other': num(get(sc, 'pay.ratios.other', F(7, 10)))}
    basic = num(get(sc, 'pay.basic_share', F(7, 10)))
    payout = get(sc, 'pay.performance_payout', 1)
    rto = num(get(sc, 'pay.round_to', 1))
    mpay = {}
    for y in years:
        if y < pstart:
            continue
        k = (y - pstart) // every
        if k == 0:
            B = smon
        else:
            ry = pstart + k * every - 1
            assert ry >= base_year, 'rebase needs income before base_year'
            B = round_half_away(imult * I[ry] / 12, rto, 'pay_tie_B')
        mpay[y] = {r: round_half_away(B * ratios[r], rto, 'pay_tie_role') for r in ROLES}
    for r in rows:
        for y in years:
            if y in mpay:
                s = sum(r[role] * 12 * mpay[y][role] for role in ROLES)
                amounts[(r['county'], y, 'cadre_pay_basic')] += s * basic
                amounts[(r['county'], y, 'cadre_pay_performance')] += s * (1 - basic) * mapval(payout, y)

    # ---- 4.4 pension
    pp = get(sc, 'pension.per_person', 1000)
    pg = get(sc, 'pension.growth', 0)
    pstart2 = int(get(sc, 'pension.start', start))
    covered = bool(get(sc, 'pension.former.covered', False))
    turnover = num(get(sc, 'pension.former.turnover', 0))
    exitr = num(get(sc, 'pension.former.exit', 0))
    initpv = num(get(sc, 'pension.former.initial_per_village', 0))
    for c in counties:
        H = sum(r[role] for r in rows if r['county'] == c for role in ROLES)
        vil = sum(r['villages'] for r in rows if r['county'] == c)
        G = F(1)
        Fm = initpv * vil
        for y in range(pstart2, end + 1):
            if y > pstart2:
                G = G * (1 + mapval(pg, y))
                Fm = Fm * (1 - exitr) + turnover * H
            if y >= start:
                heads = H + Fm if covered else H
                amounts[(c, y, 'pension_topup')] = mapval(pp, y) * G * heads

    # ---- cents
    cc = {k: cents(v) for k, v in amounts.items()}

    # ---- envelope
    env = sc.get('envelope')
    env_amount = None
    if env:
        env_amount = cents(num(env['amount']))
        efrom = int(env.get('from', start))
        eto = int(env.get('to', end))
        eitems = env.get('items', ITEMS)
        epayer = env.get('payer', 'both')

    forecast, summary, rollout, paycsv = [], [], [], []
    for c in counties:
        for y in years:
            for it in ITEMS:
                forecast.append([name, c, y, it, payer[it], fmt_cents(cc[(c, y, it)])])
    cum = 0
    ecum = 0
    breach = None
    used = None
    for y in years:
        tot = {it: sum(cc[(c, y, it)] for c in counties) for it in ITEMS}
        t = sum(tot.values())
        cum += t
        row = [name, y] + [fmt_cents(tot[it]) for it in ITEMS] + [fmt_cents(t), fmt_cents(cum)]
        if env and efrom <= y <= eto:
            ecum += sum(cc[(c, y, it)] for c in counties for it in ITEMS
                        if it in eitems and (epayer == 'both' or payer[it] == epayer))
            row += [fmt_cents(ecum), fmt_cents(env_amount - ecum)]
            if breach is None and ecum > env_amount:
                breach = y
            if y == eto:
                used = ecum
        else:
            row += ['', '']
        summary.append(row)
    for c in counties:
        need = sum(r['need'] for r in rows if r['county'] == c)
        done = 0
        for y in years:
            done += county_built[(c, y)]
            rollout.append([name, c, y, county_built[(c, y)], need - done])
    for y in years:
        inc = fmt_income(I[y]) if y >= base_year else ''
        if y in mpay:
            mp = [fmt_cents(cents(mpay[y][r])) for r in ROLES]
        else:
            mp = ['', '', '']
        paycsv.append([name, y, inc] + mp)
    head = [name, start, end, fmt_cents(cum), total_need, venues_built, total_need - venues_built,
            fmt_cents(cents(after))]
    if env:
        head += [fmt_cents(env_amount), fmt_cents(used), fmt_cents(env_amount - used),
                 breach if breach is not None else '']
    else:
        head += ['', '', '', '']
    return forecast, summary, rollout, paycsv, [head]


HEADERS = {
    'forecast.csv': 'scenario,county,year,item,payer,amount',
    'summary.csv': 'scenario,year,' + ','.join(ITEMS) + ',total,cumulative,envelope_cumulative,envelope_remaining',
    'rollout.csv': 'scenario,county,year,venues_completed,venues_remaining',
    'pay.csv': 'scenario,year,rural_income,secretary_monthly,director_monthly,other_monthly',
    'headline.csv': 'scenario,start,end,total,venues_needed,venues_built,venues_deferred,'
                    'construction_after_horizon,envelope_amount,envelope_used,envelope_remaining,breach_year',
}


def main(argv):
    out = argv[argv.index('--out') + 1]
    files = [a for i, a in enumerate(argv) if a != '--out' and (i == 0 or argv[i - 1] != '--out')]
    results = {k: [] for k in HEADERS}
    for path in files:
        sc = strip_nulls(load(path))
        name = sc.get('name') or os.path.splitext(os.path.basename(path))[0]
        parts = project(sc, name)
        for k, p in zip(HEADERS, parts):
            results[k] += p
    os.makedirs(out, exist_ok=True)
    for k, h in HEADERS.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator='\n')
        buf.write(h + '\n')
        for r in results[k]:
            w.writerow(r)
        with open(os.path.join(out, k), 'w', encoding='utf-8', newline='') as f:
            f.write(buf.getvalue())
    with open(os.path.join(out, 'stats.txt'), 'w') as f:
        f.write(repr(STATS) + '\n')


if __name__ == '__main__':
    main(sys.argv[1:])
