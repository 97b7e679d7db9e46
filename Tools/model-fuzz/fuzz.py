import json, random, subprocess, copy, os, sys, traceback
import model
import paths
from model import LV, LVI, OPS
model.SA_MISC = json.load(open(paths.data('sa_misc.json')))
DV = paths.require_dvsec()
W = paths.work_dir()

# ---------------------------------------------------------------- edits

def env_of(d):
    return d['environments'][0]


def E_priv(d, R):
    e = env_of(d)
    roles = [r for r in e['roles'] if not r.get('template')]
    if not roles: return None
    r = R.choice(roles)
    t = R.choice(e['tables'])
    org = t.get('ownership', 'user') == 'organization'
    ops = [o for o in OPS if not (org and o in ('assign', 'share'))]
    op = R.choice(ops)
    cur = model.lvl(r.get('privileges', {}).get(t['logicalName'], {}).get(op))
    choices = ['none', 'global'] if org else LV
    choices = [c for c in choices if c != cur]
    new = R.choice(choices)
    p = r.setdefault('privileges', {}).setdefault(t['logicalName'], {})
    if new == 'none':
        p.pop(op, None)
        if not p: r['privileges'].pop(t['logicalName'])
        if not r['privileges']: r.pop('privileges')
    else:
        p[op] = new
    return ('priv', r['id'], t['logicalName'], op, cur, new)


def drop_copy(x, rid):
    """a role removed from `roles` takes its roleBusinessUnits entry with it"""
    m = x.get('roleBusinessUnits')
    if m and rid in m:
        m.pop(rid)
        if not m: x.pop('roleBusinessUnits')


def E_userrole(d, R):
    e = env_of(d)
    u = R.choice(e['users'])
    rs = u.setdefault('roles', [])
    if rs and R.random() < 0.5:
        x = R.choice(rs); rs.remove(x)
        if not rs: u.pop('roles')
        drop_copy(u, x)
        return ('user-role-remove', u['id'], x)
    cand = [r['id'] for r in e['roles'] if r['id'] not in rs]
    if R.random() < 0.7:
        cand = [c for c in cand if not [r for r in e['roles'] if r['id'] == c][0].get('template')] or cand
    if not cand:
        if not rs: u.pop('roles')
        return None
    x = R.choice(cand); rs.append(x); rs.sort()
    return ('user-role-add', u['id'], x)


def E_teamrole(d, R):
    e = env_of(d)
    teams = [t for t in e['teams'] if t.get('type', 'owner') != 'access']
    t = R.choice(teams)
    rs = t.setdefault('roles', [])
    if rs and R.random() < 0.5:
        x = R.choice(rs); rs.remove(x)
        if not rs: t.pop('roles')
        drop_copy(t, x)
        return ('team-role-remove', t['id'], x)
    cand = [r['id'] for r in e['roles'] if r['id'] not in rs and not r.get('template')]
    if not cand:
        if not rs: t.pop('roles')
        return None
    x = R.choice(cand); rs.append(x); rs.sort()
    return ('team-role-add', t['id'], x)


def E_member(d, R):
    e = env_of(d)
    teams = [t for t in e['teams'] if not t.get('default') and t.get('type', 'owner') in ('owner', 'access')]
    if not teams: return None
    t = R.choice(teams)
    ms = t.setdefault('members', [])
    if ms and R.random() < 0.5:
        x = R.choice(ms); ms.remove(x)
        if not ms: t.pop('members')
        return ('member-remove', t['id'], x)
    cand = [u['id'] for u in e['users'] if u['id'] not in ms]
    if not cand:
        return None
    x = R.choice(cand); ms.append(x); ms.sort()
    return ('member-add', t['id'], x)


def E_moveuser(d, R):
    e = env_of(d)
    u = R.choice(e['users'])
    cand = [b['id'] for b in e['businessUnits'] if b['id'] != u['businessUnit']]
    x = R.choice(cand); old = u['businessUnit']; u['businessUnit'] = x
    return ('move-user', u['id'], old, x)


def E_inherit(d, R):
    e = env_of(d)
    roles = [r for r in e['roles'] if not r.get('template')]
    r = R.choice(roles)
    if r.get('inheritsMemberPrivileges') is False:
        r.pop('inheritsMemberPrivileges'); return ('inherit-on', r['id'])
    r['inheritsMemberPrivileges'] = False
    return ('inherit-off', r['id'])


def E_disable(d, R):
    e = env_of(d)
    u = R.choice(e['users'])
    if u.get('disabled'):
        u.pop('disabled'); return ('enable', u['id'])
    u['disabled'] = True; return ('disable', u['id'])


