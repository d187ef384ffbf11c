#!/usr/bin/env node
/**
 * alteryx-jobs-simulator [--port 4011] [--jobs N] [--seed S] [--time-scale X] [--token-lifetime S] [--quirk name=value]
 * (`npm run simulator -- ...` in a clone).
 * Starts the simulator, prints its URL, every user's credentials, two workflow ids and a conformance command,
 * and runs until SIGINT/SIGTERM. The work is in command.ts, which `alteryx-jobs simulator` calls too.
 */
import { runSimulatorCommand } from "./command.js";

process.exitCode = await runSimulatorCommand(process.argv.slice(2));
