// How `changeset version` writes an entry into a package's CHANGELOG.md: the changeset's text as written, without
// the commit hash the default adds (users read what changed, not which commit), and one line for the internal
// dependency bumps.
module.exports = {
  getReleaseLine: async (changeset) => {
    const [first, ...rest] = changeset.summary.trim().split("\n");
    return `\n- ${first}${rest.map((line) => (line ? `\n  ${line}` : "\n")).join("")}`;
  },
  getDependencyReleaseLine: async (_changesets, dependencies) =>
    dependencies.length === 0
      ? ""
      : `- Depends on ${dependencies.map((d) => `${d.name} ${d.newVersion}`).join(" and ")} (installed with it).`,
};