def E_fsp(d, R):
    e = env_of(d)
    ps = e.get('fieldSecurityProfiles', [])
    if not ps: return None
    p = R.choice(ps)
    if R.random() < 0.25:
        teams = [t['id'] for t in e['teams'] if t['id'] not in p.get('teams', [])]
        if not teams: return None
        x = R.choice(teams); p.setdefault('teams', []).append(x); p['teams'].sort()
        return ('fsp-team-add', p['id'], x)
    us = p.setdefault('users', [])
    if us and R.random() < 0.3:
        x = R.choice(us); us.remove(x)
        if not us: p.pop('users')
        return ('fsp-user-remove', p['id'], x)
    cand = [u['id'] for u in e['users'] if u['id'] not in us]
    if not cand:
        return None
    x = R.choice(cand); us.append(x); us.sort()
    return ('fsp-user-add', p['id'], x)


def E_fspperm(d, R):
    e = env_of(d)
    ps = [p for p in e.get('fieldSecurityProfiles', []) if p['id'] != model.SA_PROFILE]
    if not ps: return None
    p = R.choice(ps)
    cols = [(t['logicalName'], c['logicalName']) for t in e['tables'] for c in t.get('columns', []) if c.get('secured')]
    if not cols: return None
    tn, cn = R.choice(cols)
    perms = p.setdefault('permissions', [])
    row = [x for x in perms if x['table'] == tn and x['column'] == cn]
    if row:
        row = row[0]
        k = R.choice(['read', 'create', 'update', 'readUnmasked'])
        if k == 'readUnmasked':
            row['readUnmasked'] = R.choice(['not-allowed', 'one-record', 'all-records'])
            if row['readUnmasked'] == 'not-allowed': row.pop('readUnmasked')
        else:
            if row.get(k): row.pop(k)
            else: row[k] = True
        return ('fsp-perm', p['id'], tn, cn, k)
    perms.append({'table': tn, 'column': cn, 'read': True})
    perms.sort(key=lambda x: (x['table'], x['column']))
    return ('fsp-perm-add', p['id'], tn, cn)


def E_secure(d, R):
    e = env_of(d)
    cols = [(t, c) for t in e['tables'] for c in t.get('columns', []) if c['logicalName'].startswith('field')]
    if not cols: return None
    t, c = R.choice(cols)
    if c.get('secured'):
        c.pop('secured'); return ('unsecure', t['logicalName'], c['logicalName'])
    c['secured'] = True; return ('secure', t['logicalName'], c['logicalName'])


def E_movebu(d, R):
    e = env_of(d)
    par = {b['id']: b.get('parent') for b in e['businessUnits']}
    nonroot = [b for b in e['businessUnits'] if b.get('parent')]
    b = R.choice(nonroot)
    def anc(x):
        while x:
            yield x; x = par[x]
    cand = [x for x in par if x != b['id'] and b['id'] not in set(anc(x)) and x != b['parent']]
    if not cand: return None
    old = b['parent']; b['parent'] = R.choice(cand)
    return ('move-bu', b['id'], old, b['parent'])


def E_modern(d, R):
    e = env_of(d)
    if e.get('modernizedBusinessUnits'):
        e.pop('modernizedBusinessUnits'); return ('modern-off',)
    e['modernizedBusinessUnits'] = True; return ('modern-on',)


def E_rolebu(d, R):
    e = env_of(d)
    roles = [r for r in e['roles'] if not r.get('template')]
    r = R.choice(roles)
    cand = [b['id'] for b in e['businessUnits'] if b['id'] != r['businessUnit']]
    old = r['businessUnit']; r['businessUnit'] = R.choice(cand)
    return ('role-bu', r['id'], old, r['businessUnit'])


EDITS = [(E_priv, 5), (E_userrole, 3), (E_teamrole, 3), (E_member, 3), (E_moveuser, 2), (E_inherit, 2),
         (E_disable, 2), (E_fsp, 2), (E_fspperm, 1), (E_secure, 2), (E_movebu, 2), (E_modern, 1), (E_rolebu, 1)]


def pick_edit(R):
    tot = sum(w for _, w in EDITS); x = R.uniform(0, tot)
    for f, w in EDITS:
        x -= w
        if x <= 0: return f
    return EDITS[-1][0]


# ---------------------------------------------------------------- running dvsec

