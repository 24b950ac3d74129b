#!/usr/bin/env python3
"""Print what --fix must keep of a file.

Usage: file_facts.py <path>...                  mode, owner, link count, and
                                                whether it is a symbolic link
       file_facts.py --line-endings <path>...   its CRLF and bare LF counts
       file_facts.py --give-away <path>...      as root, give it to another
                                                owner (65534:65534) first
"""
import os
import stat
import sys

args = sys.argv[1:]
mode = "facts"
if args and args[0].startswith("--"):
    mode, args = args[0], args[1:]

for path in args:
    name = os.path.basename(path)
    if mode == "--line-endings":
        with open(path, "rb") as f:
            data = f.read()
        crlf = data.count(b"\r\n")
        print("%s crlf=%d bare-lf=%d" % (name, crlf, data.count(b"\n") - crlf))
        continue
    if mode == "--give-away":
        if os.geteuid() == 0:
            os.chown(path, 65534, 65534)
        continue
    st = os.lstat(path)
    facts = [name]
    if stat.S_ISLNK(st.st_mode):
        facts.append("symlink")
        st = os.stat(path)
    facts.append("mode=%o links=%d owner=%d:%d" % (
        stat.S_IMODE(st.st_mode), st.st_nlink, st.st_uid, st.st_gid))
    print(" ".join(facts))
