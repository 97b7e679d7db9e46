"""Shrink a pair against an entry_props (F-*) or check() problem kind.

    python3 shrinkf.py BASE.json TARGET.json KIND OUTPREFIX [SUBSTRING]

Greedily drops atomic edits (shrink.atoms) while the problem KIND (e.g. C-risk, F-rolecopy-risk) is still
reported (and its repr contains SUBSTRING, if given). Writes OUTPREFIX_base.json and OUTPREFIX_target.json."""
import sys, json, os
if len(sys.argv) < 5:
    sys.exit(__doc__)
os.environ.setdefault('DVSEC_FUZZ_WORK', os.path.dirname(os.path.abspath(sys.argv[4])))
from shrink import *
from rc import entry_props
b, t, kind, out = sys.argv[1:5]
key = sys.argv[5] if len(sys.argv) > 5 else None
def pred(bp, tp):
    P, rc, D = check(bp, tp, [])
    P2, n = entry_props(bp, tp, D)
    return any(p[0] == kind and (key is None or key in repr(p)) for p in P + P2)
ats = shrink(b, t, pred, out)
print(ats)
P, rc, D = check(out + '_base.json', out + '_target.json', [])
P2, n = entry_props(out + '_base.json', out + '_target.json', D)
print('rc', rc); [print(repr(p)[:700]) for p in P + P2]
