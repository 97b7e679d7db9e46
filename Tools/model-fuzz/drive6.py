"""Model-based fuzz driver for `dvsec diff` (see README.md).

    python3 drive6.py START N [MAXEDITS=4] [TAG=r] [EDIT_KINDS]

For each seed START..START+N-1: generate a snapshot, edit it into a base, apply 1..MAXEDITS random edits into a
target, and compare `dvsec diff` with the model (fuzz.check), plus: self-diff is empty, checks-on agrees with
--no-checks on impact/exit, new/resolved findings equal the set difference of `dvsec check` on both sides by
(rule, key) and mirror, and role copy lines (rc.entry_props). EDIT_KINDS: comma-separated edit function names
(e.g. E_usercopy,E_teamcopy) to restrict the random edits to."""
import sys, json, random, collections, copy, traceback, os
import fuzz
from fuzz import *
from drive4lib import *
import rc as rcmod
from rc import E_usercopy, E_teamcopy, E_copyroleremove, E_copycombo, seed_copies, entry_props


def E_createfocus(d, R):
    """Create privilege of a role (prefer team-held) among basic/local/deep/none; maybe move the role's BU (modern)"""
    e = env_of(d)
    r = pick_team_held_role(e, R)
    tabs = [t for t in e['tables'] if t.get('ownership', 'user') != 'organization'] or e['tables']
    t = R.choice(tabs); org = t.get('ownership', 'user') == 'organization'
    cur = model.lvl(r.get('privileges', {}).get(t['logicalName'], {}).get('create'))
    ch = [c for c in (['none', 'global'] if org else ['none', 'basic', 'local', 'deep']) if c != cur]
    new = R.choice(ch)
    p = r.setdefault('privileges', {}).setdefault(t['logicalName'], {})
    if new == 'none':
        p.pop('create', None)
        if not p: r['privileges'].pop(t['logicalName'])
        if not r['privileges']: r.pop('privileges')
    else:
        p['create'] = new
    return ('create-priv', r['id'], t['logicalName'], cur, new)


MISC = ['prvExportToExcel', 'prvBulkEdit', 'prvPrint', 'prvMerge', 'prvGoOffline', 'prvMailMerge', 'prvFlow',
        'prvBulkDelete', 'prvActivateSynchronousWorkflow', 'prvReadWebResource', 'prvDocumentGeneration']


def E_misc(d, R):
    e = env_of(d)
    roles = [r for r in e['roles'] if not r.get('template')]
    r = R.choice(roles)
    n = R.choice(MISC)
    m = r.setdefault('miscPrivileges', {})
    cur = m.get(n)
    new = R.choice([x for x in [None, 'basic', 'local', 'deep', 'global'] if x != cur])
    if new is None:
        m.pop(n, None)
        if not m: r.pop('miscPrivileges')
    else:
        m[n] = new
    return ('misc', r['id'], n, cur, new)


def E_grouptype(d, R):
    e = env_of(d)
    gids = {t.get('entraGroup') for t in e['teams'] if t.get('type', '').startswith('entra')}
    gs = [g for g in e.get('entraGroups', []) if g['id'] in gids and g.get('members')]
    if not gs: return None
    g = R.choice(gs); m = R.choice(g['members'])
    if R.random() < 0.5:
        m['type'] = 'guest' if m.get('type', 'member') == 'member' else 'member'
        return ('grp-type', g['id'], m['user'], m['type'])
    if m.get('owner'): m.pop('owner'); return ('grp-owner-off', g['id'], m['user'])
    m['owner'] = True; return ('grp-owner-on', g['id'], m['user'])


def E_appuser(d, R):
    u = R.choice(env_of(d)['users'])
    if u.get('applicationUser'): u.pop('applicationUser'); return ('app-off', u['id'])
    u['applicationUser'] = True; return ('app-on', u['id'])


def E_budisable(d, R):
    e = env_of(d)
    bus = [b for b in e['businessUnits'] if b.get('parent')]
    if not bus: return None
    b = R.choice(bus)
    if b.get('disabled'): b.pop('disabled'); return ('bu-enable', b['id'])
    b['disabled'] = True; return ('bu-disable', b['id'])


