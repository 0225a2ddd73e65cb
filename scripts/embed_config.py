#!/usr/bin/env python3
"""Copies Config/*.yaml into Swift sources so the binary works from any folder.

Run from anywhere after editing a file in Config/: python3 scripts/embed_config.py
Tests check that the embedded copies equal the files.
"""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
targets = [
    ("Sources/Estate/Config/DefaultConfig.swift", "DefaultConfig",
     "The default estate compiled into the binary", [("estateYAML", "estate.yaml")]),
    ("Sources/Dashboard/Config/DashboardDefaults.swift", "DashboardDefaults",
     "The default key bindings and theme compiled into the binary", [("keysYAML", "keys.yaml"), ("themeYAML", "theme.yaml"), ("dashboardYAML", "dashboard.yaml")]),
]
for path, enum, summary, files in targets:
    out = [f"/// {summary}, so `cloudtop` works from any folder.",
           "///",
           "/// Generated from `Config/` by `scripts/embed_config.py`; a test checks that they stay identical.",
           f"public enum {enum} {{"]
    for name, file in files:
        text = (root / "Config" / file).read_text()
        body = text.replace("\\", "\\\\").replace('"""', '\\"""')
        # A multi-line literal drops the newline before its closing delimiter, so keep one extra.
        out.append(f'    public static let {name} = """\n{body}\n"""')
    out.append("}")
    (root / path).write_text("\n".join(out) + "\n")

# The edge's function files, handler code and worker bootstraps, by their path under Config/,
# so the built-in estate's functions and the workers that run handler code need no Config folder.
edge_files = sorted(p for p in (root / "Config" / "edge").rglob("*") if p.is_file())
out = ["/// The edge's function files, handler code and worker bootstraps compiled into the binary.",
       "///",
       "/// Generated from `Config/edge/` by `scripts/embed_config.py`; a test checks that they stay identical.",
       "public enum EdgeDefaults {",
       "    /// File text by path relative to `Config/` (`edge/docs-index.yaml`).",
       "    public static let files: [String: String] = ["]
for p in edge_files:
    rel = p.relative_to(root / "Config").as_posix()
    body = p.read_text().replace("\\", "\\\\").replace('"""', '\\"""')
    out.append(f'        "{rel}": """\n{body}\n""",')
out.append("    ]")
out.append('    public static var bootstrapJS: String { files["edge/runtime/bootstrap.js"]! }')
out.append('    public static var bootstrapPy: String { files["edge/runtime/bootstrap.py"]! }')
out.append("}")
(root / "Sources/Estate/Edge/Config/EdgeDefaults.swift").write_text("\n".join(out) + "\n")
# Job files: one per application in Config/jobs/, embedded by name.
jobs = sorted((root / "Config" / "jobs").glob("*.yaml"))
out = ["/// The default estate's job files (`Config/jobs/*.yaml`) compiled into the binary, by name.",
       "///",
       "/// Generated from `Config/jobs/` by `scripts/embed_config.py`; a test checks that they stay identical.",
       "public enum DefaultJobs {",
       "    public static let files: [String: String] = ["]
for job in jobs:
    body = job.read_text().replace("\\", "\\\\").replace('"""', '\\"""')
    out.append(f'        "{job.stem}": """\n{body}\n""",')
out.append("    ]")
out.append("}")
(root / "Sources/Estate/Jobs/DefaultJobs.swift").write_text("\n".join(out) + "\n")
# Stack templates: one per file in Config/stacks/, embedded by name for `stacks:` in estate.yaml.
templates = sorted((root / "Config" / "stacks").glob("*.yaml"))
out = ["/// The templates of `Config/stacks/*.yaml` compiled into the binary, by name.",
       "///",
       "/// Generated from `Config/stacks/` by `scripts/embed_config.py`; a test checks that they stay identical.",
       "public enum DefaultStacks {",
       "    public static let files: [String: String] = ["]
for template in templates:
    body = template.read_text().replace("\\", "\\\\").replace('"""', '\\"""')
    out.append(f'        "{template.stem}": """\n{body}\n""",')
out.append("    ]")
out.append("}")
(root / "Sources/Estate/Stacks/DefaultStacks.swift").write_text("\n".join(out) + "\n")
# Themes: one per file in Config/themes/, embedded by name for theme.yaml's `theme:` and `:theme NAME`.
themes = sorted((root / "Config" / "themes").glob("*.yaml"))
out = ["/// The themes of `Config/themes/*.yaml` compiled into the binary, by name.",
       "///",
       "/// Generated from `Config/themes/` by `scripts/embed_config.py`; a test checks that they stay identical.",
       "public enum DefaultThemes {",
       "    public static let files: [String: String] = ["]
for theme in themes:
    body = theme.read_text().replace("\\", "\\\\").replace('"""', '\\"""')
    out.append(f'        "{theme.stem}": """\n{body}\n""",')
out.append("    ]")
out.append("}")
(root / "Sources/Dashboard/Config/DefaultThemes.swift").write_text("\n".join(out) + "\n")
