"""Role copies (roleBusinessUnits, modernized business units): seeding, edit kinds, entry property."""
import json, copy
import model
from fuzz import env_of, E_modern, E_moveuser, E_movebu, drop_copy
from fuzz import E_rolebu


def _par(e):
    return {b['id']: b.get('parent') for b in e['businessUnits']}


def _subtree(e, b):
    ch = {}
    for x, p in _par(e).items():
        ch.setdefault(p, []).append(x)
    out, st = set(), [b]
    while st:
        x = st.pop()
        if x in out: continue
        out.add(x); st.extend(ch.get(x, []))
    return sorted(out)


def pick_unit(e, R, role, principal_bu, avoid=None):
    allb = sorted(b['id'] for b in e['businessUnits'])
    for _ in range(10):
        x = R.random()
        if x < 0.5: c = R.choice(_subtree(e, role['businessUnit']))
        elif x < 0.65: c = principal_bu
        elif x < 0.75: c = role['businessUnit']
        else: c = R.choice(allb)
        if c != avoid: return c
    return None


def holders(e, kind):
    if kind == 'user':
        return [u for u in e['users'] if u.get('roles')]
    return [t for t in e['teams'] if t.get('type', 'owner') != 'access' and t.get('roles')]


def _scoped(role):
    return any(model.lvl(v) in ('local', 'deep') for row in role.get('privileges', {}).values() for v in row.values())


def seed_copies(d, R, p=0.3):
    """name copies for random (holder, role) pairs"""
    e = env_of(d); roles = {r['id']: r for r in e['roles']}
    n = 0
    for kind in ('user', 'team'):
        for h in holders(e, kind):
            for rid in h['roles']:
                if R.random() < p:
                    c = pick_unit(e, R, roles[rid], h['businessUnit'])
                    h.setdefault('roleBusinessUnits', {})[rid] = c; n += 1
    return ('seed-copies', n)


def _copy_edit(d, R, kind, h=None):
    e = env_of(d); roles = {r['id']: r for r in e['roles']}
    hs = holders(e, kind)
    if h is None:
        if not hs: return None
        # prefer holders of roles with Local/Deep levels
        pref = [x for x in hs if any(_scoped(roles[r]) for r in x['roles'])]
        h = R.choice(pref if pref and R.random() < 0.8 else hs)
    m = h.get('roleBusinessUnits', {})
    if m and R.random() < 0.3:
        rid = R.choice(sorted(m)); old = m.pop(rid)
        if not m: h.pop('roleBusinessUnits')
        return (kind + '-copy-remove', h['id'], rid, old)
    rs = [r for r in h['roles'] if _scoped(roles[r])] if R.random() < 0.8 else []
    rid = R.choice(rs or h['roles'])
    old = m.get(rid)
    c = pick_unit(e, R, roles[rid], h['businessUnit'], avoid=old)
    if c is None: return None
    h.setdefault('roleBusinessUnits', {})[rid] = c
    return (kind + ('-copy-change' if old else '-copy-set'), h['id'], rid, old, c)


def E_usercopy(d, R):
    return _copy_edit(d, R, 'user')


def E_teamcopy(d, R):
    return _copy_edit(d, R, 'team')


def E_copyroleremove(d, R):
    """remove from `roles` a role whose copy is named (dropping the entry)"""
    e = env_of(d)
    hs = [x for x in e['users'] + e['teams'] if x.get('roleBusinessUnits')]
    if not hs: return None
    h = R.choice(hs); rid = R.choice(sorted(h['roleBusinessUnits']))
    h['roles'].remove(rid)
    if not h['roles']: h.pop('roles')
    drop_copy(h, rid)
    return ('copy-role-remove', h['id'], rid)