def E_mode2(d, R):
    u = R.choice(env_of(d)['users'])
    new = R.choice(['non-interactive', 'administrative', None])
    if new is None: u.pop('accessMode', None)
    else: u['accessMode'] = new
    if R.random() < 0.5: u['licensed'] = False
    return ('mode2', u['id'], new)


fuzz.EDITS = [(E_budisable, 1.5), (E_mode2, 1.5), (E_movebu, 4), (E_modern, 3), (E_moveuser, 4), (E_member, 4), (E_groupmember, 2), (E_inherit, 2),
              (E_inhpriv, 4), (E_priv, 4), (E_userrole, 2), (E_teamrole, 3), (E_teambu, 2), (E_rolebu, 2),
              (E_fsp, 2), (E_fspperm, 2), (E_secure, 1), (E_disable, 2), (E_license, 1), (E_sg, 1),
              (E_accessmode, 1), (E_admin, 0.4), (E_createfocus, 4), (E_misc, 1.5), (E_grouptype, 1), (E_appuser, 0.7), (E_createcombo, 3),
              (E_usercopy, 7), (E_teamcopy, 7), (E_copycombo, 7), (E_copyroleremove, 2)]


def kind_of(ed):
    k = ed[0]
    for p in ('inherit-on+priv', 'inherit-off+priv'):
        if k == p: return 'inherit+priv'
    if k.startswith(('user-copy', 'team-copy')): return k.rsplit('-', 1)[0]
    return {'user-role-remove': 'user-role', 'user-role-add': 'user-role', 'team-role-remove': 'team-role',
            'team-role-add': 'team-role', 'member-remove': 'member', 'member-add': 'member', 'inherit-on': 'inherit',
            'inherit-off': 'inherit', 'enable': 'disable', 'fsp-team-add': 'fsp', 'fsp-user-remove': 'fsp',
            'fsp-user-add': 'fsp', 'fsp-perm-add': 'fsp-perm', 'unsecure': 'secure', 'modern-off': 'modern',
            'modern-on': 'modern', 'license': 'licence', 'unlicense': 'licence', 'sg-add': 'sg', 'sg-remove': 'sg',
            'rw': 'access-mode', 'readmode': 'access-mode', 'admin-on': 'admin', 'admin-off': 'admin',
            'grp-remove': 'group-member', 'grp-add': 'group-member', 'grp-type': 'group-type',
            'grp-owner-on': 'group-type', 'grp-owner-off': 'group-type', 'app-on': 'app-user', 'app-off': 'app-user'}.get(k, k)


def checks_of(path):
    rc, out, err = run('check', path, '--format', 'json')
    if rc == 2: raise RuntimeError('check error ' + err)
    return {(f['rule'], f['key']) for f in json.loads(out)['findings']}


def strip(C):
    return json.dumps({'entries': C['entries'], 'impacts': C['impacts'], 'identical': C['identical'],
                       'escalation': C['escalation']}, sort_keys=True)


def extra_props(base, tgt, rc, D):
    P = []
    # (d) self-diff of both sides
    for p in (base, tgt):
        r, o, e = run('diff', p, p, '--format', 'json')
        S = json.loads(o)['comparisons'][0]
        if r != 0 or S['impacts'] or S['entries'] or not S['identical'] or S['findings']['new'] or S['findings']['resolved']:
            P.append(('D-selfdiff', os.path.basename(p), r, len(S['impacts']), len(S['entries']), len(S['findings']['new'])))
    # (e) checks on: same impact/exit; findings = set difference of dvsec check
    r1, o1, e1 = run('diff', base, tgt, '--format', 'json')
    r2, o2, e2 = run('diff', tgt, base, '--format', 'json')
    C1 = json.loads(o1)['comparisons'][0]; C2 = json.loads(o2)['comparisons'][0]
    if r1 != rc: P.append(('E-exit-with-checks', r1, rc))
    if strip(C1) != strip(D['comparisons'][0]): P.append(('E-impact-differs-with-checks',))
    fb, ft = checks_of(base), checks_of(tgt)
    new = {(f['rule'], f['key']) for f in C1['findings']['new']}
    res = {(f['rule'], f['key']) for f in C1['findings']['resolved']}
    new2 = {(f['rule'], f['key']) for f in C2['findings']['new']}
    res2 = {(f['rule'], f['key']) for f in C2['findings']['resolved']}
    if new != ft - fb: P.append(('E-new-findings', sorted(new - (ft - fb))[:3], sorted((ft - fb) - new)[:3]))
    if res != fb - ft: P.append(('E-resolved-findings', sorted(res - (fb - ft))[:3], sorted((fb - ft) - res)[:3]))
    if new != res2 or res != new2: P.append(('E-findings-mirror', sorted(new ^ res2)[:3], sorted(res ^ new2)[:3]))
    return P


