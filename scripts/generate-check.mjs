// Regenerates generated/ from spec/ and fails when the result differs from what is committed (drift).
import { execSync } from "node:child_process";

execSync("npm run --silent generate", { stdio: ["ignore", "ignore", "inherit"] });
const drift = execSync("git status --porcelain --untracked-files=all -- generated/", { encoding: "utf8" }).trim();
if (drift) {
  console.error(`generated/ is out of date with spec/:\n${drift}\n`);
  console.error(execSync("git --no-pager diff --stat -- generated/", { encoding: "utf8" }));
  console.error("Run `npm run generate` and commit the result.");
  process.exit(1);
}
console.log("generated/ matches spec/");
