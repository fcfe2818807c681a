#!/usr/bin/env python3
"""Validates slacheck JSON reports against schema/sla-report.schema.json.

Usage: Tests/schema/validate.py [--schema FILE] REPORT.json...

Checks, in order: the schema is itself a valid draft 2020-12 schema; it requires every path
that SPEC section 5 promises; and each report parses as strict JSON (no NaN or Infinity, no
duplicate keys) and validates against it. Prints one line per problem and exits 1 when there
is any, 0 otherwise. Needs the `jsonschema` package (`make deps` installs it).
"""

import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    sys.exit("validate.py: the Python package jsonschema is missing (run `make deps`)")

DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "sla-report.schema.json"

# The paths SPEC section 5 says must exist (v1's, then the v2 paths slacheck writes so far);
# `[]` is an array's items, `<...>` any key.
SPEC_PATHS = """
schema_version
period.start period.end period.timezone as_of
response_times.by_severity[].severity response_times.by_severity[].clock
response_times.by_severity[].target_seconds response_times.by_severity[].cases
response_times.by_severity[].responded response_times.by_severity[].met
response_times.by_severity[].breached response_times.by_severity[].pending
response_times.by_severity[].compliance
response_times.by_severity[].seconds.mean response_times.by_severity[].seconds.p50
response_times.by_severity[].seconds.p90 response_times.by_severity[].seconds.p95
response_times.by_severity[].seconds.max
rca.business_days rca.incidents rca.on_time rca.late rca.overdue rca.pending rca.compliance
escalations.total escalations.invalid escalations.invalid_rate escalations.by_rule
escalations.decision_audit.approved_invalid escalations.decision_audit.rejected_valid
escalations.decision_audit.pending
submissions.cases submissions.critical_not_by_phone submissions.incomplete_submission
escalations.disabled submissions.disabled
data_quality.files[].kind data_quality.files[].path data_quality.files[].rows_read
data_quality.files[].rows_rejected
data_quality.findings
response_times.by_severity[].excluded response_times.by_severity[].compliance_raw
response_times.by_tier[].tier response_times.by_tier[].by_severity[].severity
response_times.by_tier[].by_severity[].clock response_times.by_tier[].by_severity[].target_seconds
response_times.by_tier[].by_severity[].cases response_times.by_tier[].by_severity[].responded
response_times.by_tier[].by_severity[].met response_times.by_tier[].by_severity[].breached
response_times.by_tier[].by_severity[].pending response_times.by_tier[].by_severity[].excluded
response_times.by_tier[].by_severity[].compliance
response_times.by_tier[].by_severity[].seconds.mean response_times.by_tier[].by_severity[].seconds.p50
response_times.by_tier[].by_severity[].seconds.p90 response_times.by_tier[].by_severity[].seconds.p95
response_times.by_tier[].by_severity[].seconds.max
organizations[].org_id organizations[].name organizations[].tier organizations[].timezone
organizations[].cases organizations[].first_response.met organizations[].first_response.breached
organizations[].first_response.pending organizations[].first_response.excluded
organizations[].first_response.compliance
organizations[].escalations.total organizations[].escalations.invalid
restoration.by_severity[].severity restoration.by_severity[].clock
restoration.by_severity[].target_seconds restoration.by_severity[].cases
restoration.by_severity[].responded restoration.by_severity[].met restoration.by_severity[].breached
restoration.by_severity[].pending restoration.by_severity[].excluded
restoration.by_severity[].compliance restoration.by_severity[].compliance_raw
restoration.by_severity[].seconds.mean restoration.by_severity[].seconds.p50
restoration.by_severity[].seconds.p90 restoration.by_severity[].seconds.p95
restoration.by_severity[].seconds.max resolution.by_severity[].severity
resolution.by_severity[].clock resolution.by_severity[].target_seconds
resolution.by_severity[].cases resolution.by_severity[].responded resolution.by_severity[].met
resolution.by_severity[].breached resolution.by_severity[].pending resolution.by_severity[].excluded
resolution.by_severity[].compliance resolution.by_severity[].compliance_raw
resolution.by_severity[].seconds.mean resolution.by_severity[].seconds.p50
resolution.by_severity[].seconds.p90 resolution.by_severity[].seconds.p95
resolution.by_severity[].seconds.max update.by_severity[].severity update.by_severity[].clock
update.by_severity[].target_seconds update.by_severity[].cases update.by_severity[].responded
update.by_severity[].met update.by_severity[].breached update.by_severity[].pending
update.by_severity[].excluded update.by_severity[].compliance update.by_severity[].compliance_raw
update.by_severity[].seconds.mean update.by_severity[].seconds.p50 update.by_severity[].seconds.p90
update.by_severity[].seconds.p95 update.by_severity[].seconds.max resolution.by_severity[].reopened
rca.excluded rca.compliance_raw exclusions[].case_id exclusions[].target exclusions[].reason
exclusions[].approved_by exclusions[].verdict organizations[].restoration.met
organizations[].restoration.breached organizations[].restoration.pending
organizations[].restoration.excluded organizations[].restoration.compliance
organizations[].resolution.met organizations[].resolution.breached
organizations[].resolution.pending organizations[].resolution.excluded
organizations[].resolution.compliance organizations[].update.met organizations[].update.breached
organizations[].update.pending organizations[].update.excluded organizations[].update.compliance
""".split()


def resolve(schema, node):
    """Follows local `$ref`s, merging the referring node's own `properties` and `required`."""
    while "$ref" in node:
        target = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = {**target, **{k: v for k, v in node.items() if k not in ("$ref", "properties", "required")}}
        merged["properties"] = {**target.get("properties", {}), **node.get("properties", {})}
        merged["required"] = target.get("required", []) + node.get("required", [])
        node = merged
    return node


def spec_path_problems(schema):
    """The SPEC paths that the schema does not list as required."""
    problems = []
    for path in SPEC_PATHS:
        node = schema
        walked = ""
        for part in path.split("."):
            is_array = part.endswith("[]")
            key = part[:-2] if is_array else part
            node = resolve(schema, node)
            walked = f"{walked}.{key}" if walked else key
            if key not in node.get("required", []) or key not in node.get("properties", {}):
                problems.append(f"schema: SPEC path {path}: {walked} is not a required property")
                break
            node = resolve(schema, node["properties"][key])
            if is_array:
                items = node.get("prefixItems", [node.get("items")])[0]
                if not isinstance(items, dict):
                    problems.append(f"schema: SPEC path {path}: {walked} has no item schema")
                    break
                node = items
    return problems


def strict_pairs(pairs):
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"duplicate keys {duplicates}")
    return dict(pairs)


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def main(argv):
    args = list(argv)
    schema_path = DEFAULT_SCHEMA
    if len(args) >= 2 and args[0] == "--schema":
        schema_path = Path(args[1])
        args = args[2:]
    if not args:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        print(f"{schema_path}: not a valid draft 2020-12 schema: {error.message}")
        return 1
    problems = spec_path_problems(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for name in args:
        try:
            text = Path(name).read_text(encoding="utf-8")
            document = json.loads(text, object_pairs_hook=strict_pairs, parse_constant=reject_constant)
        except (OSError, ValueError) as error:
            problems.append(f"{name}: {error}")
            continue
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            problems.append(f"{name}: {where}: {error.message}")
    for line in problems:
        print(line)
    if not problems:
        print(f"ok: {len(args)} report(s) valid against {schema_path.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