if __name__ == '__main__':
    start, n = int(sys.argv[1]), int(sys.argv[2])
    maxedits = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    tag = sys.argv[4] if len(sys.argv) > 4 else 'r'
    onlykind = sys.argv[5] if len(sys.argv) > 5 else None
    if onlykind:
        fuzz.EDITS = [(f, w) for f, w in fuzz.EDITS if f.__name__ in onlykind.split(',')]
    print('work folder:', W, file=sys.stderr, flush=True)
    nbad = 0
    stats = collections.Counter(); results = []; kinds = collections.Counter(); kprob = collections.Counter()
    for seed in range(start, start + n):
        R = random.Random(seed * 7919 + 17)
        base0 = gen(seed, R)
        d = json.load(open(base0))
        pre = []
        if R.random() < 0.4: pre.append(E_modern_on_base(d, R))
        if R.random() < 0.3: pre.append(seed_copies(d, R))
        for _ in range(R.randint(0, 3)):
            f = R.choice([E_inherit, E_teamrole, E_member, E_fsp, E_fspperm, E_userrole, E_groupmember, E_createfocus])
            x = f(d, R)
            if x: pre.append(x)
        base = f'{W}/{tag}base_{seed}.json'; write(d, base)
        ok, msg = validate(base)
        if not ok: stats['invalid-base'] += 1; continue
        d2 = copy.deepcopy(d); edits = []
        for _ in range(R.randint(1, maxedits)):
            f = pick_edit(R); x = f(d2, R)
            if x: edits.append(x)
        if not edits: continue
        tgt = f'{W}/{tag}tgt_{seed}.json'; write(d2, tgt)
        ok, msg = validate(tgt)
        if not ok:
            stats['invalid'] += 1; print('INVALID', seed, edits, msg[:300]); continue
        try:
            P, rc, D = check(base, tgt, edits)
            P += extra_props(base, tgt, rc, D)
            P2, ncopy = entry_props(base, tgt, D); P += P2
            if ncopy: stats['pairs-with-rolecopy-line'] += 1
        except Exception as ex:
            traceback.print_exc(); stats['crash'] += 1; continue
        stats['cases'] += 1; stats['rc%d' % rc] += 1
        ks = {kind_of(e) for e in edits}
        bad = any(not p[0].startswith('N-') for p in P)
        for k in ks:
            kinds[k] += 1
            if bad: kprob[k] += 1
        for k in sorted(set(p[0] for p in P)): stats[k] += 1
        results.append({'seed': seed, 'pre': pre, 'edits': edits, 'rc': rc, 'problems': [repr(p) for p in P]})
        if bad:
            nbad += 1
            print('SEED', seed, 'rc', rc, pre, edits, flush=True)
            for p in P[:6]: print('   ', repr(p)[:500], flush=True)
    print(dict(stats), flush=True)
    print('KINDS', dict(kinds), flush=True)
    print('KPROB', dict(kprob), flush=True)
    print('DISAGREEMENTS', nbad, 'of', stats['cases'], 'pairs;', 'crashes', stats['crash'], flush=True)
    json.dump(results, open(f'{W}/{tag}results_{start}_{n}.json', 'w'), indent=1)
    print('results:', f'{W}/{tag}results_{start}_{n}.json', file=sys.stderr, flush=True)
    # A non-zero exit for CI: a disagreement with the model or a crash of a pair's checks.
    sys.exit(1 if nbad or stats['crash'] else 0)
