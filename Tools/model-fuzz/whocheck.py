"""`dvsec who-can` grant scopes (index path) vs the model, every table/op, dormant users included."""
import sys, json, subprocess, collections
import model
from effcheck import model_grants, DV
from model import lvl

def check_file(path):
    env = model.load(path); P = []
    M = {u: model_grants(env, u) for u in env.users}
    for tn, tb in env.tables.items():
        org = tb.get('ownership', 'user') == 'organization'
        for op in model.OPS:
            if org and op in ('assign', 'share'): continue
            p = subprocess.run([DV, 'who-can', path, '--table', tn, '--op', op, '--include-dormant', '--format', 'json'], capture_output=True, text=True)
            if p.returncode not in (0, 1): raise RuntimeError(p.stderr)
            d = json.loads(p.stdout)
            G = {}
            for u in d['users']:
                g = {}
                sa = False
                for x in u['grants']:
                    if x.get('systemAdministrator'): sa = True; continue
                    pa = x['path']
                    g[(tn, op, pa['kind'], pa['roleId'], pa.get('teamId'))] = (lvl(x['level']), x['scopeBusinessUnit'])
                G[u['user']] = None if sa else g
            for uid in env.users:
                m = M[uid]
                if m is None:
                    if uid in G and G[uid] is not None: P.append(('W-sa', uid, tn, op))
                    continue
                if env.users[uid].get('accessMode') == 'read' and op != 'read' and uid not in G: continue  # listed under readAccessModeUsers
                mk = {k: v for k, v in m.items() if k[0] == tn and k[1] == op}
                gk = G.get(uid, {}) or {}
                if uid not in G and not mk: continue
                for k in set(mk) | set(gk):
                    if mk.get(k) != gk.get(k):
                        P.append(('W-grant', env.users[uid]['name'], k, 'model', mk.get(k), 'dvsec', gk.get(k)))
    return P

if __name__ == '__main__':
    st = collections.Counter()
    for f in sys.argv[1:]:
        P = check_file(f); st['files'] += 1
        for k in set(p[0] for p in P): st[k] += 1
        if P:
            print('FILE', f); [print('   ', p) for p in P[:4]]
    print(dict(st))
