/**
 * What model-written code may use in the sandbox, read from the same file that
 * precheck.py and runner.py load (workers/python/sandbox_rules.json), so what the
 * model is told and what the guard serves cannot drift apart.
 */
import rules from './python/sandbox_rules.json';

const entries = (values: readonly string[]): string[] => values.filter((value) => !value.startsWith('//'));

/** Third-party data packages: bundled (openpyxl) or loaded on first import (the rest). */
export const DATA_MODULES: readonly string[] = entries(rules.allowed_modules.data);
/** Standard modules a script may import. */
export const STANDARD_MODULES: readonly string[] = entries(rules.allowed_modules.standard);
/** Modules served with only some of their attributes, and those attributes. */
export const RESTRICTED_MODULES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(rules.restricted_modules).filter(([name]) => !name.startsWith('//')) as [string, string[]][],
);
/** Builtins a script does not get. */
export const FORBIDDEN_BUILTINS: readonly string[] = entries(rules.forbidden_builtins);
/** Pyodide packages the pane downloads when a script imports them (with their dependencies). */
export const ON_DEMAND_PACKAGES: readonly string[] = entries(rules.on_demand_packages);
