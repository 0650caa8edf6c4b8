/**
 * `npm start`: migrate and seed the local D1, then serve everything on http://127.0.0.1:8787.
 */
import { migrate, seed } from "./db";
import { wranglerProcess } from "./wrangler";

migrate();
await seed();
const dev = wranglerProcess(["dev", "--ip", "127.0.0.1", "--port", "8787"]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
