import sys, json, random, collections, copy, traceback, os
import fuzz
from fuzz import *

def E_license(d, R):
    u = R.choice(env_of(d)['users'])
    if u.get('licensed') is False: u.pop('licensed'); return ('license', u['id'])
    u['licensed'] = False; return ('unlicense', u['id'])

def E_sg(d, R):
    e = env_of(d); sg = e.get('securityGroup')
    g = [g for g in e.get('entraGroups', []) if g['id'] == sg]
    if not g: return None
    g = g[0]; ms = g.setdefault('members', [])
    ids = {m['user'] for m in ms}
    if ms and R.random() < 0.6:
        m = R.choice(ms); ms.remove(m); return ('sg-remove', m['user'])
    cand = [u['id'] for u in e['users'] if u['id'] not in ids]
    if not cand: return None
    x = R.choice(cand); ms.append({'type': 'member', 'user': x}); ms.sort(key=lambda m: m['user']); return ('sg-add', x)

def E_accessmode(d, R):
    u = R.choice(env_of(d)['users'])
    if u.get('accessMode') == 'read': u.pop('accessMode'); return ('rw', u['id'])
    u['accessMode'] = 'read'; return ('readmode', u['id'])

def E_admin(d, R):
    e = env_of(d)
    if e.get('adminMode'): e.pop('adminMode'); return ('admin-off',)
    e['adminMode'] = True; return ('admin-on',)

def E_teambu(d, R):
    e = env_of(d)
    teams = [t for t in e['teams'] if not t.get('default')]
    if not teams: return None
    t = R.choice(teams)
    cand = [b['id'] for b in e['businessUnits'] if b['id'] != t['businessUnit']]
    old = t['businessUnit']; t['businessUnit'] = R.choice(cand); return ('team-bu', t['id'], old, t['businessUnit'])

def E_groupmember(d, R):
    e = env_of(d)
    gids = {t.get('entraGroup') for t in e['teams'] if t.get('type', '').startswith('entra')}
    gs = [g for g in e.get('entraGroups', []) if g['id'] in gids and g['id'] != e.get('securityGroup')]
    if not gs: return None
    g = R.choice(gs); ms = g.setdefault('members', [])
    ids = {m['user'] for m in ms}
    if ms and R.random() < 0.5:
        m = R.choice(ms); ms.remove(m)
        if not ms: g.pop('members')
        return ('grp-remove', g['id'], m['user'])
    cand = [u['id'] for u in e['users'] if u['id'] not in ids]
    if not cand: return None
    x = R.choice(cand); ms.append({'type': R.choice(['member', 'member', 'guest']), 'user': x}); ms.sort(key=lambda m: m['user'])
    return ('grp-add', g['id'], x)

def pick_team_held_role(e, R):
    """a role without a template, one a team holds 4 times in 5 when there is one"""
    held = {r for t in e['teams'] for r in t.get('roles', [])}
    roles = [r for r in e['roles'] if not r.get('template')]
    pref = [r for r in roles if r['id'] in held]
    return R.choice(pref if pref and R.random() < 0.8 else roles)

def E_inhpriv(d, R):
    """toggle inheritance and change a privilege of the same role (prefer roles held by teams)"""
    e = env_of(d)
    r = pick_team_held_role(e, R)
    if r.get('inheritsMemberPrivileges') is False: r.pop('inheritsMemberPrivileges'); a = 'on'
    else: r['inheritsMemberPrivileges'] = False; a = 'off'
    t = R.choice(e['tables']); org = t.get('ownership', 'user') == 'organization'
    ops = [o for o in OPS if not (org and o in ('assign', 'share'))]
    if R.random() < 0.4: ops = ['create']
    op = R.choice(ops)
    cur = model.lvl(r.get('privileges', {}).get(t['logicalName'], {}).get(op))
    ch = [c for c in (['none', 'global'] if org else LV) if c != cur]
    new = R.choice(ch)
    p = r.setdefault('privileges', {}).setdefault(t['logicalName'], {})
    if new == 'none':
        p.pop(op, None)
        if not p: r['privileges'].pop(t['logicalName'])
        if not r['privileges']: r.pop('privileges')
    else: p[op] = new
    return ('inherit-' + a + '+priv', r['id'], t['logicalName'], op, cur, new)

def E_modern_on_base(d, R):
    env_of(d)['modernizedBusinessUnits'] = True; return ('base-modern',)



def E_createcombo(d, R):
    """a user's direct Local/Deep Create moves (level or role BU) while one of their teams' roles gains/loses Create on the same table"""
    e = env_of(d)
    roles = {r['id']: r for r in e['roles']}
    users = [u for u in e['users'] if any(not roles[r].get('template') for r in u.get('roles', []))]
    if not users: return None
    u = R.choice(users)
    tabs = [t['logicalName'] for t in e['tables'] if t.get('ownership', 'user') != 'organization']
    if not tabs: return None
    tn = R.choice(tabs)
    op = 'create' if R.random() < 0.7 else R.choice(['read', 'write', 'delete', 'append', 'appendTo', 'assign', 'share'])
    dr = roles[R.choice([r for r in u['roles'] if not roles[r].get('template')])]
    p = dr.setdefault('privileges', {}).setdefault(tn, {})
    cur = model.lvl(p.get(op))
    p[op] = R.choice([x for x in ['local', 'deep', 'basic'] if x != cur])
    teams = [t for t in e['teams'] if t.get('type', 'owner') == 'owner' and not t.get('default')]
    teams += [t for t in e['teams'] if t.get('default') and t['businessUnit'] == u['businessUnit']]
    if not teams: return ('combo-direct', u['id'], tn, op)
    t = R.choice(teams)
    if not t.get('default') and u['id'] not in t.get('members', []) and R.random() < 0.7:
        t.setdefault('members', []).append(u['id']); t['members'].sort()
    trs = [roles[r] for r in t.get('roles', []) if not roles[r].get('template')]
    if trs and R.random() < 0.6:
        tr = R.choice(trs)
    else:
        cand = [r for r in e['roles'] if not r.get('template') and r['id'] != dr['id'] and r['id'] not in t.get('roles', [])]
        if not cand: return ('combo-direct', u['id'], tn, op)
        tr = R.choice(cand); t.setdefault('roles', []).append(tr['id']); t['roles'].sort()
    q = tr.setdefault('privileges', {}).setdefault(tn, {})
    if q.get(op) and R.random() < 0.4:
        q.pop(op)
        if not q: tr['privileges'].pop(tn)
        if not tr['privileges']: tr.pop('privileges')
    else:
        q[op] = R.choice(['basic', 'basic', 'local', 'deep'])
    if R.random() < 0.3:
        if tr.get('inheritsMemberPrivileges') is False: tr.pop('inheritsMemberPrivileges')
        else: tr['inheritsMemberPrivileges'] = False
    return ('combo', u['id'], tn, op, dr['id'], t['id'], tr['id'])
