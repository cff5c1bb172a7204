#!/usr/bin/env python3
"""Static checks of the CivicLine Asterisk configuration, without Asterisk.

    python3 check-config.py [DIR]              # the templates (placeholders allowed)
    python3 check-config.py --rendered DIR     # rendered files: no placeholder may remain

Checks: section syntax, duplicate contexts/sections, every Goto/GotoIf/GoSub/include/
hangup handler/Dial U() target (context, extension or pattern, priority or label),
pjsip references (aors, auth, transport, identify/registration endpoints, templates,
dialplan contexts), PJSIP/<endpoint> names used by the dialplan, manager.conf hardening,
and placeholders. Python 3.8+, standard library only. Exit status 1 on any error.
"""
import os
import re
import sys

PLACEHOLDERS = {
    "CIVICLINE_AGI_NODES", "CIVICLINE_AMI_PERMIT", "AMI_BIND_ADDR", "AMI_SECRET",
    "TENANT_ID", "TOWN_MAIN_NUMBER", "TRUNK_HOST", "TRUNK_USER", "TRUNK_PASSWORD",
    "TRUNK_IP_RANGES", "PUBLIC_IP", "LOCAL_NET", "TLS_CERT_FILE", "TLS_KEY_FILE",
    "STAFF_101_PASSWORD", "STAFF_101_WEB_PASSWORD", "ASTERISK_SYSTEM_NAME",
}
PLACEHOLDER_FILES = ("pjsip.conf", "manager.conf", "http.conf", "asterisk.conf.snippet")
AMI_CLASSES = {"system", "call", "log", "verbose", "command", "agent", "user", "config",
               "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc",
               "test", "security", "message", "all"}
AMI_FORBIDDEN_WRITE = {"system", "command", "config", "all"}

errors = []
warnings = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def warn(where, msg):
    warnings.append(f"{where}: {msg}")


def strip_comment(line):
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line) and line[i + 1] == ";":
            out.append(";")
            i += 2
            continue
        if c == ";":
            break
        out.append(c)
        i += 1
    return "".join(out).strip()


SECTION_RE = re.compile(r"^\[([^\]]+)\](?:\(([^)]*)\))?$")


def parse_conf(path):
    """[(name, opts, lineno, [(key, op, value, lineno)])]"""
    sections, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n"))
            if not line:
                continue
            if line.startswith("["):
                m = SECTION_RE.match(line)
                if not m:
                    err(f"{path}:{n}", f"bad section header {line!r}")
                    continue
                opts = [o.strip() for o in (m.group(2) or "").split(",") if o.strip()]
                cur = (m.group(1).strip(), opts, n, [])
                sections.append(cur)
                continue
            if line.startswith("#include") or line.startswith("#exec"):
                warn(f"{path}:{n}", f"{line.split()[0]} is not followed by this check")
                continue
            m = re.match(r"^([^=]+?)\s*(=>|=)\s*(.*)$", line)
            if not m:
                err(f"{path}:{n}", f"not 'key = value': {line!r}")
                continue
            if cur is None:
                err(f"{path}:{n}", "setting before any [section]")
                continue
            cur[3].append((m.group(1).strip(), m.group(2), m.group(3).strip(), n))
    return sections


# ---------------------------------------------------------------- dialplan ----

def split_top(s, seps):
    """Split on any char in seps outside (), [] and ${}."""
    parts, depth, buf, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if depth == 0 and c in seps:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(c)
        i += 1
    parts.append("".join(buf))
    return parts


