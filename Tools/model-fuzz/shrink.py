"""Structural diff of two snapshots into atomic edits; greedy shrink against a predicate."""
import json, copy, sys
from fuzz import *

ENT = ['businessUnits', 'users', 'teams', 'roles', 'fieldSecurityProfiles', 'entraGroups']
SETS = {'roles', 'members', 'users', 'teams'}


def atoms(a, b):
    ea, eb = env_of(a), env_of(b)
    out = []
    for k in set(ea) | set(eb):
        if k in ENT or k == 'tables':
            continue
        if ea.get(k) != eb.get(k):
            out.append(('env', k, ea.get(k), eb.get(k)))
    for kind in ENT:
        A = {x['id']: x for x in ea.get(kind, [])}; B = {x['id']: x for x in eb.get(kind, [])}
        for i in A:
            xa, xb = A[i], B[i]
            for f in set(xa) | set(xb):
                va, vb = xa.get(f), xb.get(f)
                if va == vb: continue
                if f in SETS and not any(isinstance(x, dict) for x in (va or []) + (vb or [])):
                    for v in set(va or []) - set(vb or []): out.append(('setdel', kind, i, f, v))
                    for v in set(vb or []) - set(va or []): out.append(('setadd', kind, i, f, v))
                elif f == 'privileges':
                    pa, pb = va or {}, vb or {}
                    for t in set(pa) | set(pb):
                        for op in set(pa.get(t, {})) | set(pb.get(t, {})):
                            if pa.get(t, {}).get(op) != pb.get(t, {}).get(op):
                                out.append(('priv', i, t, op, pb.get(t, {}).get(op)))
                elif f == 'permissions':
                    out.append(('field', kind, i, f, vb))
                else:
                    out.append(('field', kind, i, f, vb))
    TA = {t['logicalName']: t for t in ea['tables']}; TB = {t['logicalName']: t for t in eb['tables']}
    for t in TA:
        ca = {c['logicalName']: c for c in TA[t].get('columns', [])}
        cb = {c['logicalName']: c for c in TB[t].get('columns', [])}
        for c in ca:
            if ca[c] != cb[c]:
                out.append(('col', t, c, cb[c]))
    return out


def apply(base, ats):
    d = copy.deepcopy(base); e = env_of(d)
    for a in ats:
        if a[0] == 'env':
            if a[3] is None: e.pop(a[1], None)
            else: e[a[1]] = a[3]
        elif a[0] in ('setdel', 'setadd'):
            _, kind, i, f, v = a
            x = [x for x in e[kind] if x['id'] == i][0]
            s = set(x.get(f, []))
            s.discard(v) if a[0] == 'setdel' else s.add(v)
            if s: x[f] = sorted(s)
            else: x.pop(f, None)
        elif a[0] == 'priv':
            _, i, t, op, v = a
            x = [x for x in e['roles'] if x['id'] == i][0]
            p = x.setdefault('privileges', {}).setdefault(t, {})
            if v is None: p.pop(op, None)
            else: p[op] = v
            if not p: x['privileges'].pop(t)
            if not x['privileges']: x.pop('privileges')
        elif a[0] == 'field':
            _, kind, i, f, v = a
            x = [x for x in e[kind] if x['id'] == i][0]
            if v is None: x.pop(f, None)
            else: x[f] = v
        elif a[0] == 'col':
            _, t, c, v = a
            tb = [x for x in e['tables'] if x['logicalName'] == t][0]
            for j, cc in enumerate(tb['columns']):
                if cc['logicalName'] == c: tb['columns'][j] = v
    return d


def shrink(basepath, tgtpath, pred, outprefix):
    base = json.load(open(basepath)); tgt = json.load(open(tgtpath))
    ats = atoms(base, tgt)
    i = 0
    while i < len(ats):
        trial = ats[:i] + ats[i + 1:]
        d = apply(base, trial)
        p = outprefix + '_try.json'
        write(d, p)
        ok, _ = validate(p)
        if ok and trial and pred(basepath, p):
            ats = trial
        else:
            i += 1
    d = apply(base, ats)
    write(d, outprefix + '_target.json')
    write(base, outprefix + '_base.json')
    os.remove(outprefix + '_try.json')
    return ats


def probpred(kind, who=None, key=None):
    def f(b, t):
        P, rc, D = check(b, t, [])
        for p in P:
            if p[0] == kind and (who is None or (len(p) > 1 and p[1] == who)) and (key is None or key in repr(p)):
                return True
        return False
    return f
