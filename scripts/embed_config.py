#!/usr/bin/env python3
"""Copies Config/*.yaml into Sources/Estate/Config/DefaultConfig.swift so the binary works from any folder.

Run from the repository root after editing a file in Config/: python3 scripts/embed_config.py
"""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
files = [("estateYAML", "estate.yaml")]
out = ["/// The default estate compiled into the binary, so `cloudtop` works from any folder.",
       "///",
       "/// Generated from `Config/` by `scripts/embed_config.py`; a test checks that they stay identical.",
       "public enum DefaultConfig {"]
for name, file in files:
    text = (root / "Config" / file).read_text()
    body = text.replace("\\", "\\\\").replace('"""', '\\"""')
    # A multi-line literal drops the newline before its closing delimiter, so keep one extra.
    out.append(f'    public static let {name} = """\n{body}\n"""')
out.append("}")
(root / "Sources/Estate/Config/DefaultConfig.swift").write_text("\n".join(out) + "\n")