def parse_app(s):
    """'App(args)' -> (app, args) with balanced parentheses; args is '' without them."""
    s = s.strip()
    m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(\(.*)?$", s, re.S)
    if not m:
        return None, None
    app, rest = m.group(1), m.group(2)
    if not rest:
        return app, ""
    depth = 0
    for i, c in enumerate(rest):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                if rest[i + 1:].strip():
                    return app, None
                return app, rest[1:i]
    return app, None


def pattern_matches(pattern, ext):
    if not pattern.startswith("_"):
        return pattern == ext
    rx, p, i = "", pattern[1:], 0
    while i < len(p):
        c = p[i]
        if c == "X":
            rx += "[0-9]"
        elif c == "Z":
            rx += "[1-9]"
        elif c == "N":
            rx += "[2-9]"
        elif c == ".":
            rx += ".+"
        elif c == "!":
            rx += ".*"
        elif c == "[":
            j = p.index("]", i)
            rx += "[" + p[i + 1:j].replace("\\", "\\\\") + "]"
            i = j
        else:
            rx += re.escape(c)
        i += 1
    return re.fullmatch(rx, ext) is not None


class Dialplan:
    def __init__(self, path):
        self.path = path
        self.contexts = {}   # ctx -> {ext: {"prios": set, "labels": set}}
        self.includes = {}   # ctx -> [(target, lineno)]
        self.calls = []      # (ctx, ext, lineno, app, args)
        self.globals = {}
        seen = {}
        for name, opts, lineno, items in parse_conf(path):
            if name in seen:
                err(f"{path}:{lineno}", f"context [{name}] defined again (first at line {seen[name]}); Asterisk would merge them silently")
            seen[name] = lineno
            if opts:
                err(f"{path}:{lineno}", f"[{name}] has template options, not used in extensions.conf")
            if name in ("general", "globals"):
                if name == "globals":
                    self.globals = {k: v for k, _, v, _ in items}
                continue
            exts = self.contexts.setdefault(name, {})
            self.includes.setdefault(name, [])
            last_ext, last_prio = None, None
            for key, op, value, n in items:
                where = f"{path}:{n}"
                if key == "include":
                    self.includes[name].append((value, n))
                    continue
                if key in ("exten", "same"):
                    if key == "exten":
                        parts = split_top(value, ",")
                        if len(parts) < 3:
                            err(where, f"exten needs 'ext,prio,App(...)': {value!r}")
                            continue
                        ext, prio, app = parts[0].strip(), parts[1].strip(), ",".join(parts[2:])
                        if "/" in ext and not ext.startswith("_"):
                            ext = ext.split("/")[0]  # caller-id match
                        last_ext = ext
                    else:
                        if last_ext is None:
                            err(where, "'same =>' without a preceding exten")
                            continue
                        parts = split_top(value, ",")
                        ext, prio, app = last_ext, parts[0].strip(), ",".join(parts[1:])
                    entry = exts.setdefault(ext, {"prios": set(), "labels": set()})
                    m = re.match(r"^(\w+|\d+)(?:\((\w[\w-]*)\))?$", prio)
                    if not m:
                        err(where, f"bad priority {prio!r}")
                        continue
                    p = m.group(1)
                    if p == "hint":
                        continue
                    if p == "n":
                        if last_prio is None:
                            err(where, "priority 'n' without a previous priority")
                            continue
                        p = last_prio + 1
                    elif p.isdigit():
                        p = int(p)
                        if p in entry["prios"]:
                            err(where, f"priority {p} of {ext}@{name} defined twice")
                    else:
                        err(where, f"bad priority {prio!r}")
                        continue
                    if key == "exten" and p != 1 and not entry["prios"]:
                        warn(where, f"{ext}@{name} does not start at priority 1")
                    entry["prios"].add(p)
                    last_prio = p
                    if m.group(2):
                        if m.group(2) in entry["labels"]:
                            err(where, f"label {m.group(2)} twice in {ext}@{name}")
                        entry["labels"].add(m.group(2))
                    a, args = parse_app(app)
                    if a is None or args is None:
                        err(where, f"cannot parse application {app!r}")
                        continue
                    self.calls.append((name, ext, n, a, args))
                else:
                    err(where, f"unknown dialplan key {key!r}")

    # does ctx (with its includes) contain an extension matching ext?
    def find_ext(self, ctx, ext, seen=None):
        seen = seen or set()
        if ctx in seen or ctx not in self.contexts:
            return []
        seen.add(ctx)
        found = [(ctx, e) for e in self.contexts[ctx]
                 if "${" in e or e == ext or pattern_matches(e, ext)]
        for inc, _ in self.includes[ctx]:
            found += self.find_ext(inc, ext, seen)
        return found

    def check_target(self, where, ctx, ext, prio, cur_ctx, cur_ext):
        ctx = (ctx or cur_ctx).strip()
        ext = (ext or cur_ext).strip()
        prio = prio.strip()
        if "${" in ctx:
            return
        if ctx not in self.contexts:
            err(where, f"target context [{ctx}] does not exist")
            return
        if "${" in ext:
            if not self.contexts[ctx]:
                err(where, f"target context [{ctx}] has no extensions")
            return
        matches = self.find_ext(ctx, ext)
        if not matches:
            err(where, f"no extension in [{ctx}] (or its includes) matches {ext!r}")
            return
        if "${" in prio:
            return
        ok = False
        for c, e in matches:
            entry = self.contexts[c][e]
            if (prio.isdigit() and int(prio) in entry["prios"]) or prio in entry["labels"]:
                ok = True
        if not ok:
            err(where, f"{ext}@{ctx} has no priority/label {prio!r}")

    def check_goto_spec(self, where, spec, cur_ctx, cur_ext, gosub=False):
        spec = spec.strip()
        if not spec:
            return
        if gosub:
            spec = re.sub(r"\((.*)\)$", "", spec, flags=re.S)
        parts = [p.strip() for p in split_top(spec, ",")]
        if len(parts) == 1:
            self.check_target(where, None, None, parts[0], cur_ctx, cur_ext)
        elif len(parts) == 2:
            self.check_target(where, None, parts[0], parts[1], cur_ctx, cur_ext)
        elif len(parts) == 3:
            self.check_target(where, parts[0], parts[1], parts[2], cur_ctx, cur_ext)
        else:
            err(where, f"bad goto target {spec!r}")

    def check_app(self, where, ctx, ext, app, args):
        a = app.lower()
        if a in ("goto", "gosub"):
            self.check_goto_spec(where, args, ctx, ext, gosub=(a == "gosub"))
        elif a in ("gotoif", "gosubif"):
            cond_rest = split_top(args, "?")
            if len(cond_rest) != 2:
                err(where, f"{app} needs 'condition?true[:false]': {args!r}")
                return
            for branch in split_top(cond_rest[1], ":"):
                self.check_goto_spec(where, branch, ctx, ext, gosub=(a == "gosubif"))
        elif a == "execif":
            cond_rest = split_top(args, "?")
            if len(cond_rest) != 2:
                err(where, f"ExecIf needs 'condition?App(args)': {args!r}")
                return
            for branch in split_top(cond_rest[1], ":"):
                inner, inner_args = parse_app(branch)
                if inner is None or inner_args is None:
                    err(where, f"cannot parse ExecIf branch {branch!r}")
                else:
                    self.check_app(where, ctx, ext, inner, inner_args)
        elif a == "set":
            m = re.match(r"^CHANNEL\(hangup_handler_push\)=(.*)$", args)
            if m:
                self.check_goto_spec(where, m.group(1), ctx, ext)
            m = re.match(r"^(?:LOCAL\()?(?:__|_)?([A-Za-z0-9_]*TRUNK)\)?=(.+)$", args)
            if m:
                self.endpoint_refs.append((where, m.group(2)))
            m = re.match(r"^[A-Za-z0-9_]*RING=(.+)$", args)
            if m:
                self.dial_strings.append((where, m.group(1)))
        if a == "dial":
            parts = split_top(args, ",")
            self.dial_strings.append((where, parts[0]))
        # Dial option U(context[^exten^priority]) - also when built in a variable via IF().
        for m in re.finditer(r"(?<![A-Za-z])U\(([a-z][\w^-]*)\)", args):
            self.check_dial_u(where, m.group(1), ctx, ext)

    def check_dial_u(self, where, spec, ctx, ext):
        parts = spec.split("^")
        if len(parts) == 1:            # U(context): Gosub to context,s,1
            parts = [parts[0], "s", "1"]
        self.check_goto_spec(where, ",".join(parts[:3]), ctx, ext, gosub=True)

    def check(self):
        self.endpoint_refs, self.dial_strings = [], []
        for ctx, incs in self.includes.items():
            for inc, n in incs:
                if inc not in self.contexts:
                    err(f"{self.path}:{n}", f"include => {inc}: no such context")
                if inc == ctx:
                    err(f"{self.path}:{n}", f"[{ctx}] includes itself")
        for ctx, ext, n, app, args in self.calls:
            self.check_app(f"{self.path}:{n}", ctx, ext, app, args)
        for name, value in self.globals.items():
            if name.endswith("TRUNK"):
                self.endpoint_refs.append((f"{self.path} [globals] {name}", value))


# ----------------------------------------------------------------- pjsip -----

def check_pjsip(path, dp):
    sections = parse_conf(path)
    templates = {}
    objects = {}  # (name, type) -> (lineno, dict)
    for name, opts, n, items in sections:
        d = {}
        for k, _, v, ln in items:
            d.setdefault(k, []).append(v)
        is_tpl = "!" in opts
        inherited = {}
        for o in opts:
            if o == "!":
                continue
            if o not in templates:
                err(f"{path}:{n}", f"[{name}] uses template {o!r}, which is not defined before it")
                continue
            for k, v in templates[o].items():
                inherited.setdefault(k, []).extend(v)
        merged = dict(inherited)
        merged.update(d)
        if is_tpl:
            if name in templates:
                err(f"{path}:{n}", f"template [{name}] defined twice")
            templates[name] = merged
            continue
        if "allowguest" in merged:
            err(f"{path}:{n}", "allowguest is a chan_sip option; PJSIP must have no anonymous endpoint")
        typ = (merged.get("type") or [None])[-1]
        if not typ:
            err(f"{path}:{n}", f"[{name}] has no type")
            continue
        if name == "anonymous" and typ == "endpoint":
            err(f"{path}:{n}", "an 'anonymous' endpoint accepts unauthenticated calls")
        if (name, typ) in objects:
            err(f"{path}:{n}", f"[{name}] type={typ} defined twice (first at line {objects[(name, typ)][0]})")
        objects[(name, typ)] = (n, merged)

    def names(t):
        return {nm for (nm, ty) in objects if ty == t}

    endpoints, aors, auths, transports = names("endpoint"), names("aor"), names("auth"), names("transport")

    def need(where, kind, pool, value):
        for v in [x.strip() for x in value.split(",") if x.strip()]:
            if "${" not in v and v not in pool:
                err(where, f"{kind} {v!r} does not exist")

    for (name, typ), (n, d) in objects.items():
        where = f"{path}:{n} [{name}]"
        one = lambda k: (d.get(k) or [None])[-1]
        if typ == "endpoint":
            for k in ("aors",):
                if one(k):
                    need(where, "aor", aors, one(k))
                else:
                    warn(where, "endpoint without aors cannot be called")
            for k in ("auth", "outbound_auth"):
                if one(k):
                    need(where, "auth", auths, one(k))
            if one("transport"):
                need(where, "transport", transports, one("transport"))
            for k in ("context", "subscribe_context"):
                if one(k) and one(k) not in dp.contexts:
                    err(where, f"{k}={one(k)}: no such dialplan context")
            if not one("context"):
                err(where, "endpoint without context would land in [default]")
            if one("webrtc") == "yes" and not (one("transport") or "").startswith("transport-wss"):
                warn(where, "webrtc endpoint not on a wss transport")
            if one("context") != "from-trunk" and not one("auth") and one("webrtc") != "yes":
                if not any(ty == "identify" and (obj[1].get("endpoint") or [""])[-1] == name for (nm, ty), obj in objects.items()):
                    err(where, "endpoint with neither auth nor identify")
            if not one("accountcode"):
                warn(where, "no accountcode: the dialplan cannot tell which town it belongs to")
        elif typ in ("identify", "registration"):
            if one("endpoint"):
                need(where, "endpoint", endpoints, one("endpoint"))
            elif typ == "identify":
                err(where, "identify without endpoint")
            if typ == "identify" and not one("match"):
                err(where, "identify without match")
            if one("outbound_auth"):
                need(where, "auth", auths, one("outbound_auth"))
            if one("transport"):
                need(where, "transport", transports, one("transport"))
        elif typ == "auth":
            pw = one("password") or ""
            if "${" not in pw and (len(pw) < 16 or pw == one("username")):
                outbound = any(name in (obj[1].get("outbound_auth") or [""])[-1].split(",")
                               for obj in objects.values())
                # the carrier chooses trunk passwords; ours (phones) must be strong
                (warn if outbound else err)(where, "weak password (use 16+ random characters)")
        elif typ == "transport":
            if one("protocol") == "tls" and not (one("cert_file") and one("priv_key_file")):
                err(where, "tls transport without cert_file/priv_key_file")

    # dialplan references to endpoints
    for where, value in dp.endpoint_refs:
        v = value.strip()
        if "${" not in v and v not in endpoints:
            err(where, f"trunk endpoint {v!r} is not in pjsip.conf")
    for where, dial in dp.dial_strings:
        for m in re.finditer(r"PJSIP/([^&,@)]+)(?:@([^&,)]+))?", dial):
            ep, at = m.group(1), m.group(2)
            target = at if at else ep
            if "${" not in target and target not in endpoints:
                err(where, f"PJSIP endpoint {target!r} is not in pjsip.conf")
    return objects


# --------------------------------------------------------------- manager -----

def check_manager(path):
    sections = parse_conf(path)
    seen = set()
    for name, opts, n, items in sections:
        where = f"{path}:{n} [{name}]"
        if name in seen:
            err(where, "section defined twice")
        seen.add(name)
        d = {k: v for k, _, v, _ in items}
        if name == "general":
            if d.get("displayconnects", "yes") != "no":
                err(where, "displayconnects must be no")
            if d.get("bindaddr", "0.0.0.0") in ("0.0.0.0", "::"):
                err(where, "bindaddr must be a private address, not all interfaces")
            if d.get("webenabled", "no") != "no":
                err(where, "webenabled must be no")
            continue
        keys = [k for k, _, _, _ in items]
        if "secret" not in d:
            err(where, "user without secret")
        if "deny" not in keys or "permit" not in keys:
            err(where, "user needs deny=0.0.0.0/0.0.0.0 and permit lines for the CivicLine nodes")
        elif keys.index("deny") > keys.index("permit"):
            err(where, "deny must come before permit (rules apply in order)")
        if "writetimeout" not in d:
            err(where, "writetimeout missing")
        for k in ("read", "write"):
            classes = {c.strip() for c in d.get(k, "").split(",") if c.strip()}
            if not classes:
                err(where, f"{k} classes missing")
            for c in classes - AMI_CLASSES:
                err(where, f"unknown {k} class {c!r}")
            if k == "write":
                for c in classes & AMI_FORBIDDEN_WRITE:
                    err(where, f"write class {c!r} gives CivicLine more power than it needs")
            if k == "read" and "all" in classes:
                err(where, "read=all floods CivicLine with events it does not use")


# ---------------------------------------------------------- placeholders -----

def check_placeholders(directory, rendered):
    used = set()
    for fn in sorted(os.listdir(directory)):
        if not (fn.endswith(".conf") or fn.endswith(".snippet")):
            continue
        path = os.path.join(directory, fn)
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = strip_comment(raw)
                for m in re.finditer(r"\$\{([A-Z][A-Z0-9_]*)\}", line):
                    name = m.group(1)
                    if fn in PLACEHOLDER_FILES and name not in PLACEHOLDERS:
                        err(f"{path}:{n}", f"unknown placeholder ${{{name}}} (Asterisk does not expand variables in {fn})")
                    if name in PLACEHOLDERS:
                        used.add(name)
                        if rendered:
                            err(f"{path}:{n}", f"placeholder ${{{name}}} not replaced")
    return used


def main(argv):
    rendered = "--rendered" in argv
    args = [a for a in argv if a != "--rendered"]
    directory = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    for fn in ("extensions.conf", "pjsip.conf", "manager.conf"):
        if not os.path.exists(os.path.join(directory, fn)):
            print(f"missing {fn} in {directory}", file=sys.stderr)
            return 2
    dp = Dialplan(os.path.join(directory, "extensions.conf"))
    dp.check()
    check_pjsip(os.path.join(directory, "pjsip.conf"), dp)
    check_manager(os.path.join(directory, "manager.conf"))
    for fn in ("rtp.conf", "http.conf", "modules.conf"):
        p = os.path.join(directory, fn)
        if os.path.exists(p):
            parse_conf(p)
    used = check_placeholders(directory, rendered)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    n_ext = sum(len(v) for v in dp.contexts.values())
    print(f"{len(dp.contexts)} contexts, {n_ext} extensions, {len(dp.calls)} priorities checked; "
          f"placeholders in use: {', '.join(sorted(used)) or 'none'}")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
