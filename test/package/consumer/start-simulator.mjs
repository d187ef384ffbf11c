import { startSimulator } from "alteryx-jobs-simulator";
const sim = await startSimulator({ jobs: 3 });
const { token } = sim.users.find((user) => user.role === "Curator");
const answer = await fetch(`${sim.url}/v3/jobs`, { headers: { authorization: `Bearer ${token}` } });
console.log(answer.status, (await answer.json()).pagination.totalItems);
await sim.close();
