"""Independent model of Dataverse effective access (DATAVERSE.md §2 + EffectiveAccessRules.md)."""
import json
import paths

LV = ['none', 'basic', 'local', 'deep', 'global']
LVI = {l: i for i, l in enumerate(LV)}
ALIAS = {'user': 'basic', 'bu': 'local', 'business-unit': 'local', 'parent-child': 'deep',
         'org': 'global', 'organization': 'global'}
OPS = ['create', 'read', 'write', 'delete', 'append', 'appendTo', 'assign', 'share']
SA_T = '627090ff-40a3-4053-8790-584edc5be201'
SC_T = '119f245c-3cc8-4b62-b31c-d1a046ced15d'
SA_PROFILE = '572329c1-a042-4e22-be47-367c6374ea45'
PERMS = ['read', 'create', 'update', 'readUnmasked']
UNM = {'not-allowed': 0, 'one-record': 1, 'all-records': 3}
SA_MISC = None
BLOCKED = set(json.load(open(paths.data('blocked.json'))))
# DATAVERSE.md 1.5: the known miscellaneous privileges are Global only, prvActivateSynchronousWorkflow
# Basic too [I]; a level a privilege does not have counts as the lowest one above it it has.
KNOWN_MISC = {n.lower() for n in json.load(open(paths.data('sa_misc.json')))}


def misc_level(name, level):
    if name.lower() not in KNOWN_MISC or level == 'none':
        return level
    allowed = ['user', 'global'] if name.lower() == 'prvactivatesynchronousworkflow' else ['global']
    if level in allowed:
        return level
    order = ['none', 'user', 'local', 'deep', 'global']
    return next((a for a in allowed if order.index(a) > order.index(level)), 'global')
WRITE_PREFIXES = ('prvCreate', 'prvDelete', 'prvWrite', 'prvBulk', 'prvMerge', 'prvPublish', 'prvAssign', 'prvApprove', 'prvDisable', 'prvOverride', 'prvRestore', 'prvConfigure', 'prvActivate')  # filled from dvsec output (list of known misc names) - data not logic


import os
IGNORE_HELD = bool(os.environ.get('IGNORE_HELD'))


def lvl(x):
    x = (x or 'none').lower()
    return ALIAS.get(x, x)