def E_copycombo(d, R):
    """a copy edit plus a related structural edit"""
    e = env_of(d)
    kind = R.choice(['user', 'team'])
    a = _copy_edit(d, R, kind)
    if a is None: return None
    hid = a[1]; rid = a[2]
    h = [x for x in e[kind + 's'] if x['id'] == hid][0]
    x = R.random()
    if x < 0.3:
        b = E_modern(d, R)
    elif x < 0.5:
        # move the holder itself
        old = h['businessUnit']
        h['businessUnit'] = R.choice([b['id'] for b in e['businessUnits'] if b['id'] != old]) if not h.get('default') else old
        b = ('move-holder', hid, old, h['businessUnit'])
    elif x < 0.7:
        b = E_movebu(d, R)
    elif x < 0.85:
        # move the role
        r = [r for r in e['roles'] if r['id'] == rid][0]
        old = r['businessUnit']
        r['businessUnit'] = R.choice([b['id'] for b in e['businessUnits'] if b['id'] != old])
        b = ('move-role', rid, old, r['businessUnit'])
    else:
        b = E_moveuser(d, R)
    return ('copy-combo', a, b)


def copy_of(env, kind, hid, rid):
    """the model's unit of the copy of rid held by user/team hid (None: not held)"""
    x = (env.users if kind == 'user' else env.teams).get(hid)
    if x is None or rid not in x.get('roles', []) or rid not in env.roles: return None
    if kind == 'team' and x.get('type', 'owner') == 'access': return None
    return env.copy_bu(env.roles[rid], x['businessUnit'], x.get('roleBusinessUnits', {}).get(rid))


def entry_props(base, tgt, D):
    """role copy lines of dvsec's entries vs the snapshots; risk vs the model"""
    P = []
    eo, en = model.load(base), model.load(tgt)
    C = D['comparisons'][0]
    got = {}
    for ent in C['entries']:
        for l in ent['lines']:
            if l.get('field') == 'roleCopy':
                got[(ent['kind'], ent['id'], l.get('subjectId'))] = (l.get('symbol'), l.get('risk'), tuple(l.get('reasons', [])), l.get('old'), l.get('new'))
    exp = {}
    for kind, A, B in (('user', eo.users, en.users), ('team', eo.teams, en.teams)):
        for hid in set(A) & set(B):
            ma = A[hid].get('roleBusinessUnits', {}); mb = B[hid].get('roleBusinessUnits', {})
            for rid in set(ma) | set(mb):
                if ma.get(rid) != mb.get(rid):
                    exp[(kind, hid, rid)] = (ma.get(rid), mb.get(rid))
    for k in set(exp) - set(got):
        P.append(('F-rolecopy-missing-line', k[0], name_of(eo, k), exp[k]))
    for k in set(got) - set(exp):
        P.append(('F-rolecopy-extra-line', k[0], name_of(eo, k), got[k]))
    from fuzz import expected
    cache = {}
    def scope_risks(uid):
        if uid not in cache:
            r = set()
            if uid in eo.users and uid in en.users:
                L, _, _ = expected(eo, en, uid)
                for key, alts in L.items():
                    if key[0] != 't': continue
                    for a in alts:
                        if a is not None and a[0] == a[1] and a[2] in ('escalation', 'reduction'):
                            r.add(a[2])
            cache[uid] = r
        return cache[uid]
    for k in set(got) & set(exp):
        kind, hid, rid = k
        ca, cb = copy_of(eo, kind, hid, rid), copy_of(en, kind, hid, rid)
        scoped = any(_scoped(env.roles[rid]) for env in (eo, en) if rid in env.roles)
        if kind == 'team':
            us = set()
            for env in (eo, en):
                if hid in env.teams: us |= env.team_members(env.teams[hid])
        else:
            us = {hid}
        moved = ca is not None and cb is not None and ca != cb and scoped
        rs = set().union(*[scope_risks(u) for u in us]) if moved else set()
        want = 'escalation' if 'escalation' in rs else 'reduction' if 'reduction' in rs else 'neutral'
        if got[k][1] != want:
            P.append(('F-rolecopy-risk', kind, name_of(eo, k), 'dvsec=' + got[k][1], 'model=' + want, (ca, cb), got[k]))
    return P, len(got)


def name_of(env, k):
    kind, hid, rid = k
    x = (env.users if kind == 'user' else env.teams).get(hid, {})
    return (x.get('name'), env.roles.get(rid, {}).get('name'))
