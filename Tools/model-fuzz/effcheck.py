"""`dvsec effective --explain` grant scopes vs the model's rule, per user, per grant path."""
import sys, json, subprocess, glob, collections
import model
from model import lvl
import paths
DV = paths.require_dvsec()

def model_grants(env, uid):
    """{(table, op, kind, roleId, teamId): (level, scopeBU)} for non-SA users; None for SA"""
    if env.is_sa(uid): return None
    u = env.users[uid]; out = {}
    for tn, tb in env.tables.items():
        org = tb.get('ownership', 'user') == 'organization'
        for op in model.OPS:
            if org and op in ('assign', 'share'): continue
            for rid in u.get('roles', []):
                r = env.roles.get(rid)
                if not r: continue
                l = env.role_level(r, tn, op)
                if l == 'none': continue
                out[(tn, op, 'direct', rid, None)] = ('global' if org else l, env.copy_bu(r, u['businessUnit'], u.get('roleBusinessUnits', {}).get(rid)))
            for t in env.role_teams(uid):
                for rid in t.get('roles', []):
                    r = env.roles.get(rid)
                    if not r: continue
                    l = env.role_level(r, tn, op)
                    if l == 'none': continue
                    out[(tn, op, 'team', rid, t['id'])] = ('global' if org else l, env.copy_bu(r, t['businessUnit'], t.get('roleBusinessUnits', {}).get(rid)))
                    if r.get('inheritsMemberPrivileges', True) is not False:
                        out[(tn, op, 'inherited', rid, t['id'])] = ('global' if org else 'basic', u['businessUnit'])
    return out

def dv_grants(path, uid):
    p = subprocess.run([DV, 'effective', path, '--user', uid, '--explain', '--all', '--format', 'json'], capture_output=True, text=True)
    if p.returncode != 0: raise RuntimeError(p.stderr)
    d = json.loads(p.stdout); out = {}; sa = False
    for t in d['tables']:
        for op, o in t['operations'].items():
            for g in o['grants']:
                if g.get('systemAdministrator'): sa = True; continue
                pa = g['path']
                out[(t['table'], op, pa['kind'], pa['roleId'], pa.get('teamId'))] = (lvl(g['level']), g['scopeBusinessUnit'])
    return None if sa else out

def check_file(path, users=None):
    env = model.load(path); P = []
    for uid in (users or env.users):
        m = model_grants(env, uid); g = dv_grants(path, uid)
        if (m is None) != (g is None):
            P.append(('G-sa', uid, m is None, g is None)); continue
        if m is None: continue
        for k in set(m) | set(g):
            mv, gv = m.get(k), g.get(k)
            if mv == gv: continue
            # scope of a Basic/Global grant carries no meaning for reach; report separately
            sev = 'G-scope' if (mv and gv and mv[0] == gv[0] and mv[0] in ('local', 'deep')) else ('G-scope-nonscoped' if mv and gv and mv[0] == gv[0] else 'G-grant')
            P.append((sev, env.users[uid]['name'], k, 'model', mv, 'dvsec', gv))
    return P

if __name__ == '__main__':
    files = sys.argv[1:]
    st = collections.Counter()
    for f in files:
        P = check_file(f)
        st['files'] += 1
        kinds = collections.Counter(p[0] for p in P)
        for k in kinds: st[k] += 1
        if P:
            print('FILE', f, dict(kinds))
            for p in P[:4]: print('   ', p)
    print(dict(st))
