#!/usr/bin/env python3
"""Independent exact-arithmetic reference of Groundwork MODEL.md v1.2: sections 4 (funding
shares and their split), 4.1-4.6, 5, 6 (extends, nulls), 8 and 9 (actuals), deterministic
outputs only; section 10 (sweep, solve) is in sweep.py on top of this module.
usage: reference.py SCENARIO.yaml... --out DIR"""
import csv
import io
import os
import re
import sys
from fractions import Fraction as F

import yaml

ITEMS = ['venue_construction', 'venue_upkeep', 'operating_funds', 'cadre_pay_basic',
         'cadre_pay_performance', 'pension_topup']
ROLES = ['secretary', 'director', 'other']
HEAD_COLS = {'secretary': 'secretaries', 'director': 'directors', 'other': 'others'}
LEVELS = ['central', 'province', 'city', 'county']          # top to bottom (section 4)
SECTION_ITEMS = {'venues': ['venue_construction', 'venue_upkeep'],
                 'operating_funds': ['operating_funds'],
                 'pay': ['cadre_pay_basic', 'cadre_pay_performance'],
                 'pension': ['pension_topup']}
DEFAULT_LEVEL = {it: 'city' for it in ITEMS}
DEFAULT_LEVEL['pension_topup'] = 'county'


class RefError(Exception):
    pass


class ExactLoader(yaml.SafeLoader):
    pass


def _float(loader, node):
    s = loader.construct_scalar(node).replace('_', '')
    return F(s)


ExactLoader.add_constructor('tag:yaml.org,2002:float', _float)


def is_yearmap(v):
    return isinstance(v, dict) and v and all(isinstance(k, int) and not isinstance(k, bool) for k in v)


def replaced_whole(path):
    """Section 6: share maps (a section's `payer:` value, a county's section under
    funding.counties) and each entry of uncertainty.parameters are replaced whole."""
    if len(path) == 2 and path[0] in SECTION_ITEMS and path[1] == 'payer':
        return True
    if len(path) == 4 and path[0] == 'funding' and path[1] == 'counties':
        return True
    if len(path) == 3 and path[0] == 'uncertainty' and path[1] == 'parameters':
        return True
    return False


def merge(parent, child, path=()):
    out = dict(parent)
    for k, v in child.items():
        p = path + (k,)
        if (isinstance(v, dict) and not is_yearmap(v) and isinstance(out.get(k), dict)
                and not is_yearmap(out[k]) and not replaced_whole(p)):
            out[k] = merge(out[k], v, p)
        else:
            out[k] = v
        # a child's schedule drops the parent's shares and the reverse (a null one is absent
        # and drops nothing)
        if k == 'schedule' and v is not None:
            out.pop('shares', None)
        if k == 'shares' and v is not None:
            out.pop('schedule', None)
    return out


def strip_nulls(d):
    if isinstance(d, dict):
        return {k: strip_nulls(v) for k, v in d.items() if v is not None}
    return d


def load(path, seen=()):
    path = os.path.abspath(path)
    if path in seen:
        raise RefError(f'{path}: extends cycle')
    with open(path, encoding='utf-8') as f:
        d = yaml.load(f, Loader=ExactLoader) or {}
    base = os.path.dirname(path)
    if 'portfolio' in d and d['portfolio'] is not None:
        d['portfolio'] = os.path.join(base, d['portfolio'])
    act = d.get('actuals')
    if isinstance(act, dict) and act.get('file') is not None:
        act['file'] = os.path.join(base, act['file'])
    if d.get('extends'):
        parent = load(os.path.join(base, d['extends']), seen + (path,))
        parent.pop('name', None)
        d = merge(parent, d)
    return d


def load_scenario(path):
    """The merged scenario with nulls removed, and its name."""
    sc = strip_nulls(load(path))
    sc.pop('extends', None)
    name = sc.get('name') or os.path.splitext(os.path.basename(path))[0]
    return sc, name


def num(v):
    if isinstance(v, F):
        return v
    if isinstance(v, bool):
        raise RefError(f'not a number: {v}')
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


def cents(x, tag='cent_tie'):
    """exact Fraction -> integer cents, half away from zero"""
    return int(round_half_away(F(x), F(1, 100), tag) * 100)


def fmt_cents(c):
    s = '-' if c < 0 else ''
    c = abs(c)
    return f"{s}{c // 100}.{c % 100:02d}"


