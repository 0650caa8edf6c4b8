/**
 * `npm start`: build the H5 mini-program if its sources changed, migrate and seed the local D1,
 * then serve everything on http://127.0.0.1:8787 (API, H5 app, and the staff console's own Worker
 * behind the main one's CONSOLE binding: both Workers run in the one `wrangler dev`).
 */
import { migrate, seed } from "./db";
import { ensureBuilt } from "./miniapp";
import { localDevArgs, wranglerProcess } from "./wrangler";

ensureBuilt("h5");
migrate();
await seed();
const dev = wranglerProcess(["dev", "--ip", "127.0.0.1", "--port", "8787", ...localDevArgs]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
