/**
 * `npm start`: build the H5 mini-program if its sources changed, migrate and seed the local D1,
 * then serve everything on http://127.0.0.1:8787 (API, staff console, H5 app).
 */
import { migrate, seed } from "./db";
import { ensureBuilt } from "./miniapp";
import { localDevVars, wranglerProcess } from "./wrangler";

ensureBuilt("h5");
migrate();
await seed();
const dev = wranglerProcess(["dev", "--ip", "127.0.0.1", "--port", "8787", ...localDevVars]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