def fmt6(x):
    """half away from zero to at most six decimals, trailing zeros and point removed, no -0"""
    v = round_half_away(F(x), F(1, 10**6))
    c = int(v * 10**6)
    s = '-' if c < 0 else ''
    c = abs(c)
    whole, frac = divmod(c, 10**6)
    fs = f"{frac:06d}".rstrip('0')
    return f"{s}{whole}" + (f".{fs}" if fs else '')


fmt_income = fmt6


def fmt_exact(x):
    """an exact decimal Fraction written without trailing zeros or exponent"""
    x = F(x)
    s = '-' if x < 0 else ''
    x = abs(x)
    n = 0
    while (x * 10**n).denominator != 1:
        n += 1
        if n > 60:
            raise RefError(f'not a finite decimal: {x}')
    v = int(x * 10**n)
    if n == 0:
        return f"{s}{v}" if v else '0'
    whole, frac = divmod(v, 10**n)
    return f"{s}{whole}.{frac:0{n}d}"


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


AMOUNT_RE = re.compile(r'^[0-9]+(\.[0-9]{0,2})?$')


def read_actuals(path, counties, start, through):
    """Section 9: {(county, year, item): cents}"""
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    if not rows:
        raise RefError(f'{path}: no header')
    head = rows[0]
    for c in ('county', 'year', 'item', 'amount'):
        if c not in head:
            raise RefError(f'{path}: missing column {c}')
    for c in head:
        if c not in ('county', 'year', 'item', 'amount', 'note'):
            raise RefError(f'{path}: unknown column {c}')
    ix = {c: head.index(c) for c in head}
    out = {}
    for r in rows[1:]:
        if not r:
            continue
        if len(r) != len(head):
            raise RefError(f'{path}: wrong number of fields: {r}')
        county = r[ix['county']]
        year = int(r[ix['year']].strip())
        item = r[ix['item']]
        amt = r[ix['amount']].strip()
        if county not in counties or item not in ITEMS or not start <= year <= through \
                or not AMOUNT_RE.match(amt):
            raise RefError(f'{path}: bad row {r}')
        if (county, year, item) in out:
            raise RefError(f'{path}: {county},{year},{item} listed twice')
        out[(county, year, item)] = cents(F(amt))
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


# ---------------------------------------------------------------- section 4: funding

def parse_payer(v, where):
    """A level name or a share map -> [(level, share)] in LEVELS order, zero shares kept."""
    if isinstance(v, str):
        if v not in LEVELS:
            raise RefError(f'{where}: unknown level {v!r}')
        return [(v, F(1))]
    if not isinstance(v, dict) or not v:
        raise RefError(f'{where}: a payer is a level or a non-empty share map')
    for k in v:
        if k not in LEVELS:
            raise RefError(f'{where}: unknown level {k!r}')
    shares = [(l, num(v[l])) for l in LEVELS if l in v]
    if any(not 0 <= s <= 1 for _, s in shares):
        raise RefError(f'{where}: a share lies in [0, 1]')
    if sum(s for _, s in shares) != 1:
        raise RefError(f'{where}: shares sum to {sum(s for _, s in shares)}, not 1')
    return shares


def funding_of(sc, counties):
    """{county: {item: [(level, share)] with non-zero shares, top to bottom}}"""
    section = {}
    for sec, items in SECTION_ITEMS.items():
        v = get(sc, sec + '.payer', None)
        for it in items:
            section[it] = parse_payer(v, sec + '.payer') if v is not None else [(DEFAULT_LEVEL[it], F(1))]
    overrides = get(sc, 'funding.counties', {}) or {}
    for c in overrides:
        if c not in counties:
            raise RefError(f'funding.counties: {c!r} is not a county of the portfolio')
        for sec in overrides[c]:
            if sec not in SECTION_ITEMS:
                raise RefError(f'funding.counties.{c}: unknown section {sec!r}')
    out = {}
    for c in counties:
        out[c] = {}
        for sec, items in SECTION_ITEMS.items():
            ov = overrides.get(c, {}).get(sec) if isinstance(overrides.get(c), dict) else None
            for it in items:
                sh = parse_payer(ov, f'funding.counties.{c}.{sec}') if ov is not None else section[it]
                out[c][it] = [(l, s) for l, s in sh if s != 0]
    return out


