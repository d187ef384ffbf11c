import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { FORM, formBody } from "./helpers.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "simulator/src/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const output = (pattern: RegExp, timeoutMs = 10_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in output:\n${stdout}\n${stderr}`)), timeoutMs);
      const check = () => {
        const match = stdout.match(pattern);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      };
      child.stdout?.on("data", check);
      check();
    });
  return { child, exited, output, text: () => ({ stdout, stderr }) };
}

describe("simulator: command line", () => {
  it("prints its URL and every user's credentials, serves, and stops cleanly on SIGTERM", async () => {
    const cli = run(["--port", "0", "--jobs", "25", "--seed", "4", "--time-scale", "10"]);
    const [, url] = await cli.output(/listening on (http:\/\/127\.0\.0\.1:\d+\/webapi)/);
    await cli.output(/Press Ctrl\+C/);
    const { stdout } = cli.text();
    expect(stdout.match(/^\s+(Curator|Artisan) .* id=[0-9a-f]{24}\s+clientId=\w+\s+clientSecret=\w+$/gm)).toHaveLength(
      5,
    );
    const [, clientId, clientSecret] = stdout.match(/Curator .* clientId=([0-9a-f]+)\s+clientSecret=([0-9a-f]+)/) ?? [];
    expect(clientId).toMatch(/^[0-9a-f]{20}$/);

    const token = await fetch(`${url}/oauth2/token`, {
      method: "POST",
      headers: FORM,
      body: formBody({
        grant_type: "client_credentials",
        client_id: clientId ?? "",
        client_secret: clientSecret ?? "",
      }),
    });
    expect(token.status).toBe(200);
    const { access_token, expires_in } = (await token.json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(360);
    const jobs = await fetch(`${url}/v3/jobs?limit=1`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await jobs.json()) as { pagination: { totalItems: number } }).pagination.totalItems).toBe(25);

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("takes quirks and a token lifetime, and prints two workflow ids and a conformance command to paste", async () => {
    const quirks = ["--quirk", "messages=object", "--quirk", "limitCap=500"];
    const cli = run(["--port", "0", "--jobs", "10", ...quirks, "--token-lifetime", "900"]);
    await cli.output(/Press Ctrl\+C/);
    const { stdout } = cli.text();
    expect(stdout).toMatch(/tokens live 900 s/);
    expect(stdout).toContain("Quirks: messages=object limitCap=500");
    const workflows = stdout.match(/^ {2}([0-9a-f]{24}) {2}\S.*\.yx(md|wz)$/gm) ?? [];
    expect(workflows).toHaveLength(2);
    const url = stdout.match(/listening on (\S+)/)?.[1];
    const workflowId = workflows[0]?.trim().slice(0, 24);
    const key = "ALTERYX_CLIENT_ID=[0-9a-f]{20} ALTERYX_CLIENT_SECRET=[0-9a-f]{48}";
    // The command line's command, which works wherever alteryx-jobs is installed; from a clone, the npm script's too.
    expect(stdout).toMatch(
      new RegExp(`^ {2}ALTERYX_BASE_URL=${url} ${key} alteryx-jobs conformance --workflow-id ${workflowId}$`, "m"),
    );
    expect(stdout).toMatch(
      new RegExp(
        `^ {2}${key} ALTERYX_ALLOW_WRITES=1 ALTERYX_WORKFLOW_ID=${workflowId} npm run conformance -- --target ${url}$`,
        "m",
      ),
    );
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
  });

  it("refuses bad options with a usage line and exit code 1", async () => {
    const cli = run(["--jobs", "lots"]);
    const tooMany = run(["--jobs", "2000000", "--port", "0"]);
    expect(await cli.exited).toBe(1);
    expect(cli.text().stderr).toMatch(/--jobs must be a number/);
    expect(cli.text().stderr).toMatch(/usage:/);
    expect(await tooMany.exited).toBe(1);
    expect(tooMany.text().stderr).toMatch(/jobs must be an integer from 0 to 1000000/);
    const badQuirk = run(["--port", "0", "--quirk", "messages=list"]);
    expect(await badQuirk.exited).toBe(1);
    expect(badQuirk.text().stderr).toMatch(/quirk messages must be one of array, object, not 'list'/);
  });
});