class Env:
    def __init__(self, doc):
        e = doc['environments'][0]
        self.e = e
        self.bu_parent = {b['id']: b.get('parent') for b in e['businessUnits']}
        self.bus = {b['id']: b for b in e['businessUnits']}
        self.children = {}
        for b, p in self.bu_parent.items():
            self.children.setdefault(p, []).append(b)
        self.users = {u['id']: u for u in e['users']}
        self.teams = {t['id']: t for t in e.get('teams', [])}
        self.roles = {r['id']: r for r in e.get('roles', [])}
        self.tables = {t['logicalName']: t for t in e.get('tables', [])}
        self.profiles = e.get('fieldSecurityProfiles', [])
        self.groups = {g['id']: g for g in e.get('entraGroups', [])}
        self.modern = bool(e.get('modernizedBusinessUnits'))
        self._sub = {}

    def copy_bu(self, r, principal, held=None):
        # Classic: the holder's own unit, whatever copy is named.
        # Modernized: the named copy's unit (roleBusinessUnits of the holder: the team for a team
        # role, the user for a direct one), read as it is; without one, the holder's own unit's
        # copy when the role was made there or above it, else the role's unit [I].
        if not self.modern:
            return principal
        if held is not None and not IGNORE_HELD:
            return held
        rb = r['businessUnit']
        if principal in self.subtree(rb):
            return principal
        return rb

    def subtree(self, b):
        if b in self._sub:
            return self._sub[b]
        out, st = set(), [b]
        while st:
            x = st.pop()
            if x in out:
                continue
            out.add(x)
            st.extend(self.children.get(x, []))
        self._sub[b] = frozenset(out)
        return self._sub[b]

    def team_members(self, t):
        ty = t.get('type', 'owner')
        if t.get('default'):
            return {u for u, x in self.users.items() if x['businessUnit'] == t['businessUnit']}
        if ty in ('entra-security-group', 'entra-office-group'):
            g = self.groups.get(t.get('entraGroup'))
            if not g:
                return set()
            mt = t.get('membershipType', 'members-and-guests')
            out = set()
            for m in g.get('members', []):
                typ = m.get('type', 'member')
                if mt == 'members-and-guests' or (mt == 'members' and typ == 'member') or \
                   (mt == 'owners' and typ == 'member' and m.get('owner')) or (mt == 'guests' and typ == 'guest'):
                    out.add(m['user'])
            return out
        return set(t.get('members', []))

    def user_teams(self, uid):
        return [t for t in self.teams.values() if uid in self.team_members(t)]

    def role_teams(self, uid):  # owner/group teams (incl. default)
        return [t for t in self.user_teams(uid) if t.get('type', 'owner') != 'access']

    def is_sa(self, uid):
        u = self.users[uid]
        rs = list(u.get('roles', []))
        for t in self.role_teams(uid):
            rs += t.get('roles', [])
        return any(self.roles[r].get('template', '').lower() == SA_T for r in rs if r in self.roles)

    def holds_template(self, uid, tpl):
        u = self.users[uid]
        rs = list(u.get('roles', []))
        for t in self.role_teams(uid):
            rs += t.get('roles', [])
        return any(self.roles[r].get('template', '').lower() == tpl for r in rs if r in self.roles)

    def dormancy(self, uid):
        u = self.users[uid]
        d = []
        if u.get('disabled'):
            d.append('disabled')
        app = u.get('applicationUser')
        # A disabled unit, or one above it, keeps its users from signing in.
        b, seen = u['businessUnit'], set()
        while b is not None and b not in seen:
            seen.add(b)
            bu = self.bus.get(b)
            if bu is None:
                break
            if bu.get('disabled'):
                d.append('businessUnitDisabled')
                break
            b = bu.get('parent')
        # Application, non-interactive and Administrative users need no licence.
        am = u.get('accessMode', 'read-write')
        if u.get('licensed') is False and not app and am not in ('non-interactive', 'administrative'):
            d.append('unlicensed')
        sg = self.e.get('securityGroup')
        if sg and not app:
            g = self.groups.get(sg)
            if g is None or uid not in {m['user'] for m in g.get('members', [])}:
                d.append('outsideSecurityGroup')
        if self.e.get('adminMode') and not (self.holds_template(uid, SA_T) or self.holds_template(uid, SC_T)):
            d.append('adminMode')
        if am == 'administrative':
            d.append('administrativeAccessMode')
        return d

    def role_level(self, r, table, op):
        return lvl(r.get('privileges', {}).get(table, {}).get(op))

    def held_levels(self, holder, table, op):
        """(role, level, scope unit) of each role a user or team holds that grants op on table:
        the unit of the copy it holds (roleBusinessUnits, or the default)."""
        for rid in holder.get('roles', []):
            r = self.roles.get(rid)
            if not r:
                continue
            l = self.role_level(r, table, op)
            if l == 'none':
                continue
            yield r, l, self.copy_bu(r, holder['businessUnit'], holder.get('roleBusinessUnits', {}).get(rid))
    def grants(self, uid, table, op):
        """list of (level, scopeBU, actsAs) with actsAs 'user' or team id. Granted (not dormancy)."""
        u = self.users[uid]
        tb = self.tables[table]
        org = tb.get('ownership', 'user') == 'organization'
        if org and op in ('assign', 'share'):
            return []
        root = [b for b, p in self.bu_parent.items() if not p][0]
        if self.is_sa(uid):
            if u.get('accessMode') == 'read' and op != 'read':
                return []
            return [('global', root, 'user', False)]
        out = []
        for r, l, bu in self.held_levels(u, table, op):
            out.append((l, bu, 'user', False))
        for t in self.role_teams(uid):
            for r, l, bu in self.held_levels(t, table, op):
                inh = r.get('inheritsMemberPrivileges', True) is not False
                out.append((l, bu, t['id'], inh))
                if inh:
                    out.append(('basic', u['businessUnit'], 'user', False))
        am = u.get('accessMode', 'read-write')
        if am == 'read' and op != 'read':
            out = []
        if org:
            out = [('global', b, a, i) for (l, b, a, i) in out]
        return out

    def level(self, G):
        return max((l for l, _, _, _ in G), key=lambda x: LVI[x], default='none')

    def reach(self, uid, op, G, teamInhCreate=False):
        """Records reached: ('ALL',) or (frozenset BUs, frozenset owner tokens not covered by BUs)."""
        L = self.level(G)
        if L == 'global':
            return 'ALL'
        if L == 'none':
            return (frozenset(), frozenset())
        bus = set()
        owners = set()
        for l, b, a, inh in G:
            if l == 'local':
                bus.add(b)
            elif l == 'deep':
                bus |= self.subtree(b)
            if a == 'user':
                owners.add(('u', uid))
                if op != 'create':
                    for t in self.role_teams(uid):
                        owners.add(('t', t['id']))
            elif teamInhCreate or not (inh and op == 'create'):
                owners.add(('t', a))
        return (frozenset(bus), frozenset(owners))

    def owner_bu(self, tok):
        k, i = tok
        return self.users[i]['businessUnit'] if k == 'u' else self.teams[i]['businessUnit']

    def columns(self, uid):
        """{(table,col,perm): value} for columns secured here; value bool or unmasked int."""
        sa = self.is_sa(uid)
        mine = set()
        tids = {t['id'] for t in self.user_teams(uid)}
        for p in self.profiles:
            if uid in p.get('users', []) or tids & set(p.get('teams', [])):
                mine.add(p['id'])
        out = {}
        for tn, t in self.tables.items():
            for c in t.get('columns', []):
                if not c.get('secured'):
                    continue
                for perm in PERMS:
                    v = 0
                    if sa:
                        v = 3 if perm == 'readUnmasked' else 1
                    for p in self.profiles:
                        if p['id'] not in mine:
                            continue
                        if p['id'] == SA_PROFILE:
                            v = max(v, 3 if perm == 'readUnmasked' else 1)
                            continue
                        for fp in p.get('permissions', []):
                            if fp['table'] == tn and fp['column'] == c['logicalName']:
                                if perm == 'readUnmasked':
                                    v = max(v, UNM.get(fp.get('readUnmasked', 'not-allowed'), 0))
                                elif fp.get(perm):
                                    v = max(v, 1)
                    if self.users[uid].get('accessMode') == 'read' and perm in ('create', 'update'):
                        v = 0
                    out[(tn, c['logicalName'], perm)] = v
        return out

    def misc(self, uid):
        u = self.users[uid]
        if self.is_sa(uid):
            names = set(SA_MISC or [])
            for r in self.roles.values():
                names |= set(r.get('miscPrivileges', {}).keys())
            return {n: 'global' for n in names}
        rs = list(u.get('roles', []))
        for t in self.role_teams(uid):
            rs += t.get('roles', [])
        out = {}
        for rid in rs:
            r = self.roles.get(rid)
            if not r:
                continue
            for n, l in r.get('miscPrivileges', {}).items():
                l = misc_level(n, lvl(l))
                if LVI[l] > LVI[out.get(n, 'none')]:
                    out[n] = l
        return out

    def user_state(self, uid):
        m = self.misc(uid)
        if self.users[uid].get('accessMode') == 'read':
            m = {k: v for k, v in m.items() if k not in BLOCKED and not k.startswith(WRITE_PREFIXES)}
        st = {'dormancy': self.dormancy(uid), 'tables': {}, 'cols': self.columns(uid), 'misc': m}
        for tn in self.tables:
            for op in OPS:
                G = self.grants(uid, tn, op)
                st['tables'][(tn, op)] = (self.level(G), self.reach(uid, op, G), G)
        return st


def load(path):
    return Env(json.load(open(path, encoding='utf-8-sig')))
