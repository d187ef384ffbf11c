// The little of semver the release checks need (x.y.z versions, bumps, caret ranges), so that the scripts
// depend on nothing the project does not declare.

/** [major, minor, patch] of "x.y.z" (a pre-release or build suffix is ignored); throws on anything else. */
export function parseVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(version).trim());
  if (!match) throw new Error(`'${version}' is not a semver version (x.y.z)`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Negative, zero or positive as a is lower than, equal to or higher than b. */
export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The version after a bump of the given kind ("major" | "minor" | "patch"). */
export function increment(version, bump) {
  const [major, minor, patch] = parseVersion(version);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  if (bump === "patch") return `${major}.${minor}.${patch + 1}`;
  throw new Error(`unknown bump '${bump}'`);
}

/**
 * The lowest version a change of this impact allows after `released`. Below 1.0 a breaking change needs a minor
 * bump (npm's ^0.1.0 stops before 0.2.0), as `redocly diff --check-version` reads it too; from 1.0, semver's.
 */
export function requiredVersion(released, impact) {
  if (!impact) return released;
  const [major] = parseVersion(released);
  return increment(released, major === 0 && impact === "major" ? "minor" : impact);
}

/** Whether `version` is inside the caret range `^x.y.z` (the only kind of range the packages use). */
export function satisfiesCaret(version, range) {
  const match = /^\^(.+)$/.exec(range.trim());
  if (!match) throw new Error(`'${range}' is not a caret range`);
  const floor = parseVersion(match[1]);
  const v = parseVersion(version);
  if (compareVersions(version, match[1]) < 0) return false;
  if (floor[0] > 0) return v[0] === floor[0];
  if (floor[1] > 0) return v[0] === 0 && v[1] === floor[1];
  return v[0] === 0 && v[1] === 0 && v[2] === floor[2];
}

/** The higher of two bumps ("major" > "minor" > "patch" > none). */
export function higherBump(a, b) {
  const rank = { major: 3, minor: 2, patch: 1 };
  return (rank[a] ?? 0) >= (rank[b] ?? 0) ? a : b;
}
