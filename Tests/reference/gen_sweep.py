#!/usr/bin/env python3
"""Random `sweep` and `solve` command lines (MODEL.md section 10) for a generated scenario.
usage: gen_sweep.py CASE_DIR SEED
Writes CASE_DIR/sweep.args and CASE_DIR/solve.args, one argument a line, the arguments that
follow `groundwork sweep` / `groundwork solve` before `--out DIR`. The scenario's envelope and
horizon total (from the reference) choose targets that flip inside the grid; a few command
lines are errors on purpose (a value out of range, a PATH varied twice, an envelope grid or
target on a scenario without an envelope, a safe end where the target fails)."""
import os
import random
import sys
from fractions import Fraction as F

import reference as ref
from reference import fmt_exact
from sweep import PARAMETERS, Grid, point

# (LO choices, STEP choices) per parameter
GRIDS = {
    'venues.unit_cost': (['100000', '150000', '160000.5', '150000.0'], ['10000', '12345.67', '5000', '0.5']),
    'venues.cost_growth': (['-0.02', '0', '0.01'], ['0.01', '0.005', '0.025']),
    'venues.upkeep_rate': (['0', '0.01', '0.015'], ['0.005', '0.0025', '0.01']),
    'venues.annual_cap': (['0', '100000', '250000.5', '400000'], ['150000', '99999.99', '200000', '80000']),
    'operating_funds.per_village': (['60000', '70000', '0'], ['2500', '1000.5', '30000']),
    'operating_funds.growth': (['-0.01', '0', '0.02'], ['0.01', '0.005', '0.0125']),
    'rural_income.value': (['12000', '13200', '9999.5'], ['600', '250.5', '1000']),
    'rural_income.growth': (['0.05', '0.07', '-0.01', '0'], ['0.01', '0.005', '0.02']),
    'pay.secretary_monthly': (['1000', '1100', '999.5'], ['50', '25.5', '100']),
    'pay.income_multiple': (['0.8', '1', '1.00'], ['0.1', '0.25', '0.05']),
    'pay.basic_share': (['0', '0.5', '0.6'], ['0.1', '0.25', '0.05']),
    'pay.performance_payout': (['0.5', '0.8', '1'], ['0.1', '0.05', '0.15']),
    'pay.ratios.secretary': (['0.8', '1'], ['0.1', '0.05']),
    'pay.ratios.director': (['0.5', '0.7'], ['0.1', '0.05']),
    'pay.ratios.other': (['0.5', '0.6'], ['0.1', '0.05']),
    'pension.per_person': (['800', '1000', '999.5'], ['100', '50.25', '200']),
    'pension.growth': (['0', '0.02', '-0.01'], ['0.01', '0.005']),
    'pension.former.turnover': (['0', '0.05'], ['0.05', '0.025']),
    'pension.former.exit': (['0', '0.04'], ['0.04', '0.1']),
    'pension.former.initial_per_village': (['0', '0.5'], ['0.25', '0.5']),
    'cadres.per_village.secretary': (['0', '1'], ['0.5', '1']),
    'cadres.per_village.director': (['0.5', '1'], ['0.5', '0.25']),
    'cadres.per_village.other': (['1', '3'], ['1', '0.5']),
    'prices.inflation': (['-0.05', '0', '0.02'], ['0.01', '0.02', '0.005']),
    'prices.discount_rate': (['0', '0.03', '-0.02'], ['0.01', '0.005', '0.02']),
}
assert set(GRIDS) | {'envelope.amount'} == set(PARAMETERS)


def cents_text(c):
    return fmt_exact(F(c, 100))