def split(C, shares):
    """Section 4: integer cents C over [(level, share)] (non-zero shares, top to bottom):
    floors, then the cents left one each to the largest remainders, ties to the level nearer
    central; a negative C is the negated split of -C.  -> {level: cents}"""
    if C < 0:
        return {l: -v for l, v in split(-C, shares).items()}
    q = [C * s for _, s in shares]
    fl = [x.__floor__() for x in q]
    left = C - sum(fl)
    assert 0 <= left < max(1, len(shares)), (C, shares)
    rem = [q[i] - fl[i] for i in range(len(q))]
    idx = sorted(range(len(q)), key=lambda i: (-rem[i], i))
    if 0 < left < len(q) and rem[idx[left - 1]] == rem[idx[left]]:
        stat('split_tie')
    for i in idx[:left]:
        fl[i] += 1
    return {l: fl[i] for i, (l, _) in enumerate(shares)}


# ---------------------------------------------------------------- sections 4.1-4.4

def project_amounts(sc):
    """The plan and the exact (unrounded) amounts of every cell."""
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
        if sum(planned.values()) != total_need:
            raise RefError('schedule does not sum')
    elif shares is not None:
        ys = sorted(shares)
        cnt = hamilton(total_need, [num(shares[y]) for y in ys])
        for y, n in zip(ys, cnt):
            planned[y] += n
    elif total_need != 0:
        raise RefError('no schedule')
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
            if room < 0:
                n = 0                    # n x unit <= room fails even for n = 0
            elif unit == 0:
                n = want
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
        if vy < base_year:
            raise RefError('values year before base_year')
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
            if ry < base_year:
                raise RefError('rebase needs income before base_year')
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

    return {'start': start, 'end': end, 'years': years, 'rows': rows, 'counties': counties,
            'amounts': amounts, 'county_built': county_built, 'after': after,
            'venues_built': venues_built, 'total_need': total_need, 'I': I,
            'base_year': base_year, 'mpay': mpay}


# ---------------------------------------------------------------- the run of one scenario

def deflators(sc, years):
    """Section 4.6: exact D(y), V(y) for the horizon years."""
    base = int(get(sc, 'prices.base_year', years[0]))
    inf = get(sc, 'prices.inflation', 0)
    dis = get(sc, 'prices.discount_rate', 0)
    lo, hi = min(base, years[0]), max(base, years[-1])
    D, V = {base: F(1)}, {base: F(1)}
    for y in range(base + 1, hi + 1):
        D[y] = D[y - 1] * (1 + mapval(inf, y))
        V[y] = V[y - 1] / (1 + mapval(dis, y))
    for y in range(base - 1, lo - 1, -1):
        D[y] = D[y + 1] / (1 + mapval(inf, y + 1))
        V[y] = V[y + 1] * (1 + mapval(dis, y + 1))
    return D, V


LIMIT = 10**15          # cents: every written amount, total and cumulative is below 10^13 yuan


def limit(c, what):
    if abs(c) >= LIMIT:
        raise RefError(f'{what}: {fmt_cents(c)} is not below 10^13 yuan')
    return c


