"""check_build: what would stop ``next build`` on Vercel, and that what the simulator generates builds."""

from __future__ import annotations

import pytest

from v0_mcp.simulator import check_build
from v0_mcp.simulator._generate import first_draft, follow_up_draft, imported_files

PAGE = 'import { Hero } from "@/components/hero"\n\nexport default function Page() {\n  return <Hero />\n}\n'
HERO = "export function Hero() {\n  return <h1>Hi</h1>\n}\n"


@pytest.mark.parametrize(
    "prompt",
    ["Build a landing page", "A pricing page with a dashboard", "A todo app and a blog", "Contact form", "x"],
)
def test_everything_the_simulator_generates_builds(prompt: str) -> None:
    files = dict(first_draft(prompt, seed=3).files)
    assert check_build(files) == []
    for follow_up in ("Add testimonials", "Add a FAQ"):
        files.update(follow_up_draft(follow_up, 3, files).files)
        assert check_build(files) == []
    for kind in ("repo", "registry", "zip", "template"):
        assert check_build(imported_files(kind, "shop", "https://example.com/shop.zip", 3)) == []


def test_a_clean_app_builds() -> None:
    assert check_build({"app/page.tsx": PAGE, "components/hero.tsx": HERO}) == []


def test_an_import_of_a_missing_component_fails_where_it_is_imported() -> None:
    (error,) = check_build({"app/page.tsx": PAGE})
    assert (error.path, error.line, error.column) == ("app/page.tsx", 1, 23)
    assert error.message == "Module not found: Can't resolve '@/components/hero'"
    assert error.formatted == "app/page.tsx:1:23 Module not found: Can't resolve '@/components/hero'"
    assert ">   1 | import { Hero }" in error.full_text


@pytest.mark.parametrize(
    ("importer", "spec", "target"),
    [
        ("app/page.tsx", "../components/hero", "components/hero.tsx"),
        ("app/page.tsx", "./parts/hero", "app/parts/hero.jsx"),
        ("app/page.tsx", "@/components/hero", "components/hero/index.ts"),
        ("app/page.tsx", "./styles.css", "app/styles.css"),
    ],
)
def test_relative_and_alias_imports_resolve_like_the_bundler(importer: str, spec: str, target: str) -> None:
    source = f'import "{spec}"\n'
    assert check_build({importer: source, target: HERO}) == []
    assert [e.message for e in check_build({importer: source})] == [f"Module not found: Can't resolve '{spec}'"]


def test_packages_and_imports_above_the_project() -> None:
    assert check_build({"app/page.tsx": 'import Link from "next/link"\nimport { x } from "react"\n'}) == []
    (error,) = check_build({"app/page.tsx": 'import x from "../../outside"\n'})
    assert "Can't resolve '../../outside'" in error.message


def test_a_named_import_the_module_does_not_export_is_a_type_error() -> None:
    (error,) = check_build({"app/page.tsx": PAGE.replace("{ Hero }", "{ Banner }"), "components/hero.tsx": HERO})
    assert error.message == "Type error: Module '\"@/components/hero\"' has no exported member 'Banner'."
    export_list = "function Hero() {}\nconst x = 1\nexport { Hero, x as Banner }\n"
    assert check_build({"app/page.tsx": PAGE, "components/hero.tsx": export_list}) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('const count: number = "3"', "Type 'string' is not assignable to type 'number'."),
        ("let title: string = 42", "Type 'number' is not assignable to type 'string'."),
        ("const on: boolean = 'yes'", "Type 'string' is not assignable to type 'boolean'."),
        ("var n: number = true", "Type 'boolean' is not assignable to type 'number'."),
    ],
)
def test_a_literal_of_the_wrong_type_is_a_type_error(line: str, message: str) -> None:
    (error,) = check_build({"lib/data.ts": f"// data\n{line}\n"})
    assert error.message == f"Type error: {message}" and error.line == 2


def test_well_typed_declarations_and_plain_javascript_pass() -> None:
    source = 'const count: number = -3.5\nlet title: string = `hi`\nconst on: boolean = false\nconst s: string = "a"\n'
    assert check_build({"lib/data.ts": source}) == []
    assert check_build({"lib/data.js": 'const count = "3"\n'}) == []


def test_syntax_and_marker_errors_are_still_found_and_every_file_is_reported() -> None:
    errors = check_build({"a.tsx": "export function A() {\n", "b.ts": "BUILD_ERROR\n", "c.md": "BUILD_ERROR"})
    assert [(e.path, e.message) for e in errors] == [
        ("a.tsx", 'Syntax error: Expected "}" but found end of file'),
        ("b.ts", "Type error: Cannot find name 'BUILD_ERROR'."),
        ("c.md", "Type error: Cannot find name 'BUILD_ERROR'."),
    ]


def test_a_fix_follow_up_repairs_missing_imports_and_type_errors() -> None:
    files = dict(first_draft("Build a pricing page", seed=1).files)
    files["app/page.tsx"] = (
        files["app/page.tsx"]
        .replace("export default", 'import { Gone } from "@/components/gone"\nconst n: number = "1"\n\nexport default')
        .replace("    </main>", "      <Gone />\n    </main>")
    )
    assert len(check_build(files)) == 2
    files.update(follow_up_draft("Please fix the build", 1, files).files)
    assert check_build(files) == []
    assert "Gone" not in files["app/page.tsx"] and 'const n: string = "1"' in files["app/page.tsx"]
