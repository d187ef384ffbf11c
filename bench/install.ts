/**
 * Install: what `npm install` of each package brings into an empty folder, as a user makes one. Each package is
 * packed (`npm pack`, whose prepack builds it) and installed from its tarball with npm's cache; the command line
 * is installed with the library's and the simulator's tarballs, which it depends on. Counted: the packages in
 * node_modules (each of a scope's counts) and the bytes of their files on disk.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./child.js";
import { type Target, kb, mb, num, table } from "./stats.js";

const FOLDERS = { "alteryx-jobs-api": ".", "alteryx-jobs-simulator": "simulator", "alteryx-jobs": "cli" } as const;
type Name = keyof typeof FOLDERS;
/** What a user installs for each package: its tarball and those of the packages it depends on. */
const INSTALLS: Record<Name, Name[]> = {
  "alteryx-jobs-api": ["alteryx-jobs-api"],
  "alteryx-jobs-simulator": ["alteryx-jobs-api", "alteryx-jobs-simulator"],
  "alteryx-jobs": ["alteryx-jobs-api", "alteryx-jobs-simulator", "alteryx-jobs"],
};
/** The most packages installing the library alone may add (issue 19's budget; it has no dependency today). */
export const LIBRARY_PACKAGE_BUDGET = 3;

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd,
    encoding: "utf8",
    stdio: "pipe",
  });

/** The files under a folder, not through links (node_modules/.bin links to files counted where they are). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => lstatSync(path).isFile());
}

/** The packages in a folder's node_modules (each of a scope's counts), and the bytes of their files on disk. */
export function installedPackages(folder: string): { names: string[]; bytes: number } {
  const modules = join(folder, "node_modules");
  const names = readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name]));
  return { names: names.sort(), bytes: filesUnder(modules).reduce((sum, file) => sum + lstatSync(file).size, 0) };
}

export async function installSection(): Promise<{ markdown: string; targets: Target[] }> {
  const work = mkdtempSync(join(tmpdir(), "alteryx-jobs-bench-install-"));
  try {
    const tarballs = {} as Record<Name, { file: string; bytes: number }>;
    for (const [name, folder] of Object.entries(FOLDERS) as [Name, string][]) {
      const [report] = JSON.parse(npm(["pack", "--json", "--pack-destination", work], join(root, folder))) as [
        { filename: string; size: number },
      ];
      tarballs[name] = { file: join(work, report.filename), bytes: report.size };
    }
    const rows: string[][] = [];
    const counts = {} as Record<Name, number>;
    for (const [name, installs] of Object.entries(INSTALLS) as [Name, Name[]][]) {
      const folder = join(work, `install-${name}`);
      execFileSync("mkdir", ["-p", folder]);
      writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "bench", private: true, type: "module" }));
      npm(["install", ...installs.map((n) => tarballs[n].file)], folder);
      const { names, bytes } = installedPackages(folder);
      counts[name] = names.length;
      rows.push([`\`${name}\``, kb(tarballs[name].bytes), num(names.length, 0), mb(bytes)]);
    }
    const markdown = [
      "### 8. Install: what `npm install` of each package brings",
      "",
      "Each package packed and installed from its tarball into an empty folder (the command line and the simulator",
      "with the tarballs of the packages they depend on); packages counted in node_modules, bytes of their files.",
      "",
      table(["package", "tarball", "packages installed", "on disk"], rows),
    ].join("\n");
    return {
      markdown,
      targets: [
        {
          name: `installing the library alone adds at most ${LIBRARY_PACKAGE_BUDGET} packages`,
          met: counts["alteryx-jobs-api"] <= LIBRARY_PACKAGE_BUDGET,
          figure: `${counts["alteryx-jobs-api"]} package${counts["alteryx-jobs-api"] === 1 ? "" : "s"}`,
        },
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