def run(sc, name):
    """Everything the deterministic run of one (merged) scenario computes."""
    A = project_amounts(sc)
    start, end, years, counties = A['start'], A['end'], A['years'], A['counties']
    planned = {k: cents(v) for k, v in A['amounts'].items()}
    cc = dict(planned)
    act = sc.get('actuals')
    closed = []
    if act is not None:
        through = int(act['through'])
        if not start <= through <= end:
            raise RefError('actuals.through outside the horizon')
        closed = list(range(start, through + 1))
        listed = read_actuals(act['file'], counties, start, through)
        for c in counties:
            for y in closed:
                for it in ITEMS:
                    cc[(c, y, it)] = listed.get((c, y, it), 0)
    for (c, y, it), v in cc.items():
        limit(v, f'{it}, {c}, {y}')
        limit(planned[(c, y, it)], f'{it}, {c}, {y} (planned)')
    fund = funding_of(sc, counties)
    parts = {}                   # (c, y, it) -> {level: cents}
    for c in counties:
        for y in years:
            for it in ITEMS:
                parts[(c, y, it)] = split(cc[(c, y, it)], fund[c][it])
    levels = [l for l in LEVELS if any(l == lv for c in counties for it in ITEMS for lv, _ in fund[c][it])]

    # envelope
    env = sc.get('envelope')
    E = None
    if env is not None:
        amount = cents(num(env['amount']))
        efrom = int(env.get('from', start))
        eto = int(env.get('to', end))
        eitems = env.get('items', ITEMS)
        ep = env.get('payer', 'all')
        if ep in ('all', 'both'):
            elevels = list(LEVELS)
        elif isinstance(ep, str):
            elevels = [ep]
        else:
            elevels = list(ep)
        if not elevels or len(set(elevels)) != len(elevels) or any(l not in LEVELS for l in elevels):
            raise RefError(f'envelope.payer: {ep!r}')
        limit(amount, 'envelope.amount')
        E = {'amount': amount, 'from': efrom, 'to': eto, 'items': eitems, 'levels': elevels}

    # summary + envelope
    summary = []
    cum = 0
    ecum = 0
    breach = None
    used = None
    totals = {}
    for y in years:
        tot = {it: sum(cc[(c, y, it)] for c in counties) for it in ITEMS}
        t = sum(tot.values())
        totals[y] = t
        cum += t
        for it in ITEMS:
            limit(tot[it], f'{it} total, {y}')
        limit(t, f'total, {y}')
        limit(cum, f'cumulative, {y}')
        row = [name, y] + [fmt_cents(tot[it]) for it in ITEMS] + [fmt_cents(t), fmt_cents(cum)]
        if E and E['from'] <= y <= E['to']:
            ecum += sum(v for c in counties for it in ITEMS if it in E['items']
                        for l, v in parts[(c, y, it)].items() if l in E['levels'])
            limit(E['amount'] - ecum, f'envelope_remaining, {y}')
            row += [fmt_cents(ecum), fmt_cents(E['amount'] - ecum)]
            if breach is None and ecum > E['amount']:
                breach = y
            if y == E['to']:
                used = ecum
        else:
            row += ['', '']
        summary.append(row)

    forecast = []
    for c in counties:
        for y in years:
            for it in ITEMS:
                for l, _ in fund[c][it]:
                    forecast.append([name, c, y, it, l, fmt_cents(parts[(c, y, it)][l])])

    funding = []
    for l in levels:
        fc = 0
        for y in years:
            tot = {it: sum(parts[(c, y, it)].get(l, 0) for c in counties) for it in ITEMS}
            t = sum(tot.values())
            fc += t
            limit(t, f'{l} total, {y}')
            limit(fc, f'{l} cumulative, {y}')
            funding.append([name, l, y] + [fmt_cents(tot[it]) for it in ITEMS] + [fmt_cents(t), fmt_cents(fc)])

    rollout = []
    for c in counties:
        need = sum(r['need'] for r in A['rows'] if r['county'] == c)
        done = 0
        for y in years:
            done += A['county_built'][(c, y)]
            rollout.append([name, c, y, A['county_built'][(c, y)], need - done])

    paycsv = []
    for y in years:
        inc = fmt6(A['I'][y]) if y >= A['base_year'] else ''
        if y in A['mpay']:
            mp = [fmt_cents(limit(cents(A['mpay'][y][r]), f'{r}_monthly, {y}')) for r in ROLES]
        else:
            mp = ['', '', '']
        paycsv.append([name, y, inc] + mp)

    total_need, venues_built = A['total_need'], A['venues_built']
    head = [name, start, end, fmt_cents(cum), total_need, venues_built, total_need - venues_built,
            fmt_cents(limit(cents(A['after']), 'construction_after_horizon'))]
    if E:
        head += [fmt_cents(E['amount']), fmt_cents(used), fmt_cents(E['amount'] - used),
                 breach if breach is not None else '']
    else:
        head += ['', '', '', '']

    prices = None
    last_real = last_pv = None
    if 'prices' in sc:
        D, V = deflators(sc, years)
        prices = []
        cr = cp = 0
        for y in years:
            t = totals[y]
            tr = cents(F(t, 100) / D[y], 'price_tie')
            tp = cents(F(t, 100) * V[y], 'price_tie')
            cr += tr
            cp += tp
            for v, what in ((tr, 'total_real'), (tp, 'total_pv'), (cr, 'cumulative_real'), (cp, 'cumulative_pv')):
                limit(v, f'prices.csv {what}, {y}')
            prices.append([name, y, fmt6(D[y]), fmt6(V[y]), fmt_cents(t), fmt_cents(tr), fmt_cents(tp),
                           fmt_cents(cr), fmt_cents(cp)])
        last_real, last_pv = cr, cp

    variance = outturn = None
    if act is not None:
        variance, outturn = [], []
        for c in counties:
            for y in closed:
                for it in ITEMS:
                    b, a = planned[(c, y, it)], cc[(c, y, it)]
                    limit(a - b, f'variance, {it}, {c}, {y}')
                    pct = fmt6(F(100 * (a - b), b)) if b != 0 else ''
                    variance.append([name, c, y, it, fmt_cents(b), fmt_cents(a), fmt_cents(a - b), pct])
        for y in closed:
            b = {it: sum(planned[(c, y, it)] for c in counties) for it in ITEMS}
            a = {it: sum(cc[(c, y, it)] for c in counties) for it in ITEMS}
            B, Aa = sum(b.values()), sum(a.values())
            limit(B, f'outturn planned, {y}')
            limit(Aa, f'outturn actual, {y}')
            agg = fmt6(F(100 * Aa, B)) if B != 0 else ''
            if B != 0 and Aa != 0:
                comp = fmt6(100 * sum(abs(a[it] - F(b[it] * Aa, B)) for it in ITEMS) / Aa)
            else:
                comp = ''
            outturn.append([name, y, fmt_cents(B), fmt_cents(Aa), agg, comp])

    figures = {'total': cum, 'envelope': E is not None,
               'envelope_used': used, 'envelope_remaining': None if E is None else E['amount'] - used,
               'breach_year': breach, 'venues_deferred': total_need - venues_built,
               'prices': prices is not None, 'cumulative_real': last_real, 'cumulative_pv': last_pv}
    return {'forecast.csv': forecast, 'summary.csv': summary, 'rollout.csv': rollout,
            'pay.csv': paycsv, 'headline.csv': [head], 'funding.csv': funding,
            'prices.csv': prices, 'variance.csv': variance, 'outturn.csv': outturn,
            'figures': figures}