def grid(R, path, n, fig, big=False):
    if path == 'envelope.amount':
        base = fig['envelope_used'] if fig['envelope'] else fig['total']
        lo = max(0, int(base * F(R.choice([30, 60, 90, 97]), 100)))
        step = max(1, int(base * F(R.choice([1, 2, 5]), 100) / max(1, n // 4)))
        lo, step = cents_text(lo), cents_text(step)
    else:
        los, steps = GRIDS[path]
        lo, step = R.choice(los), R.choice(steps)
        if big and n > 10:
            # a long solve grid spans a few of the short grid's steps, so that no value runs
            # the amounts past the contract's limits
            step = fmt_exact(F(step) / 10 ** (len(str(n)) - 1))
    hi = F(lo) + (n - 1) * F(step)
    if R.random() < 0.4:
        hi += F(step) * F(R.randint(1, 9), 10)        # HI off the grid: K is a floor
    kind = PARAMETERS[path]
    if kind == 'share' and hi > 1:
        hi = F(1)
    hi_text = fmt_exact(hi)
    if R.random() < 0.2 and '.' in hi_text:
        hi_text += '0'                                # written with a trailing zero
    return f'{path}={lo}:{hi_text}:{step}'


def main():
    case, seed = sys.argv[1], int(sys.argv[2])
    R = random.Random(seed)
    sc, name = ref.load_scenario(os.path.join(case, 'case.yaml'))
    fig = ref.run(sc, name)['figures']
    has_env = fig['envelope']
    paths = sorted(PARAMETERS)
    if not has_env:
        paths.remove('envelope.amount')

    # sweep: one or two grids, at most a dozen points
    k = 1 if R.random() < 0.5 else 2
    chosen = R.sample(paths, k)
    sizes = [R.randint(1, 5)] if k == 1 else [R.randint(1, 4), R.randint(1, 3)]
    args = []
    for p, n in zip(chosen, sizes):
        args += ['--vary', grid(R, p, n, fig)]
    r = R.random()
    if r < 0.03:
        args += ['--vary', grid(R, chosen[0], 2, fig)]                 # varied twice
    elif r < 0.06:
        args = ['--vary', 'pay.basic_share=0.5:1.5:0.25']             # out of range
    elif r < 0.1 and not has_env:
        args += ['--vary', 'envelope.amount=1000:2000:500']           # no envelope
    with open(os.path.join(case, 'sweep.args'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(['case.yaml'] + args) + '\n')

    # solve: one grid of up to a few thousand points; the target is chosen from the figures at
    # the grid's two ends so that it mostly flips inside the grid (and the safe end is the
    # end where it holds), sometimes holds at both ends, rarely at neither (an error)
    n = R.choice([1, 2, 3, 17, 100, 1000, 4097])
    if has_env and R.random() < 0.5:
        p = R.choice(['envelope.amount', 'envelope.amount', 'venues.unit_cost',
                      'operating_funds.per_village', 'rural_income.growth', 'pay.secretary_monthly'])
        envelope = True
    else:
        p = R.choice([x for x in paths if x != 'envelope.amount'] + ['venues.unit_cost'] * 4)
        envelope = False
    text = grid(R, p, n, fig, big=True)
    g = Grid(text)
    ends = [point(sc, name, [g], [g.value(k)]) for k in (0, g.K)]
    keep = 'envelope'
    holds = [f['breach_year'] is None for f in ends]
    if not envelope or (not any(holds) and R.random() < 0.85):
        t = sorted(f['total'] for f in ends)
        r = R.random()
        if r < 0.8:
            c = R.randint(t[0], t[1])
        elif r < 0.95:
            c = t[1] + R.randint(0, 10**6)
        else:
            c = t[0] - R.randint(1, 10**6)
        amount = F(c, 100) + (F(R.randint(0, 9), 1000) if R.random() < 0.3 else 0)
        keep = 'total<=' + fmt_exact(amount)
        holds = [F(f['total'], 100) <= amount for f in ends]
    if not has_env and R.random() < 0.05:
        keep = 'envelope'                                             # no envelope: an error
    args = ['case.yaml', '--vary', text, '--keep', keep]
    if holds[0] != holds[1]:
        smallest = holds[1]
    else:
        smallest = R.random() < 0.5
    if smallest:
        args.append('--smallest')
    with open(os.path.join(case, 'solve.args'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(args) + '\n')


if __name__ == '__main__':
    main()