def run(*a):
    p = subprocess.run([DV] + list(a), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write(d, path):
    e = env_of(d)
    if any(x.get('roleBusinessUnits') for x in e.get('users', []) + e.get('teams', [])):
        d['version'] = 2
    with open(path, 'w') as f:
        json.dump(d, f, indent=1, sort_keys=True)


def diff(a, b):
    rc, out, err = run('diff', a, b, '--format', 'json', '--no-checks')
    if rc == 2:
        raise RuntimeError('diff error ' + err)
    return rc, json.loads(out)


# ---------------------------------------------------------------- expectations

def covers(envA, A, B, subsume=True):
    """A (reach on side A) covers every record class of B"""
    if A == 'ALL': return True
    if B == 'ALL': return False
    abus, aown = A
    bbus, bown = B
    if not bbus <= abus: return False
    for o in bown:
        if o in aown: continue
        if subsume and envA.owner_bu(o) in abus: continue
        return False
    return True


TRACK_OWNERS = True
# round 32: dvsec documents 'an owner's records are in the owner's unit' in both modes (DiffAndChecks.md), as the model
# already assumes for users (t2m) and for subsumption; the team-only skip (round 31) is off
MODERN_TEAM_RECORDS_FOLLOW = True

def owner_moves(envO, envN, uid, Ro, Rn):
    """records of the user and of the user's teams follow their owner: compare reach of those owners' records"""
    if Ro == 'ALL' or Rn == 'ALL': return False, False
    toks = {('u', uid)} | {('t', t['id']) for t in envO.role_teams(uid)} | {('t', t['id']) for t in envN.role_teams(uid)}
    up = down = False
    for tok in toks:
        if tok[0] == 't' and (tok[1] not in envO.teams or tok[1] not in envN.teams): continue
        if tok[0] == 't' and (envO.modern or envN.modern) and not MODERN_TEAM_RECORDS_FOLLOW: continue  # DATAVERSE 2.3: owning BU decoupled from the owner
        ro = tok in Ro[1] or envO.owner_bu(tok) in Ro[0]
        rn = tok in Rn[1] or envN.owner_bu(tok) in Rn[0]
        if rn and not ro: up = True
        if ro and not rn: down = True
    return up, down


def table_op_of(perm):
    return {'read': 'read', 'readUnmasked': 'read', 'create': 'create', 'update': 'write'}[perm]


CREATE_VARIANTS = [(True, False)]  # documented: team grants act as team on Create, owners not subsumed

def expected(envO, envN, uid):
    """returns dict of expected lines: key -> (old, new, risk) and a flag."""
    so = envO.user_state(uid); sn = envN.user_state(uid)
    do, dn = bool(so['dormancy']), bool(sn['dormancy'])
    both = do and dn
    lines = {}
    for k in so['tables']:
        Lo, Ro, Go = so['tables'][k]; Ln, Rn, Gn = sn['tables'][k]
        variants = [(False, True)] if k[1] != 'create' else CREATE_VARIANTS
        alts = []
        for ti, sub in variants:
            Ro = envO.reach(uid, k[1], Go, ti); Rn = envN.reach(uid, k[1], Gn, ti)
            lo, ln = Lo, Ln
            if not both:
                if do: lo, Ro = 'none', (frozenset(), frozenset())
                if dn: ln, Rn = 'none', (frozenset(), frozenset())
            up = not covers(envO, Ro, Rn, sub)   # new reaches something old did not
            down = not covers(envN, Rn, Ro, sub)
            if sub and TRACK_OWNERS:
                u2, d2 = owner_moves(envO, envN, uid, Ro, Rn)
                up = up or u2; down = down or d2
            if lo == ln and not up and not down:
                alts.append(None); continue
            if both and lo == ln:
                alts.append(None); continue  # dvsec omits scope-only changes of users dormant on both sides (accepted)
            if both: risk = 'neutral'
            elif up: risk = 'escalation'
            elif down: risk = 'reduction'
            else: risk = 'escalation' if LVI[ln] > LVI[lo] else 'reduction'  # same records, level moved: accepted as level risk
            alts.append((lo, ln, risk, up and down))
        if any(a is not None for a in alts):
            lines[('t',) + k] = alts
    keys = set(so['cols']) | set(sn['cols'])
    # columns secured on either side
    for k in keys:
        vo = so['cols'].get(k, 'open'); vn = sn['cols'].get(k, 'open')
        if vo == 'open' and vn == 'open': continue
        def num(v, perm):
            if v == 'open': return 3 if perm == 'readUnmasked' else 1
            return v
        perm = k[2]
        no_, nn = num(vo, perm), num(vn, perm)
        # open columns count only for users holding the table op
        op = table_op_of(perm)
        hasO = so['tables'][(k[0], op)][0] != 'none' and (both or not do)
        hasN = sn['tables'][(k[0], op)][0] != 'none' and (both or not dn)
        if vo == 'open' and not hasO: no_ = 0
        if vn == 'open' and not hasN: nn = 0
        if not both:
            if do: no_ = 0
            if dn: nn = 0
        if no_ == nn: continue
        if both: risk = 'neutral'
        elif nn > no_: risk = 'escalation' if hasN else 'neutral'
        else: risk = 'reduction' if hasO else 'neutral'
        lines[('c',) + k] = [(no_, nn, risk, False)]
    # Access mode Administrative keeps miscellaneous privileges working (no sign-in is lost).
    mdo = bool([x for x in so['dormancy'] if x != 'administrativeAccessMode'])
    mdn = bool([x for x in sn['dormancy'] if x != 'administrativeAccessMode'])
    mboth = mdo and mdn
    for n in set(so['misc']) | set(sn['misc']):
        a = so['misc'].get(n, 'none'); b = sn['misc'].get(n, 'none')
        if not mboth:
            if mdo: a = 'none'
            if mdn: b = 'none'
        if a == b: continue
        risk = 'neutral' if mboth else ('escalation' if LVI[b] > LVI[a] else 'reduction')
        lines[('m', n)] = [(a, b, risk, False)]
    return lines, so['dormancy'], sn['dormancy']


UNMN = {'not-allowed': 0, 'one-record': 1, 'all-records': 3}


def got_lines(imp):
    out = {}
    for t in imp['tables']:
        out[('t', t['table'], t['operation'])] = (t['old'], t['new'], t['risk'], t)
    for c in imp['columns']:
        if c['permission'] == 'readUnmasked':
            def un(flag, key, via):
                if not flag: return 0
                if key in c: return UNMN.get(c[key], 0)
                if 'column not secured' in (via or []): return 3
                return 'T'  # readUnmasked allowed, level not written
            o = un(c['old'], 'oldUnmasked', c.get('oldVia'))
            n = un(c['new'], 'newUnmasked', c.get('newVia'))
        else:
            o, n = int(c['old']), int(c['new'])
        out[('c', c['table'], c['column'], c['permission'])] = (o, n, c['risk'], c)
    for m in imp['misc']:
        out[('m', m['privilege'])] = (m['old'], m['new'], m['risk'], m)
    return out


RANK = {'escalation': 3, 'reduction': 2, 'neutral': 1, 'neutral?': 1}


def check(base, target, edits):
    """returns list of problem strings"""
    P = []
    eo, en = model.load(base), model.load(target)
    rc, D = diff(base, target)
    rc2, D2 = diff(target, base)
    C = D['comparisons'][0]; C2 = D2['comparisons'][0]
    imps = {i['userId']: i for i in C['impacts']}
    imps2 = {i['userId']: i for i in C2['impacts']}
    exp_users = {}
    for uid in eo.users:
        if uid not in en.users: continue
        L, od, nd = expected(eo, en, uid)
        if L: exp_users[uid] = L
    # (a)
    definite = {u for u, L in exp_users.items() if any(None not in alts for alts in L.values())}
    for u in definite - set(imps):
        P.append(('A-missing-user', uid_name(eo, u), sorted((k, v[0]) for k, v in exp_users[u].items())[:4]))
    for u in set(imps) - set(exp_users):
        i = imps[u]
        if all(v[3].get('dormant') and v[2] == 'neutral' for v in got_lines(i).values()):
            P.append(('N-dormant-info-user', uid_name(eo, u))); continue
        P.append(('A-extra-user', uid_name(eo, u), i['risk'], [(k, v[:3], extra(v[3])) for k, v in sorted(got_lines(i).items())][:4]))
    # (b)(c) per line
    for u in set(imps) & set(exp_users) | (set(imps) & set(exp_users)):
        pass
    for u in set(imps) | set(exp_users):
        if u not in imps and u not in definite:
            continue
        g = got_lines(imps[u]) if u in imps else {}
        x = exp_users.get(u, {})
        for k in set(x) | set(g):
            alts = x.get(k, [None])
            gl = g.get(k)
            if gl is not None and 'T' in gl[:2]:
                P.append(('N-unmasked-level-not-written', uid_name(eo, u), k, gl[:2], alts))
                a0 = alts[0] or (0, 0)
                gl = ((a0[0] if gl[0] == 'T' and a0[0] else gl[0]), (a0[1] if gl[1] == 'T' and a0[1] else gl[1])) + tuple(gl[2:])
            if gl is None:
                if None in alts: continue
                if u not in imps: continue  # counted as missing user
                P.append(('B-missing-line' + ('-create' if k[-1] == 'create' and k[0] == 't' else ''), uid_name(eo, u), k, alts[0]))
                continue
            go, gn, gr, raw = gl
            if gr == 'neutral' and raw.get('dormant') and all(a is None for a in alts):
                P.append(('N-dormant-info-line', uid_name(eo, u), k, gl[:3])); continue
            real = [a for a in alts if a is not None]
            if not real:
                P.append(('B-extra-line' + ('-create' if k[-1] == 'create' and k[0] == 't' else ''), uid_name(eo, u), k, gl[:3], extra(raw)))
                continue
            if not any((go, gn) == (a[0], a[1]) for a in real):
                P.append(('B-level', uid_name(eo, u), k, (go, gn), real[0][:2]))
            elif not any((go, gn, gr) == a[:3] for a in real):
                P.append(('C-risk' + ('-create' if k[-1] == 'create' and k[0] == 't' else ''), uid_name(eo, u), k, (go, gn), 'dvsec=' + gr, 'model=' + '/'.join(sorted(set(a[2] for a in real))), extra(raw)))
        if u not in imps: continue
        worst = max((v[2] for v in g.values()), key=lambda r: RANK[r], default='neutral')
        if imps[u]['risk'] != worst:
            P.append(('C-userrisk', uid_name(eo, u), imps[u]['risk'], worst))
    imp_esc = any(i['risk'] == 'escalation' for i in C['impacts'])
    ent_esc = any(e['risk'] == 'escalation' for e in C['entries'])
    want = 3 if (imp_esc or ent_esc) else (1 if not C['identical'] else 0)
    if rc != want:
        P.append(('C-exit', rc, want))
    exp_esc = any(all(a is not None and a[2] == 'escalation' for a in alts) for L in exp_users.values() for alts in L.values())
    if exp_esc and rc != 3:
        P.append(('C-exit-model', rc, 'model expects escalation'))
    if not exp_users and not C['entries'] and rc != 0:
        P.append(('C-exit0', rc))
    if D['escalation'] != (rc == 3):
        P.append(('C-escflag', D['escalation'], rc))
    # entries vs impacts consistency
    if ent_esc and not imp_esc:
        P.append(('N-entry-esc-without-impact-esc', [(e['kind'], e['name'], [(l.get('field'), l.get('subject'), l.get('reasons')) for l in e['lines'] if l['risk'] == 'escalation'][:3]) for e in C['entries'] if e['risk'] == 'escalation']))
    if imp_esc and not ent_esc:
        P.append(('N-impact-esc-without-entry-esc', [(e['kind'], e['name'], e['risk']) for e in C['entries']]))
    # (d) mirror
    if set(imps) != set(imps2):
        P.append(('D-users', [uid_name(eo, u) for u in set(imps) ^ set(imps2)]))
    swap = {'escalation': 'reduction', 'reduction': 'escalation', 'neutral': 'neutral'}
    for u in set(imps) & set(imps2):
        g = got_lines(imps[u]); g2 = got_lines(imps2[u])
        if set(g) != set(g2):
            P.append(('D-lines', uid_name(eo, u), sorted(set(g) ^ set(g2))[:4]))
        for k in set(g) & set(g2):
            a, b = g[k], g2[k]
            if (a[0], a[1]) != (b[1], b[0]):
                P.append(('D-levels', uid_name(eo, u), k, a[:2], b[:2]))
            r1, r2 = a[2], b[2]
            ok = r2 == swap[r1] or (r1 == r2 == 'escalation' and (
                set(a[3].get('reasons', [])) & {'scopeChanged', 'ownersChanged'}) and set(b[3].get('reasons', [])) & {'scopeChanged', 'ownersChanged'})
            if not ok:
                P.append(('D-risk', uid_name(eo, u), k, a[:3], a[3].get('reasons'), b[:3], b[3].get('reasons')))
    return P, rc, D


def extra(raw):
    return {k: raw.get(k) for k in ('reasons', 'oldScope', 'newScope', 'scopeChange', 'dormant', 'withoutTableOperation') if k in raw}


def uid_name(env, u):
    return env.users[u]['name']


def validate(path):
    rc, out, err = run('validate', path)
    return rc == 0, out + err


def gen(seed, R):
    users = R.randint(5, 16); teams = R.randint(3, 10); roles = R.randint(4, 9); tables = R.randint(2, 5)
    path = f'{W}/gen_{seed}.json'
    if not os.path.exists(path):
        rc, out, err = run('generate', '--users', str(users), '--teams', str(teams), '--roles', str(roles),
                           '--tables', str(tables), '--seed', str(seed), '--out', path)
        if rc != 0: raise RuntimeError(err)
    return path