HEADERS = {
    'forecast.csv': 'scenario,county,year,item,payer,amount',
    'summary.csv': 'scenario,year,' + ','.join(ITEMS) + ',total,cumulative,envelope_cumulative,envelope_remaining',
    'rollout.csv': 'scenario,county,year,venues_completed,venues_remaining',
    'pay.csv': 'scenario,year,rural_income,secretary_monthly,director_monthly,other_monthly',
    'headline.csv': 'scenario,start,end,total,venues_needed,venues_built,venues_deferred,'
                    'construction_after_horizon,envelope_amount,envelope_used,envelope_remaining,breach_year',
    'funding.csv': 'scenario,payer,year,' + ','.join(ITEMS) + ',total,cumulative',
    'prices.csv': 'scenario,year,deflator,discount_factor,total,total_real,total_pv,cumulative_real,cumulative_pv',
    'variance.csv': 'scenario,county,year,item,planned,actual,variance,variance_pct',
    'outturn.csv': 'scenario,year,planned,actual,aggregate_outturn,composition_variance',
}
ALWAYS = ['forecast.csv', 'summary.csv', 'rollout.csv', 'pay.csv', 'headline.csv', 'funding.csv']


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    buf.write(header + '\n')
    for r in rows:
        w.writerow(r)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(buf.getvalue())


def main(argv):
    out = argv[argv.index('--out') + 1]
    files = [a for i, a in enumerate(argv) if a != '--out' and (i == 0 or argv[i - 1] != '--out')]
    results = {k: [] for k in HEADERS}
    present = set(ALWAYS)
    try:
        for path in files:
            sc, name = load_scenario(path)
            res = run(sc, name)
            for k in HEADERS:
                if res[k] is not None:
                    results[k] += res[k]
                    present.add(k)
    except RefError as e:
        print(f'reference: error: {e}', file=sys.stderr)
        return 1
    os.makedirs(out, exist_ok=True)
    for k, h in HEADERS.items():
        p = os.path.join(out, k)
        if k in present:
            write_csv(p, h, results[k])
        elif os.path.exists(p):
            os.remove(p)
    with open(os.path.join(out, 'stats.txt'), 'w') as f:
        f.write(repr(STATS) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
